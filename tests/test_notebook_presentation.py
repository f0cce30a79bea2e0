"""How the stored notebooks present their code and errors, on the website and in JupyterLab.

Static (no kernel), one test per notebook:

- a cell folded on the website (tag ``hide-input``: plotting, glue, table formatting) is folded
  in JupyterLab too (``"jupyter": {"source_hidden": true}``), and the other way round;
- no stored output shows a path of the machine that ran it (a traceback through library
  frames does): a cell that fails on purpose shows ``ValueError: message``.
"""

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "book").glob("*.ipynb"))
MACHINE_PATHS = ("/work/", "/home/", "/root/", "/tmp/", "site-packages", "dist-packages")


def code_cells(notebook):
    return [c for c in json.loads(notebook.read_text(encoding="utf-8"))["cells"]
            if c["cell_type"] == "code"]


def text_of(output):
    parts = [output.get("text", ""), output.get("evalue", ""), *output.get("traceback", [])]
    for mime, value in output.get("data", {}).items():
        if mime.startswith("text/") and mime != "text/html":
            parts.append(value)
    return "".join("".join(p) if isinstance(p, list) else p for p in parts)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_folded_on_the_website_and_in_jupyterlab_alike(notebook):
    differ = []
    for cell in code_cells(notebook):
        website = "hide-input" in cell["metadata"].get("tags", [])
        lab = cell["metadata"].get("jupyter", {}).get("source_hidden", False)
        if website != lab:
            differ.append(f"{cell.get('id')}: hide-input {website}, source_hidden {lab}")
    assert not differ, f"{notebook.name}: " + "; ".join(differ)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_machine_path_in_stored_outputs(notebook):
    found = [(cell.get("id"), path) for cell in code_cells(notebook)
             for output in cell.get("outputs", []) for path in MACHINE_PATHS
             if path in text_of(output)]
    assert not found, f"{notebook.name}: outputs show machine paths {found}"


def test_the_path_check_reads_tracebacks():
    error = {"output_type": "error", "ename": "ValueError", "evalue": "bad",
             "traceback": ["File /work/x/lossbook/_validation.py:63, in wrapper"]}
    assert "/work/" in text_of(error)
