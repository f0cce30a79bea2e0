"""Static checks of the stored notebooks: what the build, JupyterLab and a download rely on.

Fast (no kernel): every `{eval}` role has a stored value, no myst-nb glue is left, every
chapter starts its code with the install cell built from `_config.yml`, and every Markdown
table a cell prints is parsed as MyST (else the website shows raw pipes).
"""

import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "book").glob("*.ipynb"))
sys.path.insert(0, str(ROOT / "tools"))
import refresh_notebooks  # noqa: E402


def cells(notebook):
    return json.loads(notebook.read_text(encoding="utf-8"))["cells"]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_eval_role_has_a_stored_value(notebook):
    missing = []
    for i, cell in enumerate(cells(notebook)):
        if cell["cell_type"] != "markdown":
            continue
        stored = {e["expression"] for e in cell["metadata"].get("user_expressions", [])}
        missing += [(i, name) for name in refresh_notebooks.eval_names("".join(cell["source"]))
                    if name not in stored]
    assert not missing, f"{notebook.name}: run tools/refresh_notebooks.py; no stored value for {missing}"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_glue_left(notebook):
    text = notebook.read_text(encoding="utf-8")
    assert "{glue" not in text and "myst_nb import glue" not in text


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_first_code_cell_installs_lossbook_from_the_configured_repository(notebook):
    code = [c for c in cells(notebook) if c["cell_type"] == "code"]
    assert code[0].get("id") == refresh_notebooks.INSTALL_CELL_ID
    assert "".join(code[0]["source"]) == refresh_notebooks.install_source(*refresh_notebooks.repository())
    assert "remove-cell" in code[0]["metadata"].get("tags", [])


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_printed_markdown_tables_are_parsed_as_myst(notebook):
    bad = [i for i, c in enumerate(cells(notebook)) if c["cell_type"] == "code"
           and any(re.search(r"^\|.*\|\s*$", "".join(o.get("data", {}).get("text/markdown", "")), re.M)
                   for o in c.get("outputs", []))
           and c["metadata"].get("mystnb", {}).get("markdown_format") != "myst"]
    assert not bad, f"{notebook.name}: cells {bad} print a Markdown table without mystnb.markdown_format: myst"
