"""The two editions of the website: English in _build/html/, Chinese in _build/html/zh/.

Built by README step 1 (`jupyter-book build .`, then `python tools/i18n.py site`). Checks, on
the built HTML: every computed number of a chapter is the same on its English and its Chinese
page, and all of them are there; every page's language switch leads to the same page in the
other edition, whose switch leads back; `<html lang>`; the Chinese pages' launch and download
buttons give the Chinese notebook. In Chromium: the Chinese search finds words inside
sentences, and the switch works from a file:// URL. Skips (with the command to run) when an
edition is not built.
"""

import html as html_lib
import json
import posixpath
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
ZH = HTML / "zh"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def _pages(root, skip=()):
    """Every page of an edition, relative to its root (not the redirecting index.html, nor
    the theme's fragments under _static/ and _sources/)."""
    if not root.is_dir():
        return []
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html")
                  if p.relative_to(root).parts[0] not in ("_static", "_sources", *skip)
                  and p.relative_to(root).as_posix() != "index.html")


EN_PAGES = _pages(HTML, skip=("zh",))
ZH_PAGES = _pages(ZH)
CHAPTERS = [p for p in EN_PAGES if re.match(r"book/\d\d_.*\.html$", p)]
pytestmark = [
    pytest.mark.skipif(not EN_PAGES, reason="no built site: run `jupyter-book build .` first"),
    pytest.mark.skipif(not ZH_PAGES, reason="no Chinese edition built: run `python tools/i18n.py site`"),
]

SWITCH = re.compile(r'<a class="[^"]*\blossbook-language-switch\b[^"]*" href="([^"]+)"[^>]*\bhreflang="([^"]+)"', re.S)
EVAL = re.compile(r'<span class="lossbook-eval" data-name="([^"]+)">(.*?)</span></span>', re.S)
EVAL_ROLE = re.compile(r"\{eval\}`([^`]+)`")
TAG = re.compile(r"<[^>]+>")


def _read(path):
    return path.read_text(encoding="utf-8")


def _lang(page_html):
    m = re.search(r"<html\b[^>]*\blang=\"([^\"]+)\"", page_html)
    return m.group(1) if m else None


@pytest.mark.parametrize("root,pages,lang", [(HTML, EN_PAGES, "en"), (ZH, ZH_PAGES, "zh-CN")], ids=["en", "zh"])
def test_every_page_declares_its_language(root, pages, lang):
    wrong = {p: _lang(_read(root / p)) for p in pages if _lang(_read(root / p)) != lang}
    assert not wrong, f"pages whose <html lang> is not {lang!r}: {wrong}"


def test_both_editions_have_the_same_pages():
    assert ZH_PAGES == EN_PAGES


def _switch(page):
    """(target file, hreflang) of a page's one language switch."""
    found = SWITCH.findall(_read(page))
    assert len(found) == 1, f"{page.relative_to(HTML)}: {len(found)} language switches"
    href, hreflang = found[0]
    assert not re.match(r"[a-z]+:|/", href), f"{page.relative_to(HTML)}: the switch's URL is not relative: {href}"
    target = Path(posixpath.normpath(posixpath.join(page.parent.as_posix(), html_lib.unescape(href))))
    return target, hreflang


@pytest.mark.parametrize("path", EN_PAGES)
def test_language_switch_leads_to_the_same_page_and_back(path):
    english = HTML / path
    chinese, lang = _switch(english)
    assert lang == "zh-CN" and chinese == ZH / path, f"{path}: the switch leads to {chinese}"
    assert chinese.is_file(), f"{path}: the switch leads to a missing page {chinese.relative_to(HTML)}"
    back, lang = _switch(chinese)
    assert lang == "en" and back == english, f"zh/{path}: the switch leads back to {back}"


def _numbers(page):
    """{name: text} of every computed number ({eval} output) on a page, and how many there are."""
    found = [(name, TAG.sub("", text).strip()) for name, text in EVAL.findall(_read(page))]
    return dict(found), len(found)


def _eval_roles(notebook):
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    return [name for cell in nb["cells"] if cell["cell_type"] == "markdown"
            for name in EVAL_ROLE.findall("".join(cell["source"]))]


