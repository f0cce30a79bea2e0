"""The built website in a real browser: every page, offline, with working maths, images,
navigation, explorers, search and accessibility, in light and dark mode.

Uses Debian's Chromium through Playwright's Python package (never `playwright install`).
Skips, with the reason, when Chromium, Playwright or the built site is missing; CI installs
all three and fails if anything here is skipped.

Every HTML page found under ``_build/html`` is checked (the English edition and, when it
is built, the Chinese one under ``zh/``), each with the language its ``<html lang>`` says.
Each page is loaded once, at 1280 x 900 in light mode, and every check runs on that page;
dark mode and the 390 px phone width switch the loaded page's colour scheme and viewport,
as a reader's system setting or a rotated phone would.

Screenshots (every chapter of the English edition at 1280 and 390 px, light and dark; the
Chinese pages have the same layout) and a report (axe-core's findings, the figures' display
scale, the maths' size) go to pytest's temporary folder; the run prints where (see the ``out``
fixture).

Accessibility is checked by axe-core, the npm package, from a pinned copy in
``tests/vendor/axe-core`` (``axe.min.js`` and its licence, MPL-2.0), so that the tests run
offline and CI needs no Node.js. To update it:
``npm pack axe-core@X.Y.Z && tar -xzf axe-core-X.Y.Z.tgz package/axe.min.js package/LICENSE``
and copy both files there.
"""

import contextlib
import functools
import http.server
import io
import re
import shutil
import threading
import urllib.parse
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DESKTOP, TABLET, PHONE = 1280, 900, 390
HEIGHT = 900


def _is_page(path):
    """A page of the site: not a theme fragment or source (_static, _sources), and not a
    redirect stub (the root index.html only forwards to the intro)."""
    rel = path.relative_to(HTML)
    if {"_static", "_sources"} & set(rel.parts[:-1]):
        return False
    head = path.read_text(encoding="utf-8", errors="replace")[:600]
    return not (path.stat().st_size < 2000 and 'http-equiv="Refresh"' in head)


PAGES = sorted(str(p.relative_to(HTML)) for p in HTML.rglob("*.html") if _is_page(p)) if HTML.is_dir() else []
CHAPTERS = [p for p in PAGES if re.search(r"(^|/)book/\d\d_", p)]
EDITION = [p for p in PAGES if not p.startswith("zh/")]   # the English edition (the root search)


def page_lang(path):
    match = re.search(r'<html[^>]*\blang="([^"]*)"', (HTML / path).read_text(encoding="utf-8")[:2000])
    return match.group(1) if match else ""


