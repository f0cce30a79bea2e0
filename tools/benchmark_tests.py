"""Where the test suite's time goes: wall time and CPU-seconds of each tier, by kind of process.

    python tools/benchmark_tests.py              # the whole run (README step 2), then each tier alone
    python tools/benchmark_tests.py unit site    # only these tiers (unit, notebooks, site, lab, all)

Runs ``pytest`` (with the options in pyproject.toml) and samples the CPU time of its whole
process tree: pytest and its workers, the IPython kernels, Chromium's processes, JupyterLab.
On two cores a run is CPU-bound, so its wall time is at least its CPU-seconds / 2; this shows
which tier and which program to make cheaper. The budget (README step 2 in at most 90 s on two
cores) is reported, never enforced: a shared machine cannot gate on time. Exits 0.
"""

import collections
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
TIERS = {"all": [], "unit": ["-m", "unit"], "notebooks": ["-m", "notebooks"], "site": ["-m", "site"], "lab": ["-m", "lab"]}
BUDGET_S = 90


def kind(process):
    """What a process is, from its command line."""
    try:
        cmd = " ".join(process.cmdline())
    except psutil.Error:
        return "other"
    if "chromium" in cmd:
        return "Chromium"
    if "ipykernel" in cmd:
        return "kernels"
    if "jupyter" in cmd:
        return "JupyterLab"
    if "playwright" in cmd or "node" in process.name():
        return "Playwright driver"
    if "python" in process.name():
        return "pytest"
    return "other"


def measure(args):
    """Run pytest with args; return (wall s, {kind: CPU-s}, pytest's last line)."""
    start = time.monotonic()
    log = tempfile.TemporaryFile("w+")
    proc = subprocess.Popen([sys.executable, "-m", "pytest", "-q", *args], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    root, cpu, kinds = psutil.Process(proc.pid), {}, {}
    while proc.poll() is None:
        for p in [root, *root.children(recursive=True)]:
            try:
                times = p.cpu_times()
                cpu[p.pid] = times.user + times.system   # processes shorter than a sample are missed
                kinds.setdefault(p.pid, kind(p))
            except psutil.Error:
                pass
        time.sleep(0.3)
    log.seek(0)
    lines = log.read().strip().splitlines()
    wall = time.monotonic() - start
    by_kind = collections.Counter()
    for pid, seconds in cpu.items():
        by_kind[kinds[pid]] += seconds
    return wall, by_kind, (lines[-1] if lines else "")


def main(names):
    names = names or list(TIERS)
    unknown = [n for n in names if n not in TIERS]
    if unknown:
        sys.exit(f"unknown tier(s) {unknown}: choose from {list(TIERS)}")
    print(f"{os.cpu_count()} cores; budget for the whole run: {BUDGET_S} s wall (reported, not enforced)")
    for name in names:
        wall, by_kind, last = measure(TIERS[name])
        total = sum(by_kind.values())
        parts = ", ".join(f"{k} {v:.0f}" for k, v in by_kind.most_common() if v >= 0.5)
        print(f"{name:9s} {wall:6.1f} s wall  {total:6.1f} CPU-s ({parts})  | {last}", flush=True)
        if name == "all":
            verdict = "within" if wall <= BUDGET_S else "over"
            print(f"{'':9s} {verdict} the {BUDGET_S} s budget; CPU-s / cores = {total / (os.cpu_count() or 1):.0f} s, "
                  "the least this run can take here", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
