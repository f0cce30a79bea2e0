"""Regenerate the pinned requirement files from their `.in` inputs, with uv.

    pip install uv                                      # once
    python tools/compile_requirements.py                # keep today's pins where possible
    python tools/compile_requirements.py --upgrade      # newest releases of everything
    python tools/compile_requirements.py --upgrade-package jupyterlab-myst

The layers, each pinned for every supported Python (CPython 3.11, 3.12, 3.13; any OS) with
`uv pip compile --universal --python-version 3.11`:

    .binder/requirements.in  -> .binder/requirements.txt   the reader's set (Binder installs it)
    requirements/book.in     -> requirements/book.txt      + what builds the website
    requirements/test.in     -> requirements/test.txt      + what the tests need

A layer is resolved together with the layers below it, constrained to their pins, and its
file lists only the packages the layers below do not pin, after `-r` to the layer below.
Binder copies `.binder/requirements.txt` alone, so that file is self-contained. The root
`requirements.txt` (README step 1) is `-r requirements/test.txt` and `-e .`, written by hand.
Then check the pins on each Python: python tools/check_pins.py
"""

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = "3.11"  # the oldest supported Python; --universal keeps the pins valid above it
LAYERS = [  # (input, output, the layer below)
    (".binder/requirements.in", ".binder/requirements.txt", None),
    ("requirements/book.in", "requirements/book.txt", ".binder/requirements.txt"),
    ("requirements/test.in", "requirements/test.txt", "requirements/book.txt"),
]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==")


def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path):
    """The pin lines of a requirements file and of the files it includes with -r."""
    path = Path(path)
    if not path.exists():
        return []
    found = []
    for line in path.read_text().splitlines():
        line = line.split("  #")[0].strip()
        if line.startswith("-r "):
            found += pins(path.parent / line[3:].strip())
        elif PIN.match(line):
            found.append(line)
    return found


def compile_layer(uv, source, target, below, extra):
    header = [
        f"# Pinned from {Path(source).name} for CPython >= {PYTHON} on any OS: do not edit by hand.",
        "# Regenerate: python tools/compile_requirements.py   (then: python tools/check_pins.py)",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        # the inputs of the layers below are resolved again (constrained to their pins), so
        # the resolution sees every requirement of the environment this file completes
        inputs = [ROOT / s for s, _, _ in LAYERS[: [s for s, _, _ in LAYERS].index(source) + 1]]
        constraints = tmp / "below.txt"
        if below:
            constraints.write_text("\n".join(pins(ROOT / below)) + "\n")
        # earlier pins (of this file, the layers below, or an old root requirements.txt) are kept
        # where they still fit: uv reads an existing output file as preferences
        out = tmp / "out.txt"
        out.write_text("\n".join(pins(ROOT / target) + pins(ROOT / "requirements.txt")) + "\n")
        cmd = [uv, "pip", "compile", "--universal", "--python-version", PYTHON, "--quiet",
               "--no-header", "--annotation-style", "line", "-o", str(out), *map(str, inputs), *extra]
        if below:
            cmd += ["-c", str(constraints)]
        subprocess.run(cmd, check=True, cwd=ROOT)
        below_names = {canonical(PIN.match(p).group(1)) for p in (pins(ROOT / below) if below else [])}
        body = []
        for line in out.read_text().splitlines():
            match = PIN.match(line)
            if match and canonical(match.group(1)) not in below_names:
                body.append(line)
    include = [f"-r {Path(below).relative_to(Path(target).parent) if below.startswith(str(Path(target).parent)) else Path('..') / below}"] if below else []
    lines = header + include + body
    (ROOT / target).write_text("\n".join(lines) + "\n")
    print(f"{target}: {len(body)} pins" + (f" on top of {below}" if below else ""))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--upgrade", action="store_true", help="ignore the current pins")
    parser.add_argument("--upgrade-package", action="append", default=[], metavar="NAME")
    args = parser.parse_args()
    uv = shutil.which("uv") or shutil.which("uv", path=str(Path(sys.executable).parent))
    if not uv:
        sys.exit("uv is not installed: pip install uv")
    extra = (["--upgrade"] if args.upgrade else []) + [f"--upgrade-package={p}" for p in args.upgrade_package]
    for source, target, below in LAYERS:
        compile_layer(uv, source, target, below, extra)


if __name__ == "__main__":
    main()
