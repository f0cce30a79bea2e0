"""Component test: one explorer's static HTML in Chromium, without building the site.

The page holds two copies of the same explorer (the duplicate-display bug: the second copy
used to stay empty). A key press on a slider must redraw that copy's view and only that one.
"""

import os
import shutil

import pytest

from lossbook.explorers import SoftmaxExplorer

sync_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = os.environ.get("LOSSBOOK_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(not (os.path.exists(CHROMIUM) or shutil.which("chromium")),
                                reason="Chromium is not installed")


@pytest.fixture(scope="module")
def page():
    explorer = SoftmaxExplorer()
    body = explorer.static_html() + "<hr>" + explorer.static_html()
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.route("**/*", lambda route: route.abort() if not route.request.url.startswith(("about:", "data:"))
                   else route.continue_())  # nothing may be fetched
        page.set_content(f"<!doctype html><html><head><meta charset='utf-8'></head><body>{body}</body></html>")
        page.errors = errors
        yield page
        browser.close()


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
