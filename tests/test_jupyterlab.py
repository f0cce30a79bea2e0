"""Every chapter reads right in JupyterLab (with jupyterlab-myst), as a local reader or Binder opens it.

Starts `jupyter lab` from this environment (README step 1 installs jupyterlab-myst with it)
with the whole notebook in the DOM (windowingMode "none"), opens every chapter in Chromium
*without running anything*, and fails on MyST markup shown as text or when a computed value
of the chapter is missing: the values come from the results stored in the notebook
(`{eval}` roles with their user_expressions, and outputs), not from a kernel. One check is
live: an explorer cell executed in the kernel comes back as a working widget. A screenshot of
chapter 4's pneumonia section (light mode) goes to pytest's temporary folder.

The sample values below are what a reader must see; adjust them when a chapter changes.
"""

import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from lab_helpers import (CURRENT, RAW_MARKUP, chromium_available, chromium_page, close_current,
                         copy_book, http, jupyter_lab, markdown_text, start_kernels_on_open,
                         open_notebook)

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = sorted(p.name for p in (ROOT / "book").glob("*.ipynb"))

# Regular expressions searched in each chapter's rendered Markdown (whitespace collapsed to one
# space; maths renders as text with extra characters, hence the .{0,40}? gaps).
SAMPLE_VALUES = {
    "00_quick_tour.ipynb": [r"Both give 2\.50\b"],
    "01_what_is_a_loss.ipynb": [r"here their mean, 33\.33 cm"],
    # the line fit of article 003 (§4.1): squared errors 4+9+16+25+36 = 90, so J = 18 (9 with ½)
    "02_mse_and_regression.ipynb": [r"add up to 90, so .{0,40}?\b18 \(or 9 with the ½ convention\)"],
    "03_cross_entropy.ipynb": [r"carries 0\.693\b"],
    "04_comparisons.ipynb": [r"\(the value is 0\.2963\b"],
    "05_wider_family.ipynb": [r"mean score of 3\.3 under"],
    "06_choosing_a_loss.ipynb": [r"flipped labels are 4\.5 ?%"],
}
LIVE_CHAPTER, LIVE_EXPLORER = "04_comparisons.ipynb", "SigmoidLossExplorer()"

pytest.importorskip("playwright.sync_api", reason="Playwright's Python package is not installed")
if not chromium_available():
    pytest.skip("Chromium is not installed (apt-get install -y chromium)", allow_module_level=True)


