"""Local Sphinx extension for the lossbook website (registered in _config.yml).

What it changes in the website, and why (each is checked by tests/test_site_*.py):

- **Navigation.** sphinx-book-theme 1.3.0 on pydata-sphinx-theme 0.17.1 renders two
  ``.primary-toggle`` buttons, in PyData's 64 px header (which also holds a second search
  box) and in the book theme's article header; both themes' scripts bind the first, hidden
  one, so the visible toggle does nothing and below 992 px the chapter list cannot be opened
  (pydata-sphinx-theme issue #2451). Later releases of either theme need Sphinx 8, which
  Jupyter Book 1 does not support; the previous pair, sphinx-book-theme 1.2.0 with
  pydata-sphinx-theme 0.16.1, has no header and works (tried), but would downgrade both.
  PyData 0.17 draws its header only when a ``navbar_*`` theme option is set and sets
  ``navbar_persistent`` (the search box) unless the book does: we set it to nothing, so the
  header, its search box and its toggles are gone (the 0.16 layout) and both scripts bind
  the visible toggles.
  ``lossbook-site.js``/``.css`` let the page contents fold away on wide screens too.
- **Maths** at the text's size: MathJax scales it to the body font's x-height (127 %)
  unless told not to; display maths scrolls inside its box on a phone (``lossbook-site.css``).
- **Accessibility.** The theme's search and colour-mode buttons get names that contain their
  visible text (``sphinx_lossbook_files/templates``); links in exercise boxes a colour with
  enough contrast; every run of Chinese characters in an English page is wrapped in
  ``<span lang="zh">`` after the build (article, chapter list, page contents, links).
- **Search.** The English index also holds the words inside each Chinese run, found with
  jieba ("更多损失函数" -> 更多, 损失, 函数, and each character), and the search page splits a
  Chinese query into the words the index knows, so "交叉" and "损失函数" find every page that
  uses them. Result snippets come from the article's prose, not from the page contents, code
  or TeX (``lossbook-site.js``).
- **Lighter pages.** The ipywidgets state that myst-nb embeds from each notebook's metadata
  is dropped: the website shows the explorers' static HTML form and never loads the widget
  JavaScript. So are Thebe's stylesheet and per-page configuration, as its scripts:

Jupyter Book always loads sphinx-thebe. We do not use Thebe (readers run code on Binder or
locally), and its inline configuration script is added once per read phase, so on some
builds the page declares ``const THEBE_JS_URL`` twice and logs a console error. This drops
Thebe's scripts from every page; nothing else on the page depends on them.
"""

import logging
import re
from pathlib import Path

from docutils import nodes
from sphinx.search.en import SearchEnglish

FILES = Path(__file__).with_name("sphinx_lossbook_files")

# --- Lighter pages ------------------------------------------------------------------------

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def _unused(asset):
    name = str(getattr(asset, "filename", asset) or "").lower()
    attributes = getattr(asset, "attributes", {}) or {}
    return ("thebe" in name
            or "THEBE_JS_URL" in str(attributes.get("body", ""))
            or attributes.get("type") == WIDGET_STATE)


def _drop_thebe(app, pagename, templatename, context, doctree):
    """Drop Thebe's scripts and stylesheet and the unused ipywidgets state."""
    for key in ("script_files", "css_files"):
        if context.get(key):
            context[key] = [a for a in context[key] if not _unused(a)]


def _drop_thebe_config(app, doctree, docname):
    """sphinx-thebe appends its per-page configuration (two inline scripts) to every
    doctree; nothing reads it once its scripts are gone."""
    for raw in list(doctree.findall(nodes.raw)):
        if "x-thebe-config" in raw.astext() or "kernelName =" in raw.astext():
            raw.parent.remove(raw)


def _visit_hidden_code(self, node):
    """myst-nb's folded code cell (a <details>), with the summary named by its visible text
    ("Show code cell source"): myst-nb's aria-label "Toggle hidden content" left that text
    out of the name (axe: label-content-name-mismatch)."""
    from html import escape

    self.body.append(f'<details class="admonition hide {" ".join(node["classes"])}">\n<summary>\n'
                     f'<p class="collapsed admonition-title">{escape(node["prompt_show"])}</p>\n'
                     f'<p class="expanded admonition-title">{escape(node["prompt_hide"])}</p>\n'
                     "</summary>\n")


def _depart_hidden_code(self, node):
    self.body.append("</details>\n")


# --- Chinese runs carry lang="zh" ---------------------------------------------------------

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"          # CJK ideographs
_CJK_PUNCT = "\u3000-\u303f\uff01-\uff5e"                    # 、。「」 and full-width forms
# a run: Chinese characters, with the Chinese punctuation between them
HAN = re.compile(f"[{_HAN}](?:[{_HAN}{_CJK_PUNCT}]*[{_HAN}])?")
# Where a run is left alone: code, maths (MathJax reads the text as TeX), elements that
# cannot hold a <span>, and text already tagged.
_SKIP_TAGS = {"pre", "code", "kbd", "samp", "option", "textarea", "svg", "math"}
_TOKEN = re.compile(r"<!--.*?-->|<(script|style|title)\b[^>]*>.*?</\1\s*>|<[^>]*>|[^<]+",
                    re.S | re.I)
_OPEN = re.compile(r"<([a-zA-Z][\w-]*)([^>]*?)(/?)>")
_CLOSE = re.compile(r"</([a-zA-Z][\w-]*)\s*>")


def _skips(tag, attributes):
    return (tag in _SKIP_TAGS or re.search(r"\blang=[\"']zh", attributes) is not None
            or re.search(r"\bclass=[\"'][^\"']*\bmath\b", attributes) is not None)


