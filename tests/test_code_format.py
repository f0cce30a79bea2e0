"""The notebooks' code is formatted by ruff and no code line is longer than 88 characters.

Static (no kernel), one test per notebook, so a chapter that is not formatted yet shows up by
name. The settings are ruff's, in ``pyproject.toml`` (``[tool.ruff]``, ``line-length = 88``):
fix a failure with ``ruff format book/NN_*.ipynb``, then split by hand the long strings and
comments that the formatter leaves alone. The website shows code cells in a column of about
88 characters; longer lines scroll sideways.
"""

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "book").glob("*.ipynb"))
LIMIT = 88


def ruff(*args):
    try:
        import ruff  # noqa: F401  (the PyPI package ships the binary)
    except ImportError:
        pytest.skip("ruff is not installed: pip install -r requirements/test.txt")
    return subprocess.run([sys.executable, "-m", "ruff", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def code_lines(notebook):
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] == "code":
            for line in "".join(cell["source"]).splitlines():
                yield cell.get("id"), line


def test_ruff_is_configured_for_88_columns():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["tool"]["ruff"]["line-length"] == LIMIT


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_code_is_ruff_formatted(notebook):
    result = ruff("format", "--check", "--diff", str(notebook.relative_to(ROOT)))
    assert result.returncode == 0, (
        f"{notebook.name} is not formatted: run `ruff format {notebook.relative_to(ROOT)}`\n"
        + (result.stdout or result.stderr)[-4000:]
    )


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_code_line_over_88_characters(notebook):
    long = [f"cell {cid}: {len(line)} characters: {line.strip()[:60]}…"
            for cid, line in code_lines(notebook) if len(line) > LIMIT]
    assert not long, f"{notebook.name}: {len(long)} code lines over {LIMIT}:\n" + "\n".join(long[:20])


def test_the_line_check_sees_a_long_line(tmp_path):
    # the check above must be able to fail: a notebook with one 89-character line
    notebook = tmp_path / "long.ipynb"
    cell = {"cell_type": "code", "id": "x", "metadata": {}, "outputs": [],
            "execution_count": None, "source": ["x = '" + "a" * 83 + "'"]}
    notebook.write_text(json.dumps({"cells": [cell]}), encoding="utf-8")
    assert [len(line) for _, line in code_lines(notebook)] == [LIMIT + 1]
