"""Every state of every explorer looks right, in English and in Chinese.

The walk covers the precomputed states of the static form, which hold the view model that the
live widget draws too (``view(**state)`` is ``view_model(**state)`` in one language):

- the data stay inside each panel's axes limits and each legend sits above its axes;
- no read-out shows a sentinel, NaN or inf (a true infinity is written ∞ with its reason);
- a control is switched off exactly when no value of it can change the answer;
- every word has an English and a Chinese form, and the Chinese has no English left in it.

The matplotlib live figure's legend is checked against its data's window coordinates here;
the static form's drawn geometry (SVG) in Chromium, in ``tests/test_explorer_component.py``.
"""

import itertools
import json
import re

import numpy as np
import pytest
from explorer_views import BY_NAME, explorer, static_data

import lossbook as lb
from lossbook import explorers as ex
from lossbook.chooser import IMBALANCE, LABEL_FORMATS, OUTPUTS, PAIRINGS, TASKS
from lossbook.i18n import Text

NAMES = list(BY_NAME)
WITH_PANELS = [n for n in NAMES if n != "ChooserExplorer"]


@pytest.fixture(autouse=True)
def english():
    """Each test starts and ends in English, whatever it switches to."""
    previous = lb.set_language("en")
    yield
    lb.set_language(previous)


def _arrays(data, ln):
    xs, ys = data["arrays"][ln["x"]], data["arrays"][ln["y"]]
    return [(x, y) for x, y in zip(xs, ys) if x is not None and y is not None]


# --- data inside the axes, legends off the data --------------------------------------------------


@pytest.mark.parametrize("name", WITH_PANELS)
def test_every_state_keeps_its_data_inside_the_axes(name):
    data = static_data(name)
    used = set(data["states"].values())
    assert used == set(range(len(data["views"])))
    for vid in used:
        for p in data["views"][vid]["panels"]:
            (x0, x1), (y0, y1) = p["xlim"], p["ylim"]
            assert np.isfinite([x0, x1, y0, y1]).all() and x0 < x1 and y0 < y1, (name, p["title"])
            assert p["legend"] == "above", "the legend goes above the axes, off the data"
            tx, ty = 1e-9 * (x1 - x0), 1e-9 * (y1 - y0)
            for ln in p["lines"]:
                points = _arrays(data, ln)
                if ln["label"]:
                    assert points, f"{name}: legend entry {ln['label']} with nothing drawn"
                for x, y in points:
                    half = ln.get("width", 0) / 2
                    assert x0 - tx <= x - half and x + half <= x1 + tx, (name, p["title"], ln["label"], x)
                    assert y0 - ty <= y <= y1 + ty, (name, p["title"], ln["label"], y, p["ylim"])
                    if ln["style"] == "bar":
                        assert y0 <= 0 <= y1 + ty


def test_ch2_outliers_stay_on_the_plot_at_every_shift():
    """The fault of issue 12: a fixed y-limit of 45 cut off the outliers at shifts 40 and 80."""
    e, data = explorer("OutlierExplorer"), static_data("OutlierExplorer")
    limits = {}
    for key, state in e.states():
        view = data["views"][data["states"][key]]
        outliers = next(ln for ln in view["panels"][0]["lines"] if ln["label"] and ln["label"]["en"] == "outliers")
        highest = max(y for _, y in _arrays(data, outliers))
        assert highest > state["shift"] and highest <= view["panels"][0]["ylim"][1]
        limits.setdefault(state["shift"], set()).add(tuple(view["panels"][0]["ylim"]))
    assert all(len(v) == 1 for v in limits.values()), "the axes stay put while δ moves"


def test_ch1_diverging_runs_stay_on_the_map_and_say_so():
    e = explorer("LandscapeExplorer")
    model = e.view_model(lr=0.12, start="(-2, 8)")
    contour, curve = model["panels"]
    path = next(ln for ln in contour["lines"] if ln["label"] and ln["label"].en == "descent path")
    assert max(path["x"]) <= e.wlim[1] and min(path["x"]) >= e.wlim[0]
    assert max(path["y"]) <= e.blim[1] and min(path["y"]) >= e.blim[0]
    assert any(ln["label"] and ln["label"].en == "leaves the map" for ln in contour["lines"])
    assert "diverged" in model["text"].en and "发散" in model["text"].zh
    assert max(curve["lines"][0]["y"]) <= curve["ylim"][1]


