"""Component tests: the explorers' static HTML in Chromium, without building the site.

- Two copies of one explorer on a page (the duplicate-display bug: the second copy used to
  stay empty); a key press on a slider redraws that copy's view and only that one.
- Every state of every explorer, drawn at a desktop column (688 px) and on a phone (360 px):
  data inside the frame, legend above it (not on the data, not cut off), the controls that
  cannot change the answer disabled.
- The language follows the nearest ``lang`` attribute; sliders are wide and have step
  buttons; panels fill the column; dark mode is dark.
"""

import os
import re
import shutil

import pytest
from explorer_views import BY_NAME, explorer, static_html

from lossbook.explorers import SoftmaxExplorer

sync_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = os.environ.get("LOSSBOOK_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CJK = re.compile(r"[\u3400-\u9fff]")

pytestmark = pytest.mark.skipif(not (os.path.exists(CHROMIUM) or shutil.which("chromium")),
                                reason="Chromium is not installed")


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def tab(browser):
    """One browser tab for the module: every page below is a new document in it (its own
    window and scripts, see ``open_page``), but its renderer process starts once, not once per
    page (~0.5-1 CPU-s each); nothing may be fetched."""
    tab = browser.new_page()
    tab.errors = []
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    tab.route("**/*", lambda route: route.abort() if not route.request.url.startswith(("about:", "data:"))
              else route.continue_())
    yield tab
    tab.close()


def open_page(tab, body, *, lang="en", width=688, dark=False):
    """A page whose content column is ``width`` px wide, as on the website (688 px at a 1280 px
    desktop, 360 px on a 390 px phone), in ``tab``. Navigating to about:blank first gives it a
    new window: nothing of the page before (scripts, globals, DOM, errors) is left."""
    tab.goto("about:blank")
    assert tab.evaluate("typeof window.lossbookExplorer") == "undefined"  # a new window
    tab.errors = []
    tab.set_viewport_size({"width": width + 30, "height": 900})
    theme = ' data-theme="dark"' if dark else ""
    tab.set_content(f"<!doctype html><html lang='{lang}'{theme}><head><meta charset='utf-8'></head>"
                    f"<body style='margin:0;padding:15px'><main style='width:{width}px'>{body}</main></body></html>")
    return tab


@pytest.fixture
def page(tab):
    explorer = SoftmaxExplorer()
    return open_page(tab, explorer.static_html() + "<hr>" + explorer.static_html())


def state(page):
    return page.evaluate("""() => [...document.querySelectorAll('.lb-explorer')].map(root => ({
        controls: root.querySelectorAll('input, select').length,
        svgs: root.querySelectorAll('svg').length,
        bars: root.querySelectorAll('svg rect[fill="#0072B2"]').length,
        text: root.querySelector('pre.lb-text').textContent,
        key: root.dataset.state}))""")


def test_every_copy_draws_its_own_view(page):
    copies = state(page)
    assert len(copies) == 2
    for c in copies:
        assert c["controls"] == 2 and c["svgs"] == 1 and c["bars"] == 3 and "cross-entropy" in c["text"]
    assert page.errors == []


def test_a_slider_redraws_its_own_copy_only(page):
    before = state(page)
    slider = page.locator(".lb-explorer").nth(1).locator("input[type=range]").first
    slider.focus()
    slider.press("ArrowRight")
    after = state(page)
    assert after[1]["key"] != before[1]["key"] and after[1]["text"] != before[1]["text"]
    assert after[0] == before[0]  # the first copy did not move
    # the new text is the view lossbook computes for that state
    explorer = SoftmaxExplorer()
    index = int(after[1]["key"].split(",")[0])
    z_cat = explorer.controls[0].values[index]
    assert after[1]["text"] == explorer.view(z_cat=z_cat, temperature=1.0)["text"]
    assert page.errors == []


# --- every state: the geometry the static form draws ---------------------------------------------

WALK = """root => {
  const inputs = [...root.querySelectorAll('.lb-control input, .lb-control select')];
  const data = JSON.parse(root.querySelector('script.lb-data').textContent);
  const bad = [], t0 = performance.now();
  let drawn = 0;
  const out = (b, f, tol) => b.x < f.x - tol || b.y < f.y - tol ||
                             b.x + b.width > f.x + f.width + tol || b.y + b.height > f.y + f.height + tol;
  for (const key of Object.keys(data.states)) {
    key.split(',').forEach((v, i) => { inputs[i].value = v; });
    root.lossbookRender();
    const view = root.lossbookView(key), inactive = view.inactive || {};
    data.controls.forEach((c, i) => {
      if (inputs[i].disabled !== (c.name in inactive)) bad.push([key, c.name, 'disabled', inputs[i].disabled]);
    });
    if (!root.querySelector('pre.lb-text').textContent.trim()) bad.push([key, 'no read-out']);
    root.querySelectorAll('.lb-panel svg').forEach((svg, k) => {
      drawn++;
      const frame = svg.querySelector('.lb-frame').getBBox(), W = svg.width.baseVal.value;
      const legend = svg.querySelector('.lb-legend'), title = svg.querySelector('text[font-weight=bold]').getBBox();
      if (legend.childNodes.length) {
        const b = legend.getBBox();
        if (b.y + b.height > frame.y - 1) bad.push([key, k, 'legend reaches into the axes', b.y + b.height, frame.y]);
        if (b.y < title.y + title.height - 1) bad.push([key, k, 'legend on the title']);
        if (b.x < 0 || b.x + b.width > W) bad.push([key, k, 'legend cut off', b.x, b.x + b.width, W]);
      }
      svg.querySelectorAll('.lb-data').forEach(d => {
        const b = d.getBBox(), tol = d.classList.contains('lb-marker') ? 6 : 1.5;
        if (out(b, frame, tol)) bad.push([key, k, d.tagName, 'outside the axes', b.x, b.y, b.width, b.height]);
      });
    });
  }
  return {states: Object.keys(data.states).length, drawn, bad: bad.slice(0, 8), ms: performance.now() - t0};
}"""


@pytest.mark.parametrize("name", list(BY_NAME))
def test_every_state_is_drawn_inside_its_axes_with_the_legend_above(tab, name):
    """At a desktop column (688 px) and then a phone's (360 px): every state, redrawn."""
    page = open_page(tab, static_html(name), width=688)
    for width in (688, 360):
        page.evaluate(f"() => {{ document.querySelector('main').style.width = '{width}px'; }}")
        result = page.locator(".lb-explorer").evaluate(WALK)
        assert result["states"] == len(list(explorer(name).states()))
        assert result["bad"] == [], (width, result["bad"])
        print(f"{name} at {width} px: {result['states']} states in {result['ms']:.0f} ms")
    assert page.errors == []


# --- language, sliders, width, dark mode ---------------------------------------------------------


def _texts(page, index=0):
    return page.locator(".lb-explorer").nth(index).evaluate("""root => ({
        title: root.querySelector('.lb-title').textContent, aria: root.getAttribute('aria-label'),
        labels: [...root.querySelectorAll('.lb-name')].map(e => e.textContent),
        options: [...root.querySelectorAll('option')].map(e => e.textContent),
        svg: [...root.querySelectorAll('svg text')].map(e => e.textContent).join(' '),
        text: root.querySelector('pre.lb-text').textContent, lang: root.lossbookLanguage})""")


def test_the_language_follows_the_nearest_lang_attribute(tab):
    """One stored output serves both websites: <html lang="zh-CN"> shows Chinese, an English page
    English, and an element's own lang wins over the page's."""
    e = explorer("FocalExplorer")
    html = e.static_html   # each display has its own element id
    page = open_page(tab, html() + f"<div lang='en'>{html()}</div>", lang="zh-CN")
    zh_page = [_texts(page, 0), _texts(page, 1)]
    zh_errors = page.errors
    page = open_page(tab, html() + f"<section lang='zh'>{html()}</section>", lang="en")
    en_page = [_texts(page, 0), _texts(page, 1)]
    for chinese in (zh_page[0], en_page[1]):
        assert chinese["lang"] == "zh" and chinese["title"] == e.title.zh == chinese["aria"]
        assert chinese["labels"] == [c.label.zh for c in e.controls]
        assert chinese["options"][0] == "无" and "焦点损失" in chinese["text"] and "真实类别的概率" in chinese["svg"]
    for english in (zh_page[1], en_page[0]):
        assert english["lang"] == "en" and english["title"] == e.title.en
        assert english["labels"] == [c.label.en for c in e.controls]
        assert not CJK.search(english["text"] + english["svg"] + " ".join(english["labels"]))
    assert zh_errors == [] and page.errors == []


@pytest.mark.parametrize("width, track", [(688, 340), (360, 170)])
def test_sliders_have_a_wide_track_and_step_buttons(tab, width, track):
    """Issue 12: chapter 4's 99-step slider sat on a 129 px track."""
    page = open_page(tab, static_html("SigmoidLossExplorer"), width=width)
    sizes = page.evaluate("() => [...document.querySelectorAll('input[type=range]')].map(e => e.getBoundingClientRect().width)")
    assert min(sizes) >= track, sizes
    root = page.locator(".lb-explorer")
    before = root.get_attribute("data-state")
    root.locator(".lb-step").nth(1).click()      # "+" of the first slider: one step
    key = root.get_attribute("data-state")
    assert int(key.split(",")[0]) == int(before.split(",")[0]) + 1
    root.locator(".lb-step").nth(0).click()
    assert root.get_attribute("data-state") == before
    assert page.errors == []


@pytest.mark.parametrize("width", [688, 360])
def test_panels_fill_the_column_and_are_drawn_at_their_size(tab, width):
    page = open_page(tab, static_html("LandscapeExplorer") + static_html("FocalExplorer"),
                     width=width)
    boxes = page.evaluate("""() => [...document.querySelectorAll('.lb-explorer')].map(root => ({
        column: root.querySelector('.lb-panels').getBoundingClientRect().width,
        panels: [...root.querySelectorAll('.lb-panel')].map(p => ({
            box: p.getBoundingClientRect(), svg: p.querySelector('svg').getBoundingClientRect().width,
            drawn: p.querySelector('svg').width.baseVal.value}))}))""")
    for root in boxes:
        for p in root["panels"]:
            assert abs(p["svg"] - p["drawn"]) <= 1 and abs(p["box"]["width"] - p["svg"]) <= 1  # 1 px = 1 px
        if width >= 600:   # side by side: together they span the column
            right = max(p["box"]["right"] for p in root["panels"])
            left = min(p["box"]["left"] for p in root["panels"])
            assert right - left >= root["column"] - 1
            assert len({p["box"]["top"] for p in root["panels"]}) == 1
        else:              # stacked: each takes the whole column
            assert all(p["box"]["width"] >= root["column"] - 1 for p in root["panels"])
    # on resize the panels are redrawn at the new width
    page.evaluate("() => { document.querySelector('main').style.width = '520px'; }")
    page.wait_for_timeout(150)
    drawn = page.evaluate("() => [...document.querySelectorAll('.lb-panel svg')].map(s => s.width.baseVal.value)")
    assert max(drawn) <= 520 and drawn != [p["drawn"] for r in boxes for p in r["panels"]]
    assert page.errors == []


def _luminance(css):
    r, g, b = (int(v) / 255 for v in re.findall(r"\d+", css)[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_dark_mode_is_dark(tab):
    page = open_page(tab, static_html("ChooserExplorer"), dark=True)
    colours = page.evaluate("""() => { const s = e => getComputedStyle(document.querySelector(e));
        return {bg: s('.lb-explorer').backgroundColor, fg: s('.lb-explorer').color,
                readout: s('pre.lb-text').backgroundColor, readout_fg: s('pre.lb-text').color,
                select: s('select').backgroundColor}; }""")
    assert _luminance(colours["bg"]) < 0.2 and _luminance(colours["readout"]) < 0.25, colours
    assert _luminance(colours["select"]) < 0.25, colours
    assert _luminance(colours["fg"]) > 0.75 and _luminance(colours["readout_fg"]) > 0.75, colours


def test_chooser_switches_off_what_the_task_ignores_and_says_why(tab):
    page = open_page(tab, static_html("ChooserExplorer"))
    task = page.locator("select[name=task]")
    for value, active in (("margin", []), ("binary", ["imbalance", "output"]), ("similarity", ["pairing"])):
        task.select_option(label=value)
        rows = page.evaluate("""() => [...document.querySelectorAll('.lb-control')].slice(1).map(r => ({
            name: r.querySelector('select').name, off: r.querySelector('select').disabled,
            why: r.querySelector('.lb-why').textContent}))""")
        assert [r["name"] for r in rows if not r["off"]] == active
        assert all((r["why"] == f"not used for the task '{value}'") == r["off"] for r in rows), rows
    assert page.errors == []