def test_every_chapter_has_sample_values():
    assert sorted(SAMPLE_VALUES) == CHAPTERS, "add the new chapter's sample values to SAMPLE_VALUES"


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    served = copy_book(ROOT, tmp_path_factory.mktemp("lab-root"))
    nbformat.write(myst_sample_notebook(), served / "myst_sample.ipynb")
    listing = subprocess.Popen([sys.executable, "-m", "jupyter", "labextension", "list"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with jupyter_lab(Path(sys.executable).parent, served, tmp_path_factory.mktemp("lab")) as base:
        with chromium_page(base) as (page, errors):
            assert page.evaluate("document.body.dataset.jpThemeLight") == "true"
            start_kernels_on_open(page, False)
            yield base, page, errors, listing
    if listing.poll() is None:
        listing.kill()
        listing.wait()


def myst_sample_notebook():
    """A small notebook with what the chapters use: {eval} with a stored result, an
    admonition, an exercise and its solution, and a {ref} to the exercise."""
    md = nbformat.v4.new_markdown_cell(
        "The stored value is {eval}`x_text` here.\n\n"
        ":::{admonition} Watch out\n:class: warning\nAn admonition body.\n:::\n\n"
        "```{exercise}\n:label: ex-sample\nCompute $e^2$ for $e = 3$.\n```\n\n"
        "```{solution} ex-sample\n:class: dropdown\nIt is 9.\n```\n\n"
        "See {ref}`ex-sample`.\n")
    md.metadata["user_expressions"] = [{"expression": "x_text", "result": {
        "status": "ok", "data": {"text/plain": "'0.693'"}, "metadata": {}}}]
    # a negative control: myst-nb's glue role, which JupyterLab cannot render
    glued = nbformat.v4.new_markdown_cell("Glued: {glue:text}`glued_key:.2f`.")
    nb = nbformat.v4.new_notebook(cells=[md, glued, nbformat.v4.new_code_cell("x_text = '0.693'")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


ROLE = re.compile(r"\{([a-z][\w:-]*)\}`([^`]+)`")
# Roles jupyterlab-myst renders from what the notebook stores: anything else shows its body
# as plain text (e.g. {glue:text}`key:.2f` shows "key:.2f").
RENDERED_ROLES = {"eval", "ref", "numref", "math", "sub", "sup", "abbr", "term", "doc"}
IGNORED_CONSOLE_ERRORS = [
    "Cross reference target was not found",  # a {ref} to another notebook: checked as text below
    "Cannot read properties of null (reading 'kernel')",  # the widgets extension, on a notebook opened without a kernel
]


def look(page, errors, path):
    """Open a notebook (no kernel), return what a reader sees of it, close it."""
    errors.clear()
    open_notebook(page, path)
    try:
        return {"text": markdown_text(page), "visible": markdown_text(page, visible_only=True),
                "errors": [e for e in errors if not any(i in e for i in IGNORED_CONSOLE_ERRORS)]}
    finally:
        close_current(page)


@pytest.fixture(scope="module")
def chapters(lab):
    """Every chapter opened once in JupyterLab, without a kernel: {name: what it shows}."""
    base, page, errors, _ = lab
    seen = {chapter: look(page, errors, f"book/{chapter}") for chapter in CHAPTERS}
    assert json.loads(http(f"{base}/api/kernels")[1]) == [], "opening a chapter started a kernel"
    return seen


def markdown_sources(chapter):
    nb = nbformat.read(ROOT / "book" / chapter, as_version=4)
    return [c.source for c in nb.cells if c.cell_type == "markdown"]


def unrendered_roles(sources, text):
    """Roles of the Markdown sources that JupyterLab shows as their body text."""
    bodies = {(role, body) for src in sources for role, body in ROLE.findall(src) if role not in RENDERED_ROLES}
    return sorted(f"{{{role}}}`{body}`" for role, body in bodies if body in text)


def raw_markup(text):
    return sorted({m for m in RAW_MARKUP if m in text})


def around(text, needle, width=70):
    i = text.find(needle)
    return "…" + text[max(0, i - width): i + len(needle) + width] + "…"


def test_the_checks_see_rendered_myst_in_a_sample_notebook(lab):
    """The checks below are only as good as their view of jupyterlab-myst: on a small notebook
    it must show the stored {eval} value, an admonition, an exercise and a solution, no markup."""
    _, page, errors, _ = lab
    seen = look(page, errors, "myst_sample.ipynb")
    assert "The stored value is 0.693 here." in seen["text"], seen["text"]
    assert raw_markup(seen["text"]) == [], seen["text"]
    assert "Watch out" in seen["visible"] and "An admonition body." in seen["visible"], seen["visible"]
    assert "Exercise 1" in seen["visible"] and "Solution to Exercise 1" in seen["visible"], seen["visible"]
    assert "It is 9." in seen["text"]  # the solution, in a closed dropdown
    assert "ex-sample" not in seen["text"], "a {ref} shows its label"
    sources = [c.source for c in myst_sample_notebook().cells if c.cell_type == "markdown"]
    assert unrendered_roles(sources, seen["text"]) == ["{glue:text}`glued_key:.2f`"], seen["text"]
    assert seen["errors"] == [], seen["errors"]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_shows_no_markup_in_jupyterlab(chapters, chapter):
    seen = chapters[chapter]
    text = seen["text"]
    assert len(text) > 500, f"{chapter}: too little text rendered: {text[:300]!r}"
    found = raw_markup(text)
    assert not found, f"{chapter} shows MyST markup as text: " + " ".join(around(text, m) for m in found[:3])
    shown = unrendered_roles(markdown_sources(chapter), text)
    assert not shown, f"{chapter}: roles JupyterLab does not render, shown as text: {shown[:8]}"
    assert seen["errors"] == [], f"{chapter}: console errors in JupyterLab: {seen['errors'][:5]}"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_shows_its_computed_values_in_jupyterlab(chapters, chapter):
    text = chapters[chapter]["text"]
    missing = [v for v in SAMPLE_VALUES[chapter] if not re.search(v, text)]
    assert not missing, f"{chapter}: computed values not shown in JupyterLab: {missing}"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_cross_references_read_as_text(chapters, chapter):
    """A {ref} to another chapter cannot be resolved in JupyterLab: without an explicit text
    it shows its label (e.g. "ch-mse") next to a warning icon. Give every such {ref} a text."""
    text = chapters[chapter]["text"]
    labels = sorted({body for src in markdown_sources(chapter) for role, body in ROLE.findall(src)
                     if role in ("ref", "numref") and "<" not in body and re.search(rf"(?<![\w-]){re.escape(body)}(?![\w-])", text)})
    assert not labels, f"{chapter}: references shown as bare labels in JupyterLab: {labels}"


def test_pneumonia_section_screenshot_and_live_explorer(lab, tmp_path_factory):
    """Chapter 4 in light mode: a screenshot of the pneumonia section, then one explorer run in
    a kernel (after the chapter's imports) comes back as a live widget whose slider redraws it."""
    _, page, _, _ = lab
    start_kernels_on_open(page, True)
    open_notebook(page, f"book/{LIVE_CHAPTER}")
    try:
        heading = page.locator(f"{CURRENT} .jp-MarkdownCell h3", has_text="pneumonia").first
        heading.evaluate("e => e.scrollIntoView({block: 'start'})")
        shot = tmp_path_factory.mktemp("jupyterlab-screenshots") / "04_pneumonia_light.png"
        page.screenshot(path=str(shot))
        assert shot.stat().st_size > 10_000

        page.wait_for_function(
            "() => window.jupyterapp.shell.currentWidget.sessionContext.session?.kernel?.status === 'idle'",
            timeout=60_000)
        sources = page.evaluate("() => window.jupyterapp.shell.currentWidget.content.widgets"
                                ".map(c => c.model.type === 'code' ? c.model.sharedModel.source : '')")
        imports = next(i for i, s in enumerate(sources) if "import lossbook as lb" in s)
        explorer = next(i for i, s in enumerate(sources) if s.strip() == LIVE_EXPLORER)
        for index in (imports, explorer):
            page.evaluate("""async i => { const w = window.jupyterapp.shell.currentWidget;
                                         w.content.activeCellIndex = i;
                                         await window.jupyterapp.commands.execute('notebook:run-cell'); }""", index)
        widget = page.locator(f"{CURRENT} .jp-Cell[data-windowed-list-index='{explorer}'] .widget-vbox")
        image = widget.locator("img")
        image.wait_for(timeout=60_000)
        before = image.get_attribute("src")
        widget.locator(".widget-slider .noUi-handle").first.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("([sel, src]) => document.querySelector(sel)?.src !== src",
                               arg=[f"{CURRENT} .jp-Cell[data-windowed-list-index='{explorer}'] .widget-vbox img", before],
                               timeout=30_000)
    finally:
        close_current(page)


def test_jupyterlab_myst_and_widgets_extensions_are_enabled(lab):
    """`jupyter labextension list` (started with the server, it takes seconds) reports both
    extensions enabled and OK, with no incompatibility."""
    out, err = lab[3].communicate(timeout=60)
    listing = re.sub(r"\x1b\[[0-9;]*m", "", out + err)  # the list goes to stderr
    for name in ("jupyterlab-myst", "@jupyter-widgets/jupyterlab-manager"):
        line = next((ln for ln in listing.splitlines() if ln.strip().startswith(name + " ")), "")
        assert "enabled" in line and line.rstrip().split()[3] == "OK", f"{name}:\n{listing}"
    assert "is not compatible" not in listing, listing
