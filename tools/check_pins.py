"""Check that each pinned requirement file resolves, complete, on every supported Python.

    python tools/check_pins.py                  # every file, CPython 3.11.5, 3.12, 3.13
    python tools/check_pins.py --python 3.13 .binder/requirements.txt

For each file and Python version it asks pip to resolve the file for that Python without
installing anything and without that Python being present:

    pip install --dry-run --ignore-installed --only-binary=:all: --python-version X
                --target TMP --report REPORT.json -r FILE  <lossbook's own dependencies>

(FILE's environment markers evaluated for Python X first: pip itself evaluates them for the
Python that runs it, whatever --python-version says), and fails (exit 1) if pip cannot resolve it, or if pip would install a package that the
file (with the files it includes by -r) does not pin: each file must be complete on its
own, since Binder installs .binder/requirements.txt alone and lossbook goes on top of it
with --no-deps (so pyproject.toml's dependencies are added to each resolution). Wheels
only (pip's rule for a foreign --python-version), except for the few pins in SDIST_ONLY:
pure-Python packages with no dependencies that are published as an sdist alone (jieba). Each
of those is left out of the resolution (nothing depends on it, it depends on nothing) and
checked on its own with --no-deps, which lets pip read an sdist for a foreign Python: it must
exist at its pin, accept Python X (Requires-Python), and still declare no dependencies.
Platform: this machine's (Linux x86-64).
Needs the package index (PyPI). The root requirements.txt is requirements/test.txt + `-e .`.
"""

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

try:
    from packaging.markers import Marker
except ImportError:  # pip always vendors it
    from pip._vendor.packaging.markers import Marker

ROOT = Path(__file__).resolve().parents[1]
FILES = [".binder/requirements.txt", "requirements/book.txt", "requirements/test.txt"]
PYTHONS = ["3.11.5", "3.12", "3.13"]  # the supported CPythons (README); 3.11.5: soupsieve's newest
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;#]+)")
# pins published as an sdist only: pure Python, no dependencies (checked: see check_sdist)
SDIST_ONLY = {
    "jieba": "Chinese word splitting for the Chinese edition's search index; sdist only (0.42.1)",
}


def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def pinned(path):
    """{name: {versions}} of the == pins in a requirements file and the files it includes."""
    found = {}
    for line in Path(path).read_text().splitlines():
        line = line.split(" #")[0].strip()
        if line.startswith("-r "):
            for name, versions in pinned(Path(path).parent / line[3:].strip()).items():
                found.setdefault(name, set()).update(versions)
        elif (m := PIN.match(line)):
            found.setdefault(canonical(m.group(1)), set()).add(m.group(2))
    return found


def lines(path):
    """The requirement lines of a file and of the files it includes, comments dropped."""
    for line in Path(path).read_text().splitlines():
        line = line.split(" #")[0].strip()
        if line.startswith("-r "):
            yield from lines(Path(path).parent / line[3:].strip())
        elif line and not line.startswith("#"):
            yield line


def for_python(path, python):
    """(requirements, constraints) of a file for one Python on Linux x86-64: each line's
    environment marker evaluated here, because pip evaluates markers for the Python that runs
    it, not for --python-version (which only selects wheels and checks Requires-Python)."""
    full = python if python.count(".") == 2 else python + ".0"
    env = {"python_version": ".".join(python.split(".")[:2]), "python_full_version": full,
           "implementation_name": "cpython", "platform_python_implementation": "CPython",
           "sys_platform": "linux", "platform_system": "Linux", "platform_machine": "x86_64", "os_name": "posix"}
    requirements, constraints = [], {}
    for line in lines(path):
        requirement, _, marker = line.partition(";")
        applies = not marker.strip() or Marker(marker.strip()).evaluate(env)
        if applies:
            requirements.append(requirement.strip())
        if (m := PIN.match(requirement.strip())) and (applies or canonical(m.group(1)) not in constraints):
            # packages pulled in by markers pip evaluates for its own Python still get a pin
            constraints[canonical(m.group(1))] = requirement.strip()
    return requirements, sorted(constraints.values())


def _sdist_only(requirement):
    m = PIN.match(requirement)
    return bool(m) and canonical(m.group(1)) in SDIST_ONLY


