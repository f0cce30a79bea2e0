"""Checks of the built website (_build/html) that need no browser.

Run after `jupyter-book build .`; they skip (with the reason) when there is no build.
"""

import re
from pathlib import Path

import pytest

HTML = Path(__file__).resolve().parents[1] / "_build" / "html"
PAGES = sorted(HTML.rglob("*.html")) if HTML.is_dir() else []
pytestmark = pytest.mark.skipif(not PAGES, reason="no built site: run `jupyter-book build .` first")

# Any attribute that makes the browser fetch something: scripts, styles, fonts, images, frames.
FETCHING = re.compile(r'<(script|link|img|iframe|source|video|audio|embed)\b[^>]*?\b(src|href)\s*=\s*["\']([^"\']+)["\']', re.I)
CSS_URL = re.compile(r'url\(\s*["\']?(https?:)?//', re.I)


def _off_site(url):
    return url.startswith(("http://", "https://", "//"))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(HTML)) if PAGES else "")
def test_page_fetches_nothing_off_site(page):
    html = page.read_text(encoding="utf-8")
    fetched = [(tag, url) for tag, _, url in FETCHING.findall(html)
               if _off_site(url) and not (tag.lower() == "link" and _is_plain_link(html, url))]
    assert fetched == [], f"{page.name} loads from outside the site: {fetched}"


def _is_plain_link(html, url):
    """<link rel="canonical"/"alternate"> only names a URL; it does not fetch it."""
    for m in re.finditer(r"<link\b[^>]*>", html, re.I):
        tag = m.group(0)
        if url in tag:
            return bool(re.search(r'rel\s*=\s*["\'](canonical|alternate|author|license)["\']', tag, re.I))
    return False


def test_stylesheets_fetch_nothing_off_site():
    sheets = sorted(HTML.rglob("*.css"))
    offenders = [str(s.relative_to(HTML)) for s in sheets if CSS_URL.search(s.read_text(encoding="utf-8", errors="replace"))]
    assert offenders == []


def test_mathjax_is_served_locally():
    assert (HTML / "_static" / "mathjax" / "tex-chtml.js").is_file()
    pages_with_maths = [p for p in PAGES if 'class="math' in p.read_text(encoding="utf-8")]
    assert pages_with_maths, "no page has maths"
    for page in pages_with_maths:
        srcs = re.findall(r'<script[^>]*src="([^"]*mathjax[^"]*)"', page.read_text(encoding="utf-8"))
        assert srcs and all(not _off_site(s) for s in srcs), f"{page.name}: {srcs}"


# What a page carries but nothing uses (issue 12, "lighter pages"): the ipywidgets state that
# myst-nb embeds from a notebook's metadata (the site shows the explorers' static form and
# never loads the widget JavaScript), and sphinx-thebe's scripts, stylesheet and config.
UNUSED = {
    "widget state": re.compile(r"application/vnd\.jupyter\.widget-(state|view)\+json"),
    "Thebe": re.compile(r"thebe", re.I),
}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(HTML)) if PAGES else "")
def test_page_carries_nothing_unused(page):
    html = page.read_text(encoding="utf-8")
    found = {what: len(pattern.findall(html)) for what, pattern in UNUSED.items() if pattern.search(html)}
    assert not found, f"{page.name}: {found}"


def test_detector_catches_off_site_fetches():
    """The checks above would notice a CDN script, font stylesheet or remote image."""
    html = ('<script src="https://cdn.jsdelivr.net/npm/require.js"></script>'
            '<link rel="stylesheet" href="//fonts.example.org/x.css"><img src="http://x/y.png">'
            '<link rel="canonical" href="https://example.org/page.html">')
    fetched = [url for tag, _, url in FETCHING.findall(html) if _off_site(url) and not _is_plain_link(html, url)]
    assert fetched == ["https://cdn.jsdelivr.net/npm/require.js", "//fonts.example.org/x.css", "http://x/y.png"]
    assert CSS_URL.search("@font-face { src: url('https://fonts.gstatic.com/a.woff2') }")


# --- The values JupyterLab shows are the values the website shows -------------------------

BOOK = Path(__file__).resolve().parents[1] / "book"
NOTEBOOKS = sorted(BOOK.glob("*.ipynb"))
EVAL_ROLE = re.compile(r"\{eval\}`([^`]+)`")
INLINE_VALUE = re.compile(r'<span class="output text_plain">(.*?)</span>', re.S)


def stored_prose_values(notebook):
    """The text of every ``{eval}`` role of a notebook, in reading order, from the values
    stored in its Markdown cells' metadata (what jupyterlab-myst displays)."""
    import html as html_lib
    import json

    values = []
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        stored = {e["expression"]: e["result"]["data"]["text/plain"]
                  for e in cell["metadata"].get("user_expressions", [])}
        for name in EVAL_ROLE.findall("".join(cell["source"])):
            assert name in stored, f"{notebook.name}: no stored value for {{eval}}`{name}`: run tools/refresh_notebooks.py"
            text = stored[name]
            # a str's repr: quotes stripped for display, as jupyterlab-myst and myst-nb do
            if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
                text = text[1:-1]
            values.append(html_lib.escape(text, quote=False))
    return values


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_jupyterlab_values_equal_website_values(notebook):
    page = HTML / "book" / (notebook.stem + ".html")
    stored = stored_prose_values(notebook)
    shown = [v.strip() for v in INLINE_VALUE.findall(page.read_text(encoding="utf-8"))]
    assert len(shown) == len(stored), f"{page.name}: {len(shown)} inline values on the page, {len(stored)} in the notebook"
    differ = [(i, s, w) for i, (s, w) in enumerate(zip(stored, shown)) if s != w]
    assert not differ, f"{notebook.name}: stored (JupyterLab) vs website: {differ[:5]}"