# --- read-outs: no sentinel, NaN or inf -------------------------------------------------------------

SENTINEL = re.compile(r"(?i:\bnan\b|\binf\b|\bundefined\b)|\bNone\b|1000000|1e\+0?6\b")


def _shown_strings(data):
    """Every string the static form can show (both languages), with where it comes from."""
    def walk(value, where):
        if isinstance(value, dict) and set(value) == {"en", "zh"}:
            yield where, value
        elif isinstance(value, str):
            yield where, value
    yield from walk(data["title"], "title")
    yield from walk(data["lead"], "lead")
    yield from walk(data["alt"], "alt")
    for name, text in data["ui"].items():
        yield from walk(text, f"ui.{name}")
    for c in data["controls"]:
        yield from walk(c["label"], f"{c['name']}.label")
        for v in c["values"]:
            yield from walk(v, f"{c['name']}.values")
    for i, view in enumerate(data["views"]):
        yield from walk(view["text"], f"view {i} text")
        for name, why in view.get("inactive", {}).items():
            yield from walk(why, f"view {i} inactive {name}")
        for p in view["panels"]:
            for key in ("title", "xlabel", "ylabel"):
                yield from walk(p[key], f"view {i} {key}")
            for ln in p["lines"]:
                if ln["label"]:
                    yield from walk(ln["label"], f"view {i} label")
            for _, label in p["xticks"] or []:
                yield from walk(label, f"view {i} xtick")


@pytest.mark.parametrize("name", NAMES)
def test_no_readout_shows_a_sentinel_nan_or_inf(name):
    data = static_data(name)
    for where, text in _shown_strings(data):
        for s in (text.values() if isinstance(text, dict) else [text]):
            assert not SENTINEL.search(s), f"{name} {where}: {s!r}"


# --- controls that cannot change the answer are switched off -----------------------------------


def _answer(view):
    return json.dumps({k: v for k, v in view.items() if k != "inactive"}, sort_keys=True)


@pytest.mark.parametrize("name", NAMES)
def test_a_control_is_off_exactly_when_it_cannot_change_the_answer(name):
    data = static_data(name)
    sizes = [len(c["values"]) for c in data["controls"]]
    answers = [_answer(v) for v in data["views"]]
    off_somewhere = set()
    for key, vid in data["states"].items():
        idx = [int(i) for i in key.split(",")]
        inactive = data["views"][vid].get("inactive", {})
        for c, control in enumerate(data["controls"]):
            others = (",".join(map(str, idx[:c] + [j] + idx[c + 1:])) for j in range(sizes[c]) if j != idx[c])
            can_change = any(answers[data["states"][k]] != answers[vid] for k in others)
            assert (control["name"] in inactive) == (not can_change), (name, key, control["name"])
            if control["name"] in inactive:
                off_somewhere.add(control["name"])
                assert inactive[control["name"]]["en"] and inactive[control["name"]]["zh"], "say why"
    if name == "ChooserExplorer":  # issue 12: 4-5 of its 6 dropdowns did nothing for a task, with no cue
        assert off_somewhere == {"outliers", "imbalance", "output", "pairing", "overlap"}


def test_the_live_chooser_disables_what_its_task_ignores():
    w = pytest.importorskip("ipywidgets")
    box = explorer("ChooserExplorer").widget()
    drops = {c.description: c for c in box.children if isinstance(c, w.Dropdown)}
    drops["task"].value = "similarity"
    assert [d for d, c in drops.items() if not c.disabled] == ["task", "similarity data"]
    notes = [c.value for c in box.children if isinstance(c, w.HTML) and "not used for the task" in c.value]
    assert len(notes) == 4
    drops["task"].value = "regression"
    assert [d for d, c in drops.items() if not c.disabled] == ["task", "outliers in the targets"]


