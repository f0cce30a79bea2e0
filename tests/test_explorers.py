"""Explorers: one source of truth (lossbook), a live widget and a static HTML form."""

import json
import re

import explorer_views
import numpy as np
import pytest

import lossbook as lb
from lossbook import explorers as ex


@pytest.fixture(scope="module", params=ex.EXPLORERS, ids=lambda c: c.__name__)
def explorer(request):
    """One instance per explorer, shared with the other explorer test modules (explorer_views)."""
    return explorer_views.explorer(request.param.__name__)


@pytest.fixture(scope="module")
def html(explorer):
    """The static form, computed once per explorer and process (it evaluates every state)."""
    return explorer_views.static_html(type(explorer).__name__)


@pytest.fixture(scope="module")
def widget(explorer):
    """The live form, built once per explorer (each build draws a figure)."""
    pytest.importorskip("ipywidgets")
    return explorer.widget()


def _data(html):
    """The data the page's script reads, its views expanded as the script expands them."""
    data = json.loads(re.search(r'<script type="application/json" class="lb-data">(.*?)</script>', html, re.S)
                      .group(1).replace("<\\/", "</"))
    data["views"] = [ex.framework.expand(v, data["parts"]) for v in data["views"]]
    return data


def _without_ids(html):
    return re.sub(r"lbx-[0-9a-f]+-[0-9]+", "lbx-ID", html)


def test_static_form_covers_every_state(explorer, html):
    """Behaviour only: sizes and times are reported by tools/benchmark_explorers.py, not asserted here."""
    data = _data(html)
    n_states = int(np.prod([len(c.values) for c in explorer.controls]))
    assert len(data["states"]) == n_states
    assert all(0 <= v < len(data["views"]) for v in data["states"].values())
    assert "http" not in re.sub(r"http://www\.w3\.org/2000/svg", "", html), "static form must not fetch anything"


def test_static_views_are_the_live_views(explorer, html):
    """The HTML holds exactly what view() computes: same numbers in the same state, in both languages."""
    data = _data(html)
    for key, state in list(explorer.states())[:: max(1, len(data["states"]) // 5)]:
        live = explorer.view(**state)
        stored = data["views"][data["states"][key]]
        assert stored["text"]["en"] == live.get("text", "")
        assert stored["text"]["zh"] == ex.localize(explorer.view_model(**state), "zh")["text"]
        for p_live, p_stored in zip(live.get("panels", []), stored["panels"]):
            for l_live, l_stored in zip(p_live["lines"], p_stored["lines"]):
                assert data["arrays"][l_stored["y"]] == l_live["y"]


def test_the_stored_views_expand_to_the_full_views(explorer, html):
    """The HTML stores repeated objects once (compact); expanded, they are the views exactly."""
    full = explorer_views.static_data(type(explorer).__name__)  # computed apart from the HTML
    assert _data(html)["views"] == full["views"]
    compacted = ex.framework.compact(full)  # compact works on its own copy
    assert len(json.dumps(compacted)) < len(json.dumps(full))


def test_controls_have_labels_and_valid_defaults(explorer):
    for c in explorer.controls:
        assert c.label and c.default in c.values


def test_mime_bundle_offers_html_outside_a_kernel(explorer, html):
    bundle = explorer._repr_mimebundle_()
    assert _without_ids(bundle["text/html"]) == _without_ids(html)  # same content; each display has its own id
    assert "application/vnd.jupyter.widget-view+json" not in bundle  # no kernel here


def test_widget_has_a_labelled_control_per_control(explorer, widget):
    box = widget
    described = [child.description for child in box.children if hasattr(child, "description") and child.description]
    assert described == [c.label.en for c in explorer.controls]


def test_landscape_path_descends_for_a_small_rate():
    view = ex.LandscapeExplorer().view(lr=0.02, start="(-2, 8)")
    assert "diverged" not in view["text"]
    view = ex.LandscapeExplorer().view(lr=0.12, start="(-2, 8)")
    assert "diverged" in view["text"]


def test_sigmoid_explorer_numbers_match_the_losses():
    text = ex.SigmoidLossExplorer().view(y_hat=0.9, y=0)["text"]
    assert f"{lb.binary_cross_entropy([0.0], [0.9]):.4f}" in text
    assert f"{2 * 0.9 * 0.9 * 0.1:+.4f}" in text


def test_wasserstein_explorer_shows_infinite_kl_without_overlap():
    text = ex.WassersteinExplorer().view(shift=4.0)["text"]
    assert "KL = ∞" in text and f"JS = {np.log(2):.4f}" in text


def test_chooser_explorer_agrees_with_choose_loss():
    text = ex.ChooserExplorer().view(task="binary", outliers="no", imbalance="severe", output="logits",
                                     pairing="pairs", overlap="yes")["text"]
    assert text == str(lb.choose_loss("binary", imbalance="severe"))


def test_widget_updates_when_a_control_changes(explorer, widget):
    """Live form: moving a control redraws (the picture or the text changes)."""
    w = pytest.importorskip("ipywidgets")
    box = widget
    image = next(c for c in box.children if isinstance(c, w.Image))
    text = [c for c in box.children if isinstance(c, w.HTML)][-1]
    control = next(c for c in box.children if getattr(c, "description", "") == explorer.controls[0].label.en)
    before = (bytes(image.value), text.value)
    values = [v for _, v in control.options]
    control.value = values[(values.index(control.value) + len(values) // 2) % len(values)]
    assert (bytes(image.value), text.value) != before


# --- the front end: files shipped as package data, inlined, one binding per display ------------------


def test_js_and_css_are_package_files_inlined_into_the_html(html):
    assert ex.asset("explorer.js") in html and ex.asset("explorer.css") in html
    assert "lossbookExplorer" in ex.asset("explorer.js")


def test_each_display_gets_its_own_element_id():
    """Two displays of the same explorer on one page used to share an id (a hash of the data),
    so every copy's script bound the first copy and the others stayed empty."""
    explorer = ex.SoftmaxExplorer()
    first, second = explorer.static_html(), explorer.static_html()
    ids = [re.search(r'<div class="lb-explorer" id="([^"]+)"', h).group(1) for h in (first, second)]
    assert ids[0] != ids[1]
    for uid, h in zip(ids, (first, second)):
        assert f"document.getElementById('{uid}')" in h  # each script binds its own root
    assert first.replace(ids[0], "X") == second.replace(ids[1], "X")  # nothing else differs


def test_explorer_js_passes_node_check(tmp_path):
    import shutil
    import subprocess

    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    path = tmp_path / "explorer.js"
    path.write_text(ex.asset("explorer.js"), encoding="utf-8")
    run = subprocess.run([node, "--check", str(path)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def test_mime_bundle_in_a_kernel_is_live_with_ipywidgets_and_static_without(monkeypatch):
    """In a kernel the explorer is a live widget; in a kernel without ipywidgets (a downloaded
    notebook in a bare environment) it falls back to its static form instead of failing."""
    import importlib.util

    from ipykernel.kernelbase import Kernel

    explorer = ex.SoftmaxExplorer()
    monkeypatch.setattr(Kernel, "initialized", classmethod(lambda cls: True))
    assert "application/vnd.jupyter.widget-view+json" in explorer._repr_mimebundle_()

    find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "ipywidgets" else find_spec(name, *a))
    bundle = explorer._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" not in bundle
    assert 'class="lb-explorer"' in bundle["text/html"]