def check_sdist(requirement, python):
    """One SDIST_ONLY pin on its own: ``(metadata or None, message)``. pip reads the sdist's
    metadata (--no-deps allows sdists with a foreign --python-version) and checks its
    Requires-Python against ``python``; it must still declare no dependencies."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        run = subprocess.run([sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed",
                              "--quiet", "--no-deps", "--python-version", python, "--target",
                              str(Path(tmp) / "target"), "--report", str(report), requirement],
                             capture_output=True, text=True)
        if run.returncode != 0:
            stderr = "\n".join(ln for ln in run.stderr.splitlines() if not ln.startswith("WARNING: Location"))
            return None, f"{requirement} (sdist): pip could not resolve it:\n{stderr.strip()[-2000:]}"
        (meta,) = [i["metadata"] for i in json.loads(report.read_text())["install"]]
    if meta.get("requires_dist"):
        return None, (f"{requirement} is in SDIST_ONLY but now declares dependencies "
                      f"{meta['requires_dist']}: it cannot be checked apart any more")
    return meta, ""


def check(file, python):
    own_deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        requirements, constraints = for_python(ROOT / file, python)
        sdists = [r for r in requirements if _sdist_only(r)]
        requirements = [r for r in requirements if not _sdist_only(r)]
        constraints = [c for c in constraints if not _sdist_only(c)]
        (Path(tmp) / "requirements.txt").write_text("\n".join(requirements) + "\n")
        (Path(tmp) / "constraints.txt").write_text("\n".join(constraints) + "\n")
        cmd = [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet",
               "--only-binary=:all:", "--python-version", python, "--target", str(Path(tmp) / "target"),
               "--report", str(report), "-r", str(Path(tmp) / "requirements.txt"),
               "-c", str(Path(tmp) / "constraints.txt"), *own_deps]
        start = time.monotonic()
        run = subprocess.run(cmd, capture_output=True, text=True)
        seconds = time.monotonic() - start
        if run.returncode != 0:
            # (this machine's pip configuration adds index locations that may not exist: noise)
            stderr = "\n".join(ln for ln in run.stderr.splitlines() if not ln.startswith("WARNING: Location"))
            return False, f"pip could not resolve it ({seconds:.0f} s):\n{stderr.strip()[-3000:]}"
        installs = {canonical(i["metadata"]["name"]): i["metadata"]["version"]
                    for i in json.loads(report.read_text())["install"]}
    for requirement in sdists:
        meta, problem = check_sdist(requirement, python)
        if meta is None:
            return False, problem
        installs[canonical(meta["name"])] = meta["version"]
    pins = pinned(ROOT / file)
    unpinned = sorted(f"{n}=={v}" for n, v in installs.items() if n not in pins)
    off = sorted(f"{n}=={v} (pinned {sorted(pins[n])})" for n, v in installs.items() if n in pins and v not in pins[n])
    if unpinned or off:
        return False, f"resolves, but not complete: unpinned {unpinned}, off-pin {off}"
    return True, f"{len(installs)} packages, all pinned ({seconds:.0f} s)"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", default=FILES)
    parser.add_argument("--python", action="append", help=f"Python version(s); default {PYTHONS}")
    args = parser.parse_args()
    pythons = args.python or PYTHONS
    from pip import __version__ as pip_version
    if tuple(map(int, pip_version.split(".")[:2])) < (25, 2):
        sys.exit(f"pip {pip_version} is too old for this check (pip 23 tests Requires-Python against the "
                 "Python that runs it): pip install -r requirements.txt brings pip>=25.2")
    jobs = [(f, p) for f in args.files for p in pythons]
    print(f"pip {subprocess.run([sys.executable, '-m', 'pip', '--version'], capture_output=True, text=True).stdout.split()[1]}, "
          f"dry runs (wheels only) of {len(args.files)} file(s) on CPython {', '.join(pythons)}", flush=True)
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(lambda job: check(*job), jobs))
    failed = 0
    for (file, python), (ok, message) in zip(jobs, results):
        failed += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {file} on {python}: {message}")
    print(f"{len(jobs) - failed} of {len(jobs)} resolutions passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
