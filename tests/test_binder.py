"""Binder launches as is: the environment repo2docker builds from .binder/ reads every chapter.

Simulates mybinder.org's build without Docker, in a fresh virtual environment:
1. the Python of .binder/runtime.txt (or, if this machine has none, this interpreter's);
2. Binder's base server packages first (tests/binder_base.txt: repo2docker's frozen conda
   environment, as pip packages, installed exactly);
3. .binder/requirements.txt, as repo2docker's `pip install -r` does (with uv: same pins, faster);
4. .binder/postBuild, run in the repository folder as repo2docker runs it.
Then starts that environment's `jupyter lab` in the repository folder, opens a chapter in
Chromium, and checks that it renders with jupyterlab-myst, that its kernel starts and that
`import lossbook` there is the repository's own folder (an editable install).

Cost: about 11 s to build the environment with a warm uv cache (venv 0.4 s, base 3.3 s,
requirements 3.0 s, postBuild 4.1 s) and 15-30 s for JupyterLab and Chromium. A run without
this tier: pytest -k "not binder"; this tier alone: pytest tests/test_binder.py.
"""

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lab_helpers import CURRENT, assert_lab_extensions_ok, chromium_available, chromium_page, jupyter_lab, open_notebook, run_in_kernel

ROOT = Path(__file__).resolve().parents[1]
BINDER = ROOT / ".binder"
BASE = Path(__file__).with_name("binder_base.txt")
CHAPTER = "book/02_mse_and_regression.ipynb"
# What a reader's Binder must not carry: test, website-build and reference-only packages.
NOT_FOR_READERS = {"pytest", "playwright", "hypothesis", "torch", "sphinx", "jupyter-book", "myst-nb",
                   "nbval", "scipy", "scikit-learn", "uv"}

uv = pytest.importorskip("uv", reason="uv (requirements/test.txt) builds the Binder-like environment")
pytest.importorskip("playwright.sync_api", reason="Playwright's Python package is not installed")
if not chromium_available():
    pytest.skip("Chromium is not installed (apt-get install -y chromium)", allow_module_level=True)


def runtime_python():
    """'3.11' from .binder/runtime.txt's 'python-3.11'."""
    match = re.fullmatch(r"python-(\d+\.\d+)", (BINDER / "runtime.txt").read_text().strip())
    assert match, "runtime.txt must read python-X.Y"
    return match.group(1)


def _run(cmd, **kwargs):
    done = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kwargs)
    assert done.returncode == 0, f"{' '.join(map(str, cmd))} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done.stdout


@pytest.fixture(scope="module")
def binder_env(tmp_path_factory):
    """The Binder-like environment: (its bin/ folder, its `jupyter labextension list` running)."""
    env_dir = tmp_path_factory.mktemp("binder") / "env"
    uv_bin = uv.find_uv_bin()
    uv_env = {**os.environ, "UV_PYTHON_DOWNLOADS": "never"}
    uv_env.pop("VIRTUAL_ENV", None)
    seconds = {}

    start = time.monotonic()
    made = subprocess.run([uv_bin, "venv", "--quiet", "--python", runtime_python(), str(env_dir)],
                          capture_output=True, text=True, env=uv_env)
    if made.returncode != 0:  # no such Python here: the closest we have
        _run([uv_bin, "venv", "--quiet", "--python", sys.executable, env_dir], env=uv_env)
    python = env_dir / "bin" / "python"
    seconds["venv"] = time.monotonic() - start

    start = time.monotonic()
    _run([uv_bin, "pip", "install", "--quiet", "--python", python, "--no-deps", "-r", BASE], env=uv_env)
    seconds["base"] = time.monotonic() - start

    start = time.monotonic()
    _run([uv_bin, "pip", "install", "--quiet", "--python", python, "-r", BINDER / "requirements.txt"], env=uv_env)
    seconds["requirements"] = time.monotonic() - start

    start = time.monotonic()
    path_env = {**os.environ, "PATH": f"{env_dir / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    path_env.pop("VIRTUAL_ENV", None)
    _run([BINDER / "postBuild"], cwd=ROOT, env=path_env)
    seconds["postBuild"] = time.monotonic() - start

    (env_dir.parent / "timings.json").write_text(json.dumps(seconds, indent=1))
    # takes seconds: runs while the browser test does
    listing = subprocess.Popen([env_dir / "bin" / "jupyter", "labextension", "list"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    yield env_dir / "bin", listing
    if listing.poll() is None:
        listing.kill()
        listing.wait()


def test_binder_files_are_what_repo2docker_needs():
    assert runtime_python() in ("3.10", "3.11", "3.12", "3.13", "3.14")  # repo2docker's frozen server envs
    assert os.access(BINDER / "postBuild", os.X_OK), "postBuild must be executable"
    # repo2docker installs requirements.txt from a copy of that one file, before the
    # repository is there: no -r/-c to other files, no local paths (they also disable its cache)
    for line in (BINDER / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        assert not re.match(r"(-r|-c|-e|--requirement|--constraint|--editable|\.|/|file:)", line), line


def test_binder_jupyterlab_opens_a_chapter_with_an_editable_lossbook(binder_env, tmp_path_factory):
    bin_dir, _ = binder_env
    with jupyter_lab(bin_dir, ROOT, tmp_path_factory.mktemp("binder-lab")) as base:
        with chromium_page(base) as (page, _):
            open_notebook(page, CHAPTER)
            assert page.locator(f"{CURRENT} aside.myst-admonition").count() > 0, "MyST not rendered"
            out = run_in_kernel(page, "import sys, lossbook; print(lossbook.__file__); print(sys.prefix)")
    lossbook_file, prefix = out.split()
    assert Path(lossbook_file) == ROOT / "lossbook" / "__init__.py", out
    assert Path(prefix) == bin_dir.parent, out


def test_binder_environment_is_consistent_and_lean(binder_env):
    bin_dir, _ = binder_env
    python = bin_dir / "python"
    _run([uv.find_uv_bin(), "pip", "check", "--python", python])
    names = {re.sub(r"[-_.]+", "-", p["name"]).lower() for p in
             json.loads(_run([uv.find_uv_bin(), "pip", "list", "--python", python, "--format", "json"]))}
    assert not names & NOT_FOR_READERS, f"not for Binder: {sorted(names & NOT_FOR_READERS)}"
    assert_lab_extensions_ok(binder_env[1])