# --- the matplotlib live figure: legend off the data --------------------------------------------


def _sample_states(e):
    states = [s for _, s in e.states()]
    picks = [states[0], states[len(states) // 2], states[-1], e.default_state()]
    return [dict(s) for s in {json.dumps(s, sort_keys=True): s for s in picks}.values()]


@pytest.mark.parametrize("name", WITH_PANELS)
@pytest.mark.parametrize("language", ["en", "zh"])
def test_live_figure_legends_sit_above_the_data(name, language):
    """Window extents: each legend lies above its axes, inside the figure, clear of the title and
    of every drawn point and bar (a sample of states: the first, middle, last and default)."""
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    e = explorer(name)
    for state in _sample_states(e):
        fig = ex.render_matplotlib(ex.localize(e.view_model(**state), language))
        renderer = FigureCanvasAgg(fig).get_renderer()  # the figure comes back closed, without a canvas
        fig_box = fig.bbox
        for ax in fig.axes:
            legend = ax.get_legend()
            if legend is None:
                continue
            box, frame = legend.get_window_extent(renderer), ax.get_window_extent(renderer)
            assert box.y0 >= frame.y1 - 1, (name, state, "legend overlaps the axes")
            assert box.x0 >= -1 and box.x1 <= fig_box.x1 + 1 and box.y1 <= fig_box.y1 + 1, (name, state, "cut off")
            assert not box.overlaps(ax.title.get_window_extent(renderer)), (name, state, "legend on the title")
            for artist in ax.lines:
                xy = ax.transData.transform(np.column_stack(artist.get_data()).astype(float))
                xy = xy[np.isfinite(xy).all(axis=1)]
                inside = ((xy[:, 0] > box.x0) & (xy[:, 0] < box.x1) & (xy[:, 1] > box.y0) & (xy[:, 1] < box.y1))
                assert not inside.any(), (name, state, artist.get_label())
            for patch in ax.patches:
                assert not box.overlaps(patch.get_window_extent(renderer)), (name, state, "legend on a bar")
        plt.close(fig)


# --- two languages ---------------------------------------------------------------------------------

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
WORD = re.compile(r"[A-Za-z][A-Za-z0-9_\-]*")
# names, abbreviations and symbols that both editions write the same way (book/intro.md's glossary)
# and keyword arguments of lossbook's functions (margin=, delta=, gamma=, alpha=)
SAME_IN_BOTH = {"Huber", "Wasserstein", "Softmax", "softmax", "Sigmoid", "logit", "log", "log10", "ln", "dL", "dz",
                "log-sum-exp", "Adam", "RMSprop", "FaceNet", "critic", "gamma", "alpha", "delta", "margin"}


def _same_in_both(word):
    return (len(word) == 1 or (word.isupper() and len(word) <= 4) or re.fullmatch(r"[A-Z]+\d+", word)
            or "_" in word or word in SAME_IN_BOTH or callable(getattr(lb, word, None)))


def _check_languages(where, text):
    if isinstance(text, dict):
        assert text["en"].strip() and text["zh"].strip(), f"{where}: an empty language"
        english = [w for w in WORD.findall(text["zh"]) if not _same_in_both(w)]
        assert not english, f"{where}: English left in the Chinese: {english} in {text['zh']!r}"
        if text["zh"] == text["en"]:
            assert not CJK.search(text["en"])
    else:  # a plain string must read the same in both languages: numbers, symbols, names
        english = [w for w in WORD.findall(text) if not _same_in_both(w)]
        assert not english, f"{where}: {text!r} is shown in both editions but has English words {english}"


@pytest.mark.parametrize("name", NAMES)
def test_every_word_an_explorer_shows_has_both_languages(name):
    data = static_data(name)
    for key in ("title", "lead", "alt"):
        assert isinstance(data[key], dict), f"{name}.{key} must be a Text"
    strings = list(_shown_strings(data))
    assert strings
    for where, text in strings:
        _check_languages(f"{name} {where}", text)
    chinese = [t["zh"] for _, t in strings if isinstance(t, dict)]
    assert all(CJK.search(t) for t in (data["title"]["zh"], data["lead"]["zh"], data["alt"]["zh"]))
    assert sum(bool(CJK.search(t)) for t in chinese) >= len(chinese) // 2


def test_every_chooser_sentence_has_its_chinese():
    combos = itertools.product(TASKS, (False, True), IMBALANCE, LABEL_FORMATS, OUTPUTS, PAIRINGS, (True, False))
    seen = 0
    for task, outliers, imbalance, label_format, output, pairing, overlap in combos:
        rec = lb.choose_loss(task, outliers=outliers, imbalance=imbalance, label_format=label_format,
                             output=output, pairing=pairing, overlap=overlap)
        words = [*rec.losses, rec.activation, rec.optimizer, *rec.settings, *rec.settings.values(), *rec.reasons]
        for w in words:
            if isinstance(w, Text):
                _check_languages(f"{task}: {w}", {"en": str(w), "zh": w.zh})
                seen += 1
            elif isinstance(w, str):
                _check_languages(f"{task}: {w}", w)
        zh = rec.text("zh")
        assert "理由" in zh and rec.text("en") == str(rec)
    assert seen > 500


# --- the language switch ------------------------------------------------------------------------


def test_set_language_switches_the_live_views_and_rejects_bad_values():
    e = explorer("SoftmaxExplorer")
    english = e.view(z_cat=2.0, temperature=1.0)
    assert lb.get_language() == "en" and not CJK.search(english["text"])
    assert lb.set_language("zh") == "en"
    chinese = e.view(z_cat=2.0, temperature=1.0)
    assert CJK.search(chinese["text"]) and chinese["panels"][0]["ylabel"] == "概率"
    assert re.findall(r"\d+\.\d+", chinese["text"]) == re.findall(r"\d+\.\d+", english["text"])  # same numbers
    assert 'lang="zh-CN"' in e.static_html().split(">", 1)[0]
    assert str(lb.choose_loss("regression")) == lb.choose_loss("regression").text("en")  # printed output unchanged
    lb.set_language("en")
    assert "lang=" not in e.static_html().split(">", 1)[0]
    for bad in ("fr", "zh-CN", "EN", ""):
        with pytest.raises(ValueError, match="language"):
            lb.set_language(bad)
    with pytest.raises(TypeError, match="language"):
        lb.set_language(1)
    with pytest.raises(ValueError, match="language"):
        lb.choose_loss("regression").text("de")
    assert lb.get_language() == "en"


def test_the_live_widget_speaks_the_chosen_language():
    w = pytest.importorskip("ipywidgets")
    lb.set_language("zh")
    box = explorer("FocalExplorer").widget()
    labels = [c.description for c in box.children if isinstance(c, (w.SelectionSlider, w.Dropdown))]
    assert labels == ["γ（聚焦参数）", "α（正类权重）"]
    alpha = next(c for c in box.children if isinstance(c, w.Dropdown))
    assert [label for label, _ in alpha.options][0] == "无"
    assert "焦点损失" in box.children[-1].value and "焦点损失" in box.children[0].value + str(box.children[0].value)


# --- chapter 5: the Wasserstein read-out is the true W1 ----------------------------------------------


def test_wasserstein_readout_is_the_true_w1():
    """Issue 12: np.roll wrapped q round the grid, so W1 read 5 where it is 6. scipy is the
    independent reference (scipy.stats.wasserstein_distance, scipy >= 1.0; test-only)."""
    from scipy.stats import wasserstein_distance

    e = explorer("WassersteinExplorer")
    for shift in e.controls[0].values:
        p, q = e._pq(shift)
        assert np.array_equal(e.x[q > 0], e.x[p > 0] + shift), "q is p moved by the shift, nothing wrapped"
        reference = wasserstein_distance(e.x, e.x, p, q)
        assert reference == pytest.approx(abs(shift), abs=1e-12)
        text = e.view(shift=shift)["text"]
        assert f"W1 = {reference:.4f}" in text, (shift, text)