@pytest.mark.parametrize("path", CHAPTERS)
def test_every_computed_number_is_the_same_in_both_editions(path):
    stem = Path(path).stem
    en, n_en = _numbers(HTML / path)
    zh, n_zh = _numbers(ZH / path)
    roles_en = _eval_roles(ROOT / "book" / f"{stem}.ipynb")
    roles_zh = _eval_roles(ROOT / "zh" / "book" / f"{stem}.ipynb")
    assert n_en == len(roles_en), f"{path}: {n_en} computed numbers on the English page, {len(roles_en)} {{eval}} roles"
    assert n_zh == len(roles_zh), f"zh/{path}: {n_zh} computed numbers on the Chinese page, {len(roles_zh)} {{eval}} roles"
    assert set(en) == set(roles_en) and set(zh) == set(roles_zh)
    assert set(zh) == set(en), f"{path}: names only in one edition: {sorted(set(en) ^ set(zh))}"
    differ = {name: (en[name], zh[name]) for name in en if en[name] != zh[name]}
    assert not differ, f"{path}: English vs Chinese: {differ}"
    assert all(en.values()), f"{path}: empty computed numbers: {[n for n, v in en.items() if not v]}"


@pytest.mark.parametrize("path", CHAPTERS)
def test_chinese_launch_and_download_buttons_give_the_chinese_notebook(path):
    page = _read(ZH / path)
    nb = path.replace(".html", ".ipynb")
    assert re.search(rf'href="https://mybinder\.org/v2/gh/[^"]+urlpath=lab/tree/zh/{re.escape(nb)}"', page), \
        f"zh/{path}: no Binder link to zh/{nb}"
    assert (ROOT / "zh" / nb).is_file(), f"the Binder and Colab links open zh/{nb}, which is not in the repository"
    assert re.search(rf'href="https://colab\.research\.google\.com/github/[^"]+/zh/{re.escape(nb)}"', page), \
        f"zh/{path}: no Colab link to zh/{nb}"
    download = re.search(rf'href="([^"]*_sources/{re.escape(nb)})"', page)
    assert download, f"zh/{path}: no notebook download link"
    served = Path(posixpath.normpath(posixpath.join((ZH / path).parent.as_posix(), download.group(1))))
    assert served.read_bytes() == (ROOT / "zh" / nb).read_bytes(), f"zh/{path}: the download is not zh/{nb}"


# --- in Chromium ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    playwright = pytest.importorskip("playwright.sync_api", reason="Playwright's Python package is not installed")
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium not found: apt-get install -y chromium")
    from lab_helpers import CHROMIUM_ARGS

    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


# words inside sentences of the Chinese edition, and a page each must find
SEARCHES = {"交叉": "03_cross_entropy", "损失": "01_what_is_a_loss", "交叉熵": "03_cross_entropy"}


@pytest.mark.parametrize("term", SEARCHES)
def test_chinese_search_finds_words_inside_sentences(browser, term):
    """Sphinx's Chinese search index, split into words by jieba (the glossary's terms are
    words of their own), read from file:// as a reader who opens the built site does."""
    text = re.sub(r"<[^>]+>", "", "".join(_read(ZH / p) for p in CHAPTERS))
    assert term in text, f"{term!r} is not in the Chinese chapters: the search check would prove nothing"
    page = browser.new_page()
    try:
        page.goto((ZH / "search.html").as_uri() + f"?q={term}")
        page.wait_for_selector("#search-results li", timeout=15000)
        hits = page.eval_on_selector_all("#search-results li a", "as => as.map(a => a.getAttribute('href'))")
        assert any(SEARCHES[term] in h for h in hits), f"{term!r} found {hits}"
    finally:
        page.close()


def test_language_switch_works_from_a_file_url(browser):
    page = browser.new_page()
    try:
        page.goto((HTML / CHAPTERS[0]).as_uri())
        page.click("a.lossbook-language-switch")
        page.wait_for_load_state("load")
        assert page.url == (ZH / CHAPTERS[0]).as_uri()
        assert page.evaluate("document.documentElement.lang") == "zh-CN"
        assert page.locator("a.lossbook-language-switch").is_visible()
        page.click("a.lossbook-language-switch")
        page.wait_for_load_state("load")
        assert page.url == (HTML / CHAPTERS[0]).as_uri()
    finally:
        page.close()
