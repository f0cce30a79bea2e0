"""Test tiers, workers and the no-skip rule, for every way pytest is started.

- ``pytest`` (no arguments, README step 2) runs every tier on two worker processes, except
  the Binder simulation, which builds a whole fresh environment: ``pytest tests/test_binder.py``
  (or ``-m binder``) runs it, and CI does so in a step of its own.
  ``pytest FILE`` runs in this process: no worker start-up.
- Every test carries one tier marker, chosen by where it lives (see ``TIERS``), so
  ``pytest -m unit`` runs the package alone; CONTRIBUTING.md lists the tiers.
- Skips: with ``CI`` set, a skipped test fails (CI must run everything). Locally a skip says
  why and what to install or build to remove it.
"""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

# tier -> where its tests live (first match wins); every test gets exactly one tier marker
TIERS = {
    "notebooks": lambda path: path.suffix == ".ipynb",
    "site": lambda path: path.name.startswith("test_site_"),
    "binder": lambda path: path.name == "test_binder.py",
    "lab": lambda path: path.name == "test_jupyterlab.py",
    "unit": lambda path: True,   # the package: lossbook/ doctests and the other tests/ files
}


def _kernels_check_figure_text():
    """Every IPython kernel the tests start (nbval's, JupyterLab's) runs
    tests/ipython_startup/ first: it fails a cell whose figure has text below the book's
    minimum size. A temporary IPYTHONDIR holds that profile, so nothing is written here."""
    if os.environ.get("LOSSBOOK_TEST_IPYTHONDIR"):
        return
    folder = Path(tempfile.mkdtemp(prefix="lossbook-ipython-"))
    atexit.register(shutil.rmtree, folder, True)
    shutil.copytree(Path(__file__).parent / "tests" / "ipython_startup", folder / "profile_default" / "startup")
    os.environ["IPYTHONDIR"] = os.environ["LOSSBOOK_TEST_IPYTHONDIR"] = str(folder)


def pytest_configure(config):
    _kernels_check_figure_text()
    for tier in TIERS:
        config.addinivalue_line("markers", f"{tier}: the {tier} tier (see conftest.py and CONTRIBUTING.md)")


def pytest_xdist_auto_num_workers(config):
    """``-n auto`` (in addopts): two workers, or none when pytest is given a single file."""
    paths = [a.split("::")[0] for a in config.args]
    if len(paths) == 1 and os.path.isfile(paths[0]):
        return 0
    return min(2, os.cpu_count() or 1)


# The slow tiers (a browser, a JupyterLab server, a fresh environment) start first, so that
# the two workers share them and the many short unit tests fill the gaps at the end.
START_FIRST = {"binder": 0, "lab": 0, "site": 1, "notebooks": 2, "unit": 3}


def pytest_collection_modifyitems(config, items):
    tiers = {}
    for item in items:
        for tier, belongs in TIERS.items():
            if belongs(item.path):
                item.add_marker(getattr(pytest.mark, tier))
                tiers[item] = tier
                break
    items.sort(key=lambda item: START_FIRST[tiers[item]])   # stable: file order kept within a tier
    # a whole-suite run (no paths, no -m) leaves the Binder simulation to its own command
    whole_suite = list(config.args) == list(config.getini("testpaths")) and not config.option.markexpr
    if whole_suite:
        binder = [item for item in items if tiers[item] == "binder"]
        if binder:
            config.hook.pytest_deselected(items=binder)
            items[:] = [item for item in items if tiers[item] != "binder"]


def _fail_skip_in_ci(report):
    if os.environ.get("CI") and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[-1] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, where every test must run: {reason}"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    _fail_skip_in_ci(report)
    return report


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector):
    report = yield
    _fail_skip_in_ci(report)
    return report