def tag_chinese(html):
    r"""The page with each run of Chinese characters in its text wrapped in
    ``<span lang="zh">``; markup, code, maths and text already tagged are left as they are.

    >>> tag_chinese('<p title="交叉">Cross-entropy (交叉熵)</p><code>熵</code>')
    '<p title="交叉">Cross-entropy (<span lang="zh">交叉熵</span>)</p><code>熵</code>'
    >>> tag_chinese(r'<span class="math">\(\text{熵}\)</span> <span lang="zh">熵</span>')
    '<span class="math">\\(\\text{熵}\\)</span> <span lang="zh">熵</span>'
    """
    out, skipping, depth = [], None, 0
    for token in _TOKEN.finditer(html):
        text = token.group(0)
        if text.startswith("<"):
            opened, closed = _OPEN.match(text), _CLOSE.match(text)
            if skipping is None:
                if opened and not opened.group(3) and _skips(opened.group(1).lower(),
                                                             opened.group(2)):
                    skipping, depth = opened.group(1).lower(), 1
            elif opened and opened.group(1).lower() == skipping and not opened.group(3):
                depth += 1
            elif closed and closed.group(1).lower() == skipping:
                depth -= 1
                if depth == 0:
                    skipping = None
        elif skipping is None:
            text = HAN.sub(lambda run: f'<span lang="zh">{run.group(0)}</span>', text)
        out.append(text)
    return "".join(out)


def _tag_chinese_in_pages(app, exception):
    """After an HTML build of a non-Chinese edition, tag the Chinese runs of the pages it
    wrote: the article, and also the chapter list, page contents and previous/next links,
    which the theme renders from the titles."""
    if exception or app.builder.format != "html":
        return
    if (app.config.language or "en").lower().startswith("zh"):
        return
    for pagename in [*sorted(app.env.found_docs), "search", "genindex"]:
        path = Path(app.builder.get_outfilename(pagename))
        if path.is_file():
            html = path.read_text(encoding="utf-8")
            tagged = tag_chinese(html)
            if tagged != html:
                path.write_text(tagged, encoding="utf-8")


# --- Search: Chinese words in the English index -------------------------------------------

CJK_RUN = re.compile(f"[{_HAN}]+")

# The query side (the browser has no jieba): each Chinese run of the query is split into
# the longest words the index knows, left to right; Sphinx then finds the pages that hold
# all of them. Replaces searchtools.js's default splitQuery (same Latin splitting).
JS_SPLITTER = r"""
function splitQuery(query) {
  const han = /\p{Script=Han}/u;
  const index = (typeof Search !== "undefined" && Search._index) || {};
  const known = (word) => [index.terms, index.titleterms].some((terms) => {
    const files = terms && Object.prototype.hasOwnProperty.call(terms, word) ? terms[word] : [];
    return Array.isArray(files) ? files.length > 0 : true;   // one file: a number
  });
  const out = [];
  for (const term of query.split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu)) {
    for (const part of term.split(/(\p{Script=Han}+)/u)) {
      if (!part) continue;
      if (!han.test(part) || known(part)) { out.push(part); continue; }
      for (let i = 0, j; i < part.length; i = j) {
        for (j = part.length; j > i + 1 && !known(part.slice(i, j)); j--);
        out.push(part.slice(i, j));
      }
    }
  }
  return out;
}
"""


class SearchEnglishWithChinese(SearchEnglish):
    """English search that also indexes the words inside Chinese runs.

    Each run gives every word of jieba's dictionary that occurs in it (jieba's "full mode",
    ``cut(run, cut_all=True)``) and each of its characters; the run itself is not a term.
    So the terms a page gets depend only on the text, not on where its runs happen to
    start and end: "损失函数对比" and "如何选择损失函数" both give 损失 and 函数, and a query that
    the search page splits into the index's words (:data:`JS_SPLITTER`) finds every page
    whose text contains it. jieba's ``cut_for_search`` would not do: it keeps a run's
    segmentation and guesses new words from context (its HMM), so "损失函数" is a term where
    it stands alone and no term inside "更多损失函数"."""

    js_splitter_code = JS_SPLITTER

    def init(self, options):
        super().init(options)
        import jieba

        jieba.setLogLevel(logging.WARNING)
        self._cut = jieba.cut

    def split(self, input):
        words = []
        for word in super().split(input):
            runs = CJK_RUN.findall(word)
            if not runs:
                words.append(word)
                continue
            words.extend(CJK_RUN.sub(" ", word).split())   # Latin letters glued to a run
            for run in runs:
                words.extend(w for w in self._cut(run, cut_all=True) if w.strip())
                words.extend(run)
        return words


# --- Setup --------------------------------------------------------------------------------

def _configure(app, config):
    # no PyData header: its toggles shadow the book theme's, its search box is a duplicate
    config.html_theme_options.setdefault("navbar_persistent", [])
    config.templates_path = [str(FILES / "templates"), *config.templates_path]
    config.html_static_path = [*config.html_static_path, str(FILES / "static")]
    mathjax = dict(config.mathjax3_config or {})
    mathjax.setdefault("chtml", {}).setdefault("matchFontHeight", False)
    config.mathjax3_config = mathjax


def setup(app):
    app.connect("config-inited", _configure)
    app.connect("doctree-resolved", _drop_thebe_config, priority=900)
    app.connect("build-finished", _tag_chinese_in_pages)
    app.add_search_language(SearchEnglishWithChinese)
    from myst_nb.sphinx_ import HideCodeCellNode

    app.add_node(HideCodeCellNode, override=True, html=(_visit_hidden_code, _depart_hidden_code))
    app.add_css_file("lossbook-site.css", priority=900)
    app.add_js_file("lossbook-site.js", priority=900)
    app.connect("html-page-context", _drop_thebe, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