# Console messages that are upstream noise we cannot fix, each with the reason.
ALLOWED_CONSOLE = [
    # (none at present: the theme's "invalid theme mode" is fixed by html_context.default_mode,
    #  Thebe's scripts are dropped by tools/sphinx_lossbook.py, the favicon 404 by html.favicon)
]

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright's Python package is not installed")
pytestmark = [
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium not found: apt-get install -y chromium"),
    pytest.mark.skipif(not PAGES, reason="no built site: run `jupyter-book build .` first"),
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(HTML)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def out(tmp_path_factory, pytestconfig):
    """The folder for screenshots and the report (site-report.txt): ``site0`` in pytest's
    temporary folder (``/tmp/pytest-of-$USER/pytest-N/``, under ``popen-gwK/`` when pytest
    runs workers; ``--basetemp DIR`` chooses it). Printed when the folder is made."""
    folder = tmp_path_factory.mktemp("site")
    capture = pytestconfig.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled() if capture else contextlib.nullcontext():
        print(f"\nsite tests: screenshots and site-report.txt in {folder}")
    return folder


@pytest.fixture(scope="module")
def report(out):
    """report(line): add a line to site-report.txt."""
    def add(line):
        with open(out / "site-report.txt", "a", encoding="utf-8") as f:
            f.write(line + "\n")

    return add


LOADING_AT_ONCE = 3   # pages loading at the same time, each in its own browser process
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"


def _open(browser, site, path, *, width=DESKTOP):
    """Start loading a page (light mode) and record everything that goes wrong or leaves the
    site; :func:`_settle` waits for it. Off-site requests are aborted."""
    page = browser.new_page(viewport={"width": width, "height": HEIGHT}, color_scheme="light")
    log = {"console": [], "failed": [], "off_site": []}

    def off_site(route):
        log["off_site"].append(route.request.url)
        route.abort()

    # matched in the browser driver, so only off-site requests come back to Python
    page.route(re.compile(r"^(?!" + re.escape(site) + r"/|data:|blob:)"), off_site)
    page.on("console", lambda m: log["console"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: log["console"].append(f"page error: {e}"))
    page.on("requestfailed", lambda r: log["failed"].append(r.url) if r.url.startswith(site) else None)
    page.on("response", lambda r: log["failed"].append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(f"{site}/{urllib.parse.quote(path)}", wait_until="commit")
    return page, log


def _settle(page):
    """Wait until the page has loaded and MathJax has typeset it; switch off transitions, so
    that a check right after a click or a switch to dark mode sees the end state."""
    page.wait_for_load_state("load")
    page.add_style_tag(content=NO_TRANSITIONS)
    if page.locator(".math").count():
        page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise", timeout=15000)
        page.evaluate("() => MathJax.startup.promise")
    page.evaluate("() => document.fonts.ready.then(() => true)")


@pytest.fixture(scope="module")
def loaded(browser, site):
    """Every page, loaded once (1280 px, light mode) and shared by the checks below: loading a
    chapter (MathJax typesetting, dozens of figures) is most of the cost of a browser test.
    Pages load LOADING_AT_ONCE at a time, each in its own tab, so Chromium uses every core.
    A check that switches a page to dark mode or another width switches it back when done."""
    pages, opened = {}, []
    for path in PAGES:
        pages[path] = _open(browser, site, path)
        opened.append(pages[path][0])
        if len(opened) >= LOADING_AT_ONCE:
            _settle(opened.pop(0))
    for page in opened:
        _settle(page)
    yield pages.__getitem__
    for page, _ in pages.values():
        page.close()


def _set_dark(page, dark):
    page.emulate_media(color_scheme="dark" if dark else "light")
    mode = "dark" if dark else "light"
    page.wait_for_function(f"() => document.documentElement.dataset.theme === '{mode}'", timeout=5000)


# --- Every page: clean, offline, complete; maths typeset; Chinese tagged -------------------

# What raw TeX looks like when it leaks into the text: a command, a delimiter, a dollar sign.
RAW_TEX = re.compile(r"\\[A-Za-z]+|\\[()\[\]{}]|\$")

VISIBLE_PROSE_JS = """() => {
    const main = document.querySelector('main') || document.body;
    const copy = main.cloneNode(true);
    copy.querySelectorAll('pre, code, kbd, script, style, mjx-container').forEach(e => e.remove());
    return copy.textContent; }"""

UNTAGGED_CHINESE_JS = r"""() => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const skip = 'script, style, pre, code, mjx-container, svg, textarea, option';
    const found = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!/\p{Script=Han}/u.test(node.data) || node.parentElement.closest(skip)) continue;
        const tagged = node.parentElement.closest('[lang]');
        if (!tagged || !tagged.lang.toLowerCase().startsWith('zh')) found.push(node.data.trim().slice(0, 40));
    }
    return found; }"""

MATH_SIZE_JS = """() => [...document.querySelectorAll('mjx-container:not([display="true"])')].map(m =>
    parseFloat(getComputedStyle(m).fontSize) / parseFloat(getComputedStyle(m.parentElement).fontSize))"""


@pytest.mark.parametrize("path", PAGES)
def test_page_is_clean_offline_and_complete(loaded, path, report):
    page, log = loaded(path)
    if page.locator(".math").count():
        assert page.locator("mjx-container").count() > 0, "maths was not typeset"
        sizes = page.evaluate(MATH_SIZE_JS)
        if sizes:
            report(f"{path}\tinline maths / surrounding text size: {min(sizes):.2f}-{max(sizes):.2f}")
            assert max(sizes) <= 1.05, f"inline maths at {max(sizes):.0%} of the text size around it"
    # raw TeX or a stray $ in the text a reader sees (after MathJax; code excluded)
    prose = page.evaluate(VISIBLE_PROSE_JS)
    leaked = [prose[max(0, m.start() - 40):m.end() + 20].replace("\n", " ") for m in RAW_TEX.finditer(prose)]
    assert not leaked, f"raw TeX or a stray $ in the rendered text: {leaked[:5]}"
    lang = page_lang(path)
    assert lang, f"{path}: <html> has no lang"
    if not lang.lower().startswith("zh"):
        untagged = page.evaluate(UNTAGGED_CHINESE_JS)
        assert not untagged, f"Chinese text without lang=\"zh\" on a lang=\"{lang}\" page: {untagged[:5]}"
    images = page.evaluate("""() => [...document.images].map(i => ({src: i.currentSrc || i.src,
                               ok: i.complete && i.naturalWidth > 0, alt: (i.getAttribute('alt') || '').trim()}))""")
    broken = [i["src"] for i in images if not i["ok"]]
    no_alt = [i["src"] for i in images if not i["alt"]]
    assert not broken, f"images that did not load: {broken}"
    assert not no_alt, f"images without alt text: {no_alt}"
    errors = [m for m in log["console"] if not any(a in m for a in ALLOWED_CONSOLE)]
    assert not errors, f"console errors: {errors}"
    assert not log["failed"], f"failed requests: {log['failed']}"
    assert not log["off_site"], f"requests off the site: {log['off_site']}"


def test_raw_tex_detector_sees_leaks():
    """The pattern above catches what broken maths leaves in the text, and not prose."""
    for leak in ["the margin $$m = d_{an} - d_{ap}$$ is", r"sum \frac{1}{n}", "costs $5", r"a \(x\) b"]:
        assert RAW_TEX.search(leak), leak
    assert not RAW_TEX.search("Cross-entropy (交叉熵) is 0.693 nats; ŷ − y, 10⁻³, a/b, 50 %")


# --- Dark mode and the phone width: accessibility, screenshots, layout ----------------------

BLOCKING = ("serious", "critical")
# Dark mode changes colours only: the colour rules run again there. Colours are measured on
# the English edition, in both modes; the Chinese edition's pages are the same elements with
# the same stylesheet (only the words differ), so they get every other rule and are
# photographed in both modes, but their colours are not measured again: that would add a
# third of the file's time.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
COLOURS_MEASURED = EDITION
# Code cells are thousands of syntax-highlighting spans: half of a chapter's DOM and of
# axe's time. Their colours come from one Pygments style for the whole site, so code blocks
# are checked, with everything else, on the pages with little code (the intro, the quick
# tour, the index and search pages) and left out of axe's run on the chapters.
FULL_CHECK = {"book/intro.html", "book/00_quick_tour.html", "genindex.html", "search.html"}
AT_ONCE = 2   # pages that axe checks at the same time, each in its own browser process

# axe builds its tree of the whole document whatever it is told to exclude, so on the
# chapters the subtrees it has nothing to check are taken out while it runs and put back
# after (a chapter drops from ~22,000 elements to ~5,500; axe's time by two thirds):
# - a code block's syntax-highlighting spans, replaced by the same text (code is excluded
#   on the chapters anyway, see FULL_CHECK);
# - MathJax's glyph trees (<mjx-math aria-hidden="true">: each glyph is a ::before, so no
#   colour or name to check; axe only confirms nothing in them takes focus). A glyph tree
#   with anything focusable in it (e.g. a link from TeX's \href) stays, so that axe still
#   reports it (aria-hidden-focus). The maths containers stay, with the MathML that screen
#   readers read. Both are checked in full on the FULL_CHECK pages, which have code and 50
#   formulas.
# The page is the same after the run: the nodes themselves are put back, and counted.
STRIP_JS = """() => { const kept = [];
    window.lbElements = document.querySelectorAll(':not(script, style)').length;
    document.querySelectorAll('div.highlight pre').forEach(pre => {
        kept.push([pre, [...pre.childNodes]]); pre.replaceChildren(pre.textContent); });
    const focusable = 'a[href], area[href], button, input, select, textarea, iframe, [tabindex], [contenteditable]';
    document.querySelectorAll('mjx-container > mjx-math').forEach(m => { if (m.querySelector(focusable)) return;
        kept.push([m.parentNode, [m], m.nextSibling]); m.remove(); });
    window.lbStripped = kept; }"""
RESTORE_JS = """() => { for (const [parent, nodes, next] of window.lbStripped.reverse()) {
        if (next === undefined) parent.replaceChildren(...nodes); else parent.insertBefore(nodes[0], next); }
    delete window.lbStripped; return [window.lbElements, document.querySelectorAll(':not(script, style)').length]; }"""

# axe's colour check runs with its default options. Configuring it with
# axe.configure({checks: [{id: 'color-contrast', options: {ignorePseudo: true}}]}) (tried
# before) makes the check fail inside axe on every text ("error-occurred": every node
# "incomplete", which no test gates on), so no contrast finding could ever fail the test.

AXE_RUN_JS = """([context, options]) => { window.lbAxe = axe.run(context,
        Object.assign({resultTypes: ['violations']}, options)).then(result => result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(' ') + ': ' + (n.failureSummary || '').split('\\n').slice(1, 2).join('').trim())}))); }"""

PHONE_LAYOUT_JS = """() => ({
    wide: document.documentElement.scrollWidth,
    maths: [...document.querySelectorAll('mjx-container[display="true"]')]
        .filter(m => m.getBoundingClientRect().right > innerWidth + 1).length,
    squashed: [...document.querySelectorAll('article img')].filter(i => i.naturalWidth > 0)
        .filter(i => { const r = i.getBoundingClientRect();
                       return Math.abs(r.width / r.height - i.naturalWidth / i.naturalHeight) > 0.02 * i.naturalWidth / i.naturalHeight; })
        .map(i => i.alt.slice(0, 50))})"""


def _axe_everywhere(pages, mode, found):
    """axe-core on the pages, AT_ONCE at a time: in light mode every rule (the colour rules
    only on COLOURS_MEASURED), in dark mode the colour rules. Appends (mode, violation) to
    found[path]."""
    waiting, running = list(pages.items()), []
    while waiting or running:
        while waiting and len(running) < AT_ONCE:
            path, page = waiting.pop(0)
            if not page.evaluate("() => typeof axe !== 'undefined'"):
                page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
            context = {"exclude": [] if path.removeprefix("zh/") in FULL_CHECK else [[".highlight"]]}
            if mode == "dark":
                options = {"runOnly": {"type": "rule", "values": COLOUR_RULES}}
            elif path in COLOURS_MEASURED:
                options = {}
            else:
                options = {"rules": {rule: {"enabled": False} for rule in COLOUR_RULES}}
            page.evaluate(AXE_RUN_JS, [context, options])
            running.append((path, page))
        path, page = running.pop(0)
        found[path] += [(mode, v) for v in page.evaluate("() => window.lbAxe")]


SHOTS = [p for p in CHAPTERS if p in EDITION]   # photographed: the English edition's chapters


def _screenshot(page, out, path, width, mode):
    shot = out / f"{path.replace('/', '_').removesuffix('.html')}-{width}-{mode}.png"
    page.screenshot(path=str(shot))
    return shot


@pytest.fixture(scope="module")
def walked(loaded, out):
    """Every page taken once through dark mode and the phone width, with the fewest switches:
    axe-core in light mode, then dark (chapters without the subtrees axe has nothing to
    check, see STRIP_JS); screenshots of each English chapter at 1280 and 390 px in both
    modes (viewport-sized: a full-page capture of a long chapter costs seconds and checks
    nothing more); the layout at 390 px. The pages end as they began (light, 1280 px).

    Returns {path: {"axe": [(mode, violation)], "shots": [Path], "phone": {...}}}."""
    record = {path: {"axe": [], "shots": [], "phone": None} for path in PAGES}
    pages = {path: loaded(path)[0] for path in PAGES}
    found = {path: [] for path in PAGES}
    stripped = []
    try:
        if AXE.is_file():
            for path, page in pages.items():
                if path.removeprefix("zh/") not in FULL_CHECK:
                    page.evaluate(STRIP_JS)
                    stripped.append(path)
            _axe_everywhere(pages, "light", found)
            for path in COLOURS_MEASURED:
                _set_dark(pages[path], True)
            _axe_everywhere({p: pages[p] for p in COLOURS_MEASURED}, "dark", found)
            for path in COLOURS_MEASURED:
                _set_dark(pages[path], False)
            while stripped:
                path = stripped.pop()
                before, after = pages[path].evaluate(RESTORE_JS)
                assert after == before, f"{path}: {before} elements before axe's run, {after} after"
        for path, page in pages.items():
            shots = path in SHOTS
            if shots:
                record[path]["shots"].append(_screenshot(page, out, path, DESKTOP, "light"))
                _set_dark(page, True)
                record[path]["shots"].append(_screenshot(page, out, path, DESKTOP, "dark"))
            page.set_viewport_size({"width": PHONE, "height": HEIGHT})
            if shots:
                record[path]["shots"].append(_screenshot(page, out, path, PHONE, "dark"))
                _set_dark(page, False)
            record[path]["phone"] = page.evaluate(PHONE_LAYOUT_JS)
            if shots:
                record[path]["shots"].append(_screenshot(page, out, path, PHONE, "light"))
            page.set_viewport_size({"width": DESKTOP, "height": HEIGHT})
    finally:
        for path in stripped:
            pages[path].evaluate(RESTORE_JS)
        for page in pages.values():
            page.set_viewport_size({"width": DESKTOP, "height": HEIGHT})
            _set_dark(page, False)
    for path in PAGES:
        record[path]["axe"] = found[path]
    return record


@pytest.mark.skipif(not AXE.is_file(), reason="tests/vendor/axe-core/axe.min.js is missing (see the module docstring)")
@pytest.mark.parametrize("path", PAGES)
def test_accessibility_axe(walked, path, report):
    """No serious or critical violation of axe-core's rules: every rule in light mode, the
    colour rules in dark mode too (colours on the English edition, see COLOURS_MEASURED)."""
    found = walked[path]["axe"]
    for mode, v in found:
        report(f"{path}\taxe {mode}\t{v['impact']}\t{v['id']}\t{len(v['nodes'])} nodes\t{v['nodes'][0]}")
    blocking = [f"{mode}: {v['id']} ({v['impact']}) {v['help']}: {v['nodes'][:3]}"
                for mode, v in found if v["impact"] in BLOCKING]
    assert not blocking, "\n".join(blocking)


@pytest.mark.skipif(not AXE.is_file(), reason="tests/vendor/axe-core/axe.min.js is missing (see the module docstring)")
def test_axe_colour_check_can_fail(walked, loaded):
    """axe's colour rules, as the walk runs them, report low contrast in light mode and in
    dark mode only (a check configured so that it errors on every text reports nothing).
    Runs on the index page after the walk (hence the fixture), with two planted paragraphs,
    removed after."""
    page, _ = loaded("genindex.html")
    page.evaluate("""() => { const style = document.createElement('style'); style.id = 'lb-planted-style';
        style.textContent = '#lb-planted-light {color: #d0d0d0 !important} html[data-theme=dark] #lb-planted-dark {color: #3a3a3a !important}';
        document.head.append(style);
        for (const id of ['lb-planted-light', 'lb-planted-dark']) {
            const p = document.createElement('p'); p.id = id; p.textContent = 'Planted text of low contrast.';
            document.querySelector('main').append(p); } }""")
    only_colours = {"runOnly": {"type": "rule", "values": COLOUR_RULES}}
    try:
        found = {}
        for dark in (False, True):
            _set_dark(page, dark)
            page.evaluate(AXE_RUN_JS, [{"include": [["#lb-planted-light"], ["#lb-planted-dark"]]}, only_colours])
            found[dark] = {node.split(":")[0] for v in page.evaluate("() => window.lbAxe") for node in v["nodes"]}
    finally:
        _set_dark(page, False)
        page.evaluate("() => document.querySelectorAll('#lb-planted-style, #lb-planted-light, #lb-planted-dark').forEach(e => e.remove())")
    assert found[False] == {"#lb-planted-light"}, f"light mode: low contrast reported on {found[False]}"
    assert found[True] == {"#lb-planted-dark"}, f"dark mode: low contrast reported on {found[True]}"


@pytest.mark.parametrize("path", PAGES)
def test_phone_layout_and_screenshots(walked, path):
    """At 390 px nothing widens the page (display maths and tables scroll inside their
    boxes), figures shrink with their shape kept; every chapter of the English edition has its
    four screenshots (1280/390 px, light/dark)."""
    phone = walked[path]["phone"]
    assert phone["wide"] <= PHONE, f"the page is {phone['wide']} px wide on a {PHONE} px phone"
    assert phone["maths"] == 0, f"{phone['maths']} display equations reach past the screen's edge"
    assert not phone["squashed"], f"figures shown with another aspect ratio than their own: {phone['squashed'][:3]}"
    if path in SHOTS:
        shots = walked[path]["shots"]
        assert len(shots) == 4 and all(s.stat().st_size > 10_000 for s in shots), shots


# --- Figures ----------------------------------------------------------------------------------

FIGURE_PX_PER_INCH = 100   # the book's figures are made at 100 px per inch as displayed (1x)
MIN_FONT_PT = 8            # and use no text smaller than 8 pt (lossbook.plotting)

IMAGES_JS = """() => [...document.querySelectorAll('article img')].map(i => ({
    src: i.currentSrc || i.src, alt: i.alt.slice(0, 50), natural: i.naturalWidth,
    shown: i.getBoundingClientRect().width}))"""


def figure_width_inches(data, natural_width):
    """A figure's width in inches, from the file: a PNG's pixel width over its resolution
    (the pHYs chunk that matplotlib writes: 100 dpi, or 200 for a 2x 'retina' PNG), an SVG's
    width attribute. None if the file does not say."""
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        from PIL import Image

        with Image.open(io.BytesIO(data)) as image:
            dpi = image.info.get("dpi")
            return image.width / dpi[0] if dpi and dpi[0] > 1 else None
    match = re.search(rb'<svg[^>]*?\swidth="([\d.]+)(pt|in|px)?"', data[:4000])
    if match:
        value, unit = float(match.group(1)), (match.group(2) or b"px").decode()
        return value / {"pt": 72, "in": 1, "px": 96}[unit]
    return None


def test_figure_width_from_png_and_svg():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(4, 2))
    for fmt, dpi in (("png", 100), ("png", 200), ("svg", 72)):
        buffer = io.BytesIO()
        fig.savefig(buffer, format=fmt, dpi=dpi)
        assert figure_width_inches(buffer.getvalue(), None) == pytest.approx(4, abs=0.02), (fmt, dpi)
    plt.close(fig)


@pytest.mark.parametrize("path", CHAPTERS)
def test_figures_are_not_scaled_down(loaded, path, report):
    """Every figure of the chapter, at 1280 px, is shown at least at its 1x size.

    The chapter owners' convention: a figure is made at 100 px per inch as displayed (a 2x
    PNG records 200 dpi, an SVG its width in points), with no text under 8 pt. Text at s pt
    in a figure w inches wide shown d px wide is s * (d / w) / 72 px on screen; at the 1x
    size (d / w = 100) 8 pt is 11.1 px. The file tells w, the browser d; s the test cannot
    read from a PNG, so this proves the display scale (and so the text size *if* the figures
    keep to 8 pt), not the point sizes themselves. The smallest scale is in the report."""
    page, _ = loaded(path)
    rows = []
    for image in page.evaluate(IMAGES_JS):
        url = urllib.parse.urlparse(image["src"])
        if url.scheme == "data":
            import base64

            data = base64.b64decode(image["src"].split(",", 1)[1])
        else:
            data = (HTML / urllib.parse.unquote(url.path).lstrip("/")).read_bytes()
        inches = figure_width_inches(data, image["natural"])
        if inches is None:   # no resolution recorded: 1 px per 1/100 in, matplotlib's default
            inches = image["natural"] / FIGURE_PX_PER_INCH
        scale = image["shown"] / (inches * FIGURE_PX_PER_INCH)
        rows.append((scale, image["alt"]))
    if not rows:
        return
    smallest = min(rows)
    report(f"{path}\tfigures: {len(rows)}, smallest display scale {smallest[0]:.2f} "
           f"(8 pt text at {MIN_FONT_PT * FIGURE_PX_PER_INCH * smallest[0] / 72:.1f} px): {smallest[1]!r}")
    small = [f"{s:.2f} {alt!r}" for s, alt in sorted(rows) if s < 0.99]
    assert not small, f"{len(small)} of {len(rows)} figures shown below their 1x size at {DESKTOP} px: {small}"


# --- Navigation at three widths --------------------------------------------------------------

PANEL_JS = """(panel) => {
    const shown = (el) => { const r = el.getBoundingClientRect(), s = getComputedStyle(el);
        return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && r.right > 0 && r.left < innerWidth; };
    const roots = panel === 'primary' ? ['#pst-primary-sidebar', '#pst-primary-sidebar-modal']
                                      : ['#pst-secondary-sidebar', '#pst-secondary-sidebar-modal'];
    return roots.flatMap(r => [...document.querySelectorAll(r + ' a')]).filter(shown).length; }"""

SEARCH_CONTROLS_JS = """() => [...document.querySelectorAll('.search-button-field, .search-button, form.bd-search')]
    .filter(el => !el.closest('#pst-search-dialog'))
    .filter(el => { const r = el.getBoundingClientRect(), s = getComputedStyle(el);
        return r.width > 0 && r.height > 0 && s.visibility !== 'hidden'; }).length"""


@pytest.fixture(scope="module")
def nav_page(loaded):
    """The quick tour (a short page with page contents), left as it was found."""
    page, log = loaded("book/00_quick_tour.html")
    yield page, log
    page.evaluate("() => document.querySelectorAll('dialog[open]').forEach(d => d.close())")
    page.set_viewport_size({"width": DESKTOP, "height": HEIGHT})


def _toggle(page, panel):
    toggles = page.locator(f".{panel}-toggle")
    visible = [i for i in range(toggles.count()) if toggles.nth(i).is_visible()]
    assert len(visible) == 1, f"{len(visible)} visible {panel} toggles"
    toggles.nth(visible[0]).click(timeout=5000)
    page.wait_for_timeout(50)


@pytest.mark.parametrize("width", [PHONE, TABLET, DESKTOP])
def test_navigation_opens_and_closes_at_every_width(nav_page, width):
    """The chapter list (primary sidebar) and the page contents (secondary sidebar) open
    and close with their toggles, and show their links when open; one search control."""
    page, log = nav_page
    page.evaluate("() => document.querySelectorAll('dialog[open]').forEach(d => d.close())")
    page.set_viewport_size({"width": width, "height": HEIGHT})
    page.wait_for_timeout(50)
    assert page.evaluate(SEARCH_CONTROLS_JS) == 1, "not exactly one visible search control"
    header = page.evaluate("() => { const h = document.getElementById('pst-header'); return h ? h.getBoundingClientRect().height : 0; }")
    assert header == 0, f"the theme's {header:.0f} px header is back"
    for panel in ("primary", "secondary"):
        before = page.evaluate(PANEL_JS, panel)
        _toggle(page, panel)
        after = page.evaluate(PANEL_JS, panel)
        if page.evaluate("() => document.querySelector('dialog[open]') !== null"):   # narrow: a dialog
            assert before == 0 and after > 0, f"{panel} at {width} px: {before} links shown, {after} after the toggle"
            page.keyboard.press("Escape")
            page.wait_for_timeout(50)
            assert page.evaluate(PANEL_JS, panel) == 0, f"{panel} at {width} px: Escape did not close it"
            _toggle(page, panel)
            assert page.evaluate(PANEL_JS, panel) > 0, f"{panel} at {width} px: does not open a second time"
            page.mouse.click(width - 5, HEIGHT // 2) if panel == "primary" else page.mouse.click(5, HEIGHT // 2)
            page.wait_for_timeout(50)
            assert page.evaluate(PANEL_JS, panel) == 0, f"{panel} at {width} px: a click beside it did not close it"
        else:                                                                       # wide: folds away
            assert before > 0 and after == 0, f"{panel} at {width} px: {before} links shown, {after} after the toggle"
            assert page.evaluate(SEARCH_CONTROLS_JS) == 1, "no search control with the sidebar folded"
            _toggle(page, panel)
            assert page.evaluate(PANEL_JS, panel) == before, f"{panel} at {width} px: does not come back"
    assert not log["console"], log["console"]


# --- Explorers ---------------------------------------------------------------------------------

def _explorer_pages():
    return [p for p in PAGES if 'class="lb-explorer"' in (HTML / p).read_text(encoding="utf-8")]


def test_every_explorer_is_on_the_site():
    from lossbook.explorers import EXPLORERS

    html = "".join((HTML / p).read_text(encoding="utf-8") for p in EDITION)
    for cls in EXPLORERS:
        assert cls.title.replace("&", "&amp;") in html or cls.title in html, f"{cls.__name__} is not on any page"


@pytest.mark.parametrize("path", _explorer_pages())
def test_explorers_respond_without_a_kernel(loaded, path, out):
    page, log = loaded(path)
    results = page.evaluate("""() => [...document.querySelectorAll('.lb-explorer')].map(root => {
        const view = () => root.querySelector('.lb-panels').innerHTML + root.querySelector('.lb-text').textContent;
        return [...root.querySelectorAll('input, select')].map(input => {
            const before = view(), old = input.value;
            const options = input.tagName === 'SELECT' ? input.options.length : (+input.max + 1);
            const next = String((+old + Math.max(1, Math.floor(options / 2))) % options);
            const t0 = performance.now();
            input.value = next;
            input.dispatchEvent(new Event('input', {bubbles: true}));
            const ms = performance.now() - t0;
            const changed = view() !== before;
            input.value = old; input.dispatchEvent(new Event('input', {bubbles: true}));
            const label = input.closest('label') ? input.closest('label').textContent : '';
            return {title: root.querySelector('.lb-title').textContent, name: input.name, ms, changed, label};
        });
    }).flat()""")
    assert results, "no explorer controls found"
    for r in results:
        assert r["label"].strip(), f"{r['title']}: control {r['name']} has no label"
    # times are reported, not asserted (a shared machine cannot gate on wall time);
    # the budget lives in tools/benchmark_explorers.py
    with open(out / "explorer-switch-times.txt", "a", encoding="utf-8") as times:
        for r in results:
            times.write(f"{path}\t{r['title']}\t{r['name']}\t{r['ms']:.1f} ms\n")
    # at least one control of each explorer changes the view (some controls only matter for some tasks)
    by_title = {}
    for r in results:
        by_title.setdefault(r["title"], []).append(r["changed"])
    assert all(any(c) for c in by_title.values()), by_title
    assert not log["console"], log["console"]


def test_explorer_keyboard_access(loaded):
    pages = _explorer_pages()
    assert pages, "no page with an explorer"
    page, _ = loaded(pages[0])
    slider = page.locator(".lb-explorer input[type=range]").first
    text = page.locator(".lb-explorer .lb-text").first
    old = slider.input_value()
    before = text.text_content()
    slider.focus()
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    changed = text.text_content() != before
    slider.evaluate("(s, v) => { s.value = v; s.dispatchEvent(new Event('input', {bubbles: true})); }", old)
    assert changed, "arrow keys on the first slider changed nothing"


# --- Search ------------------------------------------------------------------------------------

def _prose_text(path):
    """The article's text of a built page, without code and TeX (what a reader searches)."""
    html = (HTML / path).read_text(encoding="utf-8")
    body = html.split('<article class="bd-article">', 1)[-1].split("</article>", 1)[0]
    body = re.sub(r"<(pre|script|style)\b.*?</\1>", " ", body, flags=re.S)
    body = re.sub(r'<(span|div) class="math[^"]*">.*?</\1>', " ", body, flags=re.S)
    return re.sub(r"<[^>]+>", "", body)


@pytest.fixture(scope="module")
def search_page(loaded):
    return loaded("search.html")


@pytest.mark.parametrize("term", ["cross-entropy", "Huber", "交叉", "损失函数"])
def test_search_finds_every_page_that_uses_a_term(search_page, site, term):
    """Search works offline, finds every page of the edition whose prose uses the term
    (Chinese words inside longer runs too), and shows a snippet of that prose: no text of
    the page contents, code or TeX."""
    page, log = search_page
    page.goto(f"{site}/search.html?q={urllib.parse.quote(term)}", wait_until="load")
    page.wait_for_selector("#search-results .search-summary", timeout=15000)
    page.wait_for_function("() => [...document.querySelectorAll('#search-results li')].every(li => li.querySelector('p.context'))"
                           " || document.querySelectorAll('#search-results li').length === 0", timeout=15000)
    hits = page.evaluate("""() => [...document.querySelectorAll('#search-results li')].map(li => ({
        href: li.querySelector('a').getAttribute('href'),
        snippet: (li.querySelector('p.context') || {textContent: ''}).textContent}))""")
    found = {urllib.parse.unquote(h["href"].split("#")[0].split("?")[0]) for h in hits}
    pages = [p for p in EDITION if p not in ("search.html", "genindex.html")]
    uses = {p for p in pages if term.lower() in _prose_text(p).lower()}
    assert uses, f"no page uses {term!r}: the test has nothing to find"
    missing = sorted(uses - found)
    assert not missing, f"search for {term!r} misses pages that use it: {missing} (found {sorted(found)})"
    for h in hits:
        snippet = h["snippet"]
        assert snippet.strip(), f"{h['href']}: no snippet"
        assert not RAW_TEX.search(snippet), f"{h['href']}: TeX in the snippet: {snippet!r}"
        assert not re.search(r"\blb\.|\bimport |\bdef |^\W*Contents\b", snippet), f"{h['href']}: code in the snippet: {snippet!r}"
        # the page contents: a run of numbered section titles ("3.1. Information content 3.2. Entropy")
        assert len(re.findall(r"\b\d+\.\d+\. ", snippet)) < 2, f"{h['href']}: the page contents in the snippet: {snippet!r}"
    for h in hits:
        if urllib.parse.unquote(h["href"].split("#")[0]) in uses:
            assert term.lower() in h["snippet"].lower(), f"{h['href']}: the snippet does not show {term!r}: {h['snippet']!r}"
    assert not log["off_site"]


def test_search_splits_a_chinese_query_into_the_words_the_index_knows(search_page):
    """The search page's query splitter (tools/sphinx_lossbook.py), on a made-up index."""
    page, _ = search_page
    split = page.evaluate("""() => {
        const index = {terms: {"交叉": 1, "交叉熵": 1, "损失": 1, "函数": 1}, titleterms: {}};
        const saved = Search._index;
        Search._index = index;
        try { return ["交叉熵损失函数", "cross-entropy 损失函数", "交叉", "未知词"].map(splitQuery); }
        finally { Search._index = saved; } }""")
    assert split == [
        ["交叉熵", "损失", "函数"],            # the longest known words, left to right
        ["cross", "entropy", "损失", "函数"],
        ["交叉"],
        ["未", "知", "词"],                    # unknown: single characters, which match nothing
    ]


# --- Landing page, links, buttons ----------------------------------------------------------------

def test_landing_page_has_a_chapter_map_and_pages_link_onwards(loaded):
    page, _ = loaded("book/intro.html")
    text = page.inner_text("main")
    assert "Chapter map" in text or "chapter map" in text
    for chapter in CHAPTERS:
        if chapter.startswith("zh/"):
            continue
        assert page.locator(f"main a[href*='{Path(chapter).name}']").count() > 0, f"no link to {chapter}"
    for path in CHAPTERS:
        html = (HTML / path).read_text(encoding="utf-8")
        assert 'class="left-prev"' in html or 'class="right-next"' in html, f"{path}: no previous/next links"


def test_launch_and_download_buttons_point_at_the_notebook():
    for path in CHAPTERS:
        html = (HTML / path).read_text(encoding="utf-8")
        nb = path.removeprefix("zh/").replace(".html", ".ipynb")
        # the Chinese edition may open its own copy of the notebook, under zh/
        assert re.search(rf'href="https://mybinder\.org/v2/gh/[^"]+urlpath=lab/tree/(zh/)?{re.escape(nb)}"', html), path
        assert f'_sources/{nb}"' in html, f"{path}: no notebook download link"
