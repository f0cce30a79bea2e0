"""Interactive explorers that work everywhere: live in a kernel, static on the website.

An explorer is one object with one source of truth: ``view_model(**state)`` computes what
to show with lossbook's own functions, with every word in English and Chinese
(:class:`Text`). Two renderers draw the same view:

- in a live kernel (JupyterLab, Binder), an ipywidgets control panel redraws it with
  matplotlib on every change, in the language set by :func:`lossbook.set_language`;
- on the static website, a self-contained HTML/JS panel holds the views for every state
  of a grid of control values, precomputed by the same ``view_model``, and draws them as
  SVG with no kernel and no network, in the language of the nearest ``lang`` attribute
  (so one stored output serves the English and the Chinese website).

Displaying an explorer offers both forms in one mime bundle: JupyterLab picks the widget,
the book's HTML builder is configured to pick the HTML (``nb_mime_priority_overrides``).

A view is a plain dict (``view(**state)`` gives it in the current language)::

    {"panels": [{"title": ..., "xlabel": ..., "ylabel": ..., "xlim": [a, b], "ylim": [c, d],
                 "xticks": None | [[value, label], ...], "legend": "above",
                 "lines": [{"x": [...], "y": [...], "label": ..., "color": "#0072B2",
                            "style": "-" | "--" | ":" | "o" | "^" | "x" | "bar", "width": 0.6}]}],
     "text": "a few lines of numbers",
     "inactive": {control name: why it cannot change the answer in this state}}

Every panel has explicit limits that contain all of its data, and its legend sits above the
axes, off the data; ``tests/test_explorers.py`` checks both in every state of every explorer.
"""

import hashlib
import html
import importlib.util
import io
import itertools
import json
import math
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from .. import plotting
from ..i18n import Text, get_language

C = plotting.PALETTE
_DISPLAYS = itertools.count(1)  # numbers each static display in this process: ids are unique per display
STYLES = ("-", "--", ":", "o", "^", "x", "bar")


@lru_cache(maxsize=None)
def asset(name):
    """The text of a file shipped in ``lossbook/explorers/static`` (package data), e.g. ``'explorer.js'``."""
    return resources.files("lossbook.explorers").joinpath("static", name).read_text(encoding="utf-8")


# --- words in two languages ------------------------------------------------------------------


def tr(en, zh):
    """A :class:`Text`: the same words in English and Chinese."""
    return Text(en, zh)


def localize(obj, language=None):
    """``obj`` (a view, a control's options, ...) with every :class:`Text` replaced by its
    words in ``language`` (default: the language set by :func:`lossbook.set_language`)."""
    language = get_language() if language is None else language
    if isinstance(obj, Text):
        return obj.in_language(language)
    if isinstance(obj, dict):
        return {k: localize(v, language) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return type(obj)(localize(v, language) for v in obj)
    return obj


def stored(obj):
    """``obj`` as the static form stores it: every :class:`Text` as ``{"en": ..., "zh": ...}``."""
    if isinstance(obj, Text):
        return {"en": obj.en, "zh": obj.zh}
    if isinstance(obj, dict):
        return {k: stored(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [stored(v) for v in obj]
    return obj


def pad(text, width):
    """``text`` padded with spaces to ``width`` columns of a monospaced read-out (CJK counts 2)."""
    columns = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - columns)


# the static form's own words (the ± buttons beside each slider)
UI = {"decrease": tr("one step down", "减小一档"), "increase": tr("one step up", "增大一档")}


# --- controls, lines, panels -------------------------------------------------------------------


@dataclass
class Control:
    """One control: a name (the keyword of ``view``), a label, the values it offers, a default.

    Numeric values are shown with ``fmt``; words (e.g. a task) with ``names[value]``, a
    :class:`Text`, or as the value itself when it reads the same in both languages.
    """

    name: str
    label: Text
    values: tuple
    default: object
    fmt: str = "{}"
    names: dict = None

    def text(self, value):
        """What the control shows for ``value``: a :class:`Text` or a language-neutral string."""
        if self.names and value in self.names:
            return self.names[value]
        return self.fmt.format(value)

    @property
    def numeric(self):
        return all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in self.values)


def line(x, y, label="", color=C["blue"], style="-", width=None):
    """One line (or markers, or bars of ``width`` data units) of a panel."""
    if style not in STYLES:
        raise ValueError(f"style must be one of {STYLES}, got {style!r}")
    out = {"x": _round(x), "y": _round(y), "label": label, "color": color, "style": style}
    if style == "bar":
        out["width"] = 0.6 if width is None else float(width)
    return out


def panel(lines, *, title="", xlabel="", ylabel="", xlim=None, ylim=None, xticks=None):
    """One set of axes. Limits left out are fitted to the data (with a margin); given limits
    are the explorer's promise that its data stays inside them (the tests hold it to that)."""
    return {"title": title, "xlabel": xlabel, "ylabel": ylabel, "lines": lines, "legend": "above",
            "xlim": [float(v) for v in (xlim if xlim is not None else _fit_limits(lines, "x"))],
            "ylim": [float(v) for v in (ylim if ylim is not None else _fit_limits(lines, "y"))],
            "xticks": None if xticks is None else [[float(v), label] for v, label in xticks]}


def nice_limits(lo, hi, *, margin=0.05):
    """Round limits a little beyond [lo, hi] to a tick step of 1, 2 or 5 × 10^k."""
    lo, hi = float(lo), float(hi)
    if hi <= lo:
        lo, hi = lo - 1, hi + 1
    span = (hi - lo) * (1 + 2 * margin)
    step = 10 ** math.floor(math.log10(span / 5))
    step *= next(m for m in (1, 2, 5, 10) if span / (step * m) <= 8)
    return (math.floor((lo - margin * (hi - lo)) / step) * step,
            math.ceil((hi + margin * (hi - lo)) / step) * step)


def _fit_limits(lines, axis):
    values = [v for ln in lines for v in ln[axis] if v is not None]
    if axis == "y" and any(ln["style"] == "bar" for ln in lines):
        values.append(0.0)
    if axis == "x":
        values += [v + s * ln.get("width", 0) / 2 for ln in lines if ln["style"] == "bar"
                   for v in ln["x"] for s in (-1, 1)]
    return nice_limits(min(values), max(values)) if values else (0.0, 1.0)


def _round(values):
    # Python floats (tolist) format and test ~5x faster than NumPy scalars, with the same result
    a = np.atleast_1d(np.asarray(values, dtype=float))
    return [float(f"{v:.4g}") if math.isfinite(v) else None for v in a.tolist()]


# --- the explorer ----------------------------------------------------------------------------


class Explorer:
    """Base class: subclasses set ``title``, ``lead``, ``alt`` (each a :class:`Text`) and
    ``controls``, and implement ``view_model(**state)``."""

    title = None  # a Text, set by every subclass
    lead = None
    alt = None
    controls = ()

    def view_model(self, **state):  # pragma: no cover - abstract
        """The view of ``state`` with every word as a :class:`Text` (both languages)."""
        raise NotImplementedError

    def view(self, **state):
        """The view of ``state`` in the language set by :func:`lossbook.set_language`."""
        return localize(self.view_model(**state))

    def default_state(self):
        return {c.name: c.default for c in self.controls}

    def __repr__(self):
        return f"<{type(self).__name__}: {localize(self.title)}>"

    # --- live form ---------------------------------------------------------------

    def figure(self, **state):
        """Draw the view of ``state`` (defaults for what is left out) with matplotlib; returns the figure."""
        model = self.view_model(**{**self.default_state(), **state})
        return render_matplotlib(localize(model, figure_language()))

    def widget(self):
        """An ipywidgets control panel that redraws the view on every change.

        Controls and read-out follow :func:`lossbook.set_language`; the figure's words too
        when matplotlib has a CJK font, otherwise they stay English (as the book's figures).
        A control that cannot change the answer in the current state is disabled, with the
        reason beside it.
        """
        import ipywidgets as w

        lang = get_language()
        ctrls, notes, rows = {}, {}, []
        for c in self.controls:
            options = [(localize(c.text(v), lang), v) for v in c.values]
            kind = w.SelectionSlider if c.numeric else w.Dropdown
            ctrls[c.name] = kind(options=options, value=c.default, description=localize(c.label, lang),
                                 style={"description_width": "initial"},
                                 layout=w.Layout(width="100%", max_width="640px"))
            notes[c.name] = w.HTML(layout=w.Layout(margin="0 0 0 1em"))
            rows.append(ctrls[c.name])
            rows.append(notes[c.name])
        image, text = w.Image(format="png", layout=w.Layout(max_width="100%", height="auto")), w.HTML()

        def update(_=None):
            model = self.view_model(**{name: ctrl.value for name, ctrl in ctrls.items()})
            view = localize(model, lang)
            text.value = f"<pre style='margin:0;white-space:pre-wrap'>{html.escape(view.get('text', ''))}</pre>"
            for name, ctrl in ctrls.items():
                why = view.get("inactive", {}).get(name)
                ctrl.disabled = why is not None
                notes[name].value = f"<small><i>{html.escape(why)}</i></small>" if why else ""
                notes[name].layout.display = None if why else "none"
            image.value = render_png(localize(model, figure_language())) if view.get("panels") else b""
            image.layout.display = None if view.get("panels") else "none"

        for ctrl in ctrls.values():
            ctrl.observe(update, names="value")
        update()
        head = f"<b>{html.escape(localize(self.title, lang))}</b>"
        if self.lead is not None:
            head += f"<br><span>{html.escape(localize(self.lead, lang))}</span>"
        return w.VBox([w.HTML(head), *rows, image, text])

    # --- static form ---------------------------------------------------------------

    def states(self):
        """Every combination of control values, as (key, state) with key = 'i,j,...' indices."""
        for idx in itertools.product(*(range(len(c.values)) for c in self.controls)):
            yield ",".join(map(str, idx)), {c.name: c.values[i] for c, i in zip(self.controls, idx)}

    def static_data(self):
        """All views of the grid, with repeated arrays and views stored once (words in both languages)."""
        arrays, array_ids, views, view_ids, states = [], {}, [], {}, {}

        def intern(values):
            key = json.dumps(values)
            if key not in array_ids:
                array_ids[key] = len(arrays)
                arrays.append(values)
            return array_ids[key]

        for key, state in self.states():
            view = self.view_model(**state)
            view = {**view, "panels": [{**p, "lines": [{**ln, "x": intern(ln["x"]), "y": intern(ln["y"])}
                                                       for ln in p["lines"]]}
                                       for p in view.get("panels", [])]}
            view = stored(view)
            vkey = json.dumps(view, sort_keys=True)
            if vkey not in view_ids:
                view_ids[vkey] = len(views)
                views.append(view)
            states[key] = view_ids[vkey]
        controls = [{"name": c.name, "label": c.label, "values": [c.text(v) for v in c.values],
                     "default": c.values.index(c.default), "numeric": c.numeric} for c in self.controls]
        return {"title": stored(self.title), "lead": stored(self.lead), "alt": stored(self.alt), "ui": stored(UI),
                "controls": stored(controls), "arrays": arrays, "views": views, "states": states}

    def static_html(self):
        """A self-contained HTML/JS explorer over the precomputed grid (no kernel, no network).

        The JavaScript and CSS come from ``static/explorer.js`` and ``static/explorer.css``
        and are inlined, so the output works alone (a downloaded notebook, the website).
        The element id is unique per display: a hash of the data (stable across runs)
        followed by the number of this display in the process, so two copies of one
        explorer on a page each bind their own script. Both languages are in the data; the
        script shows the one of the nearest ``lang`` attribute. While the language is
        Chinese (:func:`lossbook.set_language`), the element carries ``lang="zh-CN"`` itself.
        Where its script does not run (JupyterLab does not run the scripts of a notebook it
        has not trusted), it shows one line in both languages: run the cell to use it.
        """
        data = json.dumps(compact(self.static_data()), separators=(",", ":"),
                          ensure_ascii=False).replace("</", "<\\/")
        uid = f"lbx-{hashlib.sha1(data.encode()).hexdigest()[:10]}-{next(_DISPLAYS)}"
        lang = ' lang="zh-CN"' if get_language() == "zh" else ""
        return (f'<div class="lb-explorer" id="{uid}"{lang} role="group" '
                f'aria-label="{html.escape(localize(self.title))}">'
                f'<script type="application/json" class="lb-data">{data}</script>'
                # where scripts do not run (an untrusted notebook in JupyterLab) this line is
                # all the output shows; the script removes it
                '<p class="lb-hint">Run this cell to use the explorer · 运行此单元格即可使用探索器</p>'
                f"<style>{asset('explorer.css')}</style><script>{asset('explorer.js')}"
                f"\nlossbookExplorer(document.getElementById('{uid}'));</script>"
                "</div>")

    def _repr_mimebundle_(self, include=None, exclude=None):
        """The static HTML form always; the live widget too when a kernel runs and ipywidgets
        is installed (a downloaded notebook may run without it: the static form still works)."""
        bundle = {"text/plain": repr(self), "text/html": self.static_html()}
        try:
            from ipykernel.kernelbase import Kernel
            live = Kernel.initialized()
        except ImportError:  # pragma: no cover - outside Jupyter
            live = False
        if live and importlib.util.find_spec("ipywidgets") is None:
            live = False
        if live:
            bundle.update(self.widget()._repr_mimebundle_())
            bundle["text/plain"] = repr(self)
        return bundle


def compact(data):
    """``data`` with every object inside its views stored once in ``data["parts"]`` and
    referred to as ``{"@": index}`` (titles, labels, lines and panels repeat from state to
    state); the script expands a view when it draws it."""
    data = json.loads(json.dumps(data))
    parts, ids = [], {}

    def walk(value):
        if isinstance(value, list):
            return [walk(v) for v in value]
        if not isinstance(value, dict):
            return value
        value = {k: walk(v) for k, v in value.items()}
        key = json.dumps(value, sort_keys=True, ensure_ascii=False)
        if key not in ids:
            ids[key] = len(parts)
            parts.append(value)
        return {"@": ids[key]}

    data["views"] = [{k: walk(v) for k, v in view.items()} for view in data["views"]]
    data["parts"] = parts
    return data


def expand(value, parts):
    """The inverse of :func:`compact` for one value (what the script does before drawing)."""
    if isinstance(value, list):
        return [expand(v, parts) for v in value]
    if isinstance(value, dict):
        if set(value) == {"@"}:
            return expand(parts[value["@"]], parts)
        return {k: expand(v, parts) for k, v in value.items()}
    return value


# --- the live renderer: matplotlib -------------------------------------------------------------

CJK_FONTS = ("Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "WenQuanYi Zen Hei",
             "WenQuanYi Micro Hei", "Microsoft YaHei", "SimHei", "PingFang SC", "Hiragino Sans GB",
             "Heiti SC", "Arial Unicode MS")


@lru_cache(maxsize=None)
def cjk_font():
    """The name of a font matplotlib can use for Chinese, or None when it has none."""
    from matplotlib import font_manager

    names = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in names), None)


def figure_language():
    """The language of the live figures' words: the chosen one, or English when Chinese is
    chosen but matplotlib has no CJK font (it would draw empty boxes)."""
    lang = get_language()
    return lang if lang == "en" or cjk_font() else "en"


def _has_cjk(text):
    return any(unicodedata.east_asian_width(ch) in "WF" for ch in text)


#: Font size (points) of the live figures' ticks, labels and legends: 11.1 px at their dpi of 80.
LIVE_PT = 10


def render_matplotlib(view):
    """Draw a view dict (words already in one language) with matplotlib (the live renderer).

    Each legend sits above its axes, below the title, so it never covers the data.
    """
    import matplotlib.pyplot as plt

    panels = view.get("panels", [])
    if not panels:
        fig, ax = plotting.figure(width=6, height=0.5)
        ax.axis("off")
        return fig
    words = [p[k] for p in panels for k in ("title", "xlabel", "ylabel")]
    words += [ln["label"] for p in panels for ln in p["lines"]]
    font = {"family": ["DejaVu Sans", cjk_font()]} if cjk_font() and any(_has_cjk(t) for t in words) else {}
    # A fixed layout (no constrained layout) and a modest dpi keep a redraw well under 150 ms.
    n = len(panels)
    width, height = (8.6, 3.9) if n > 1 else (6.4, 3.9)
    # dpi 80: every text at least LIVE_PT = 10 pt is 11 px or more where the image is shown
    # at its own size (the width of JupyterLab's notebook column).
    with plt.rc_context({"font.size": LIVE_PT, "xtick.labelsize": LIVE_PT, "ytick.labelsize": LIVE_PT,
                         "axes.labelsize": LIVE_PT}):
        fig, axes = plt.subplots(1, n, figsize=(width, height), dpi=80, facecolor="white")
    fig.subplots_adjust(left=0.62 / width, right=1 - 0.15 / width, bottom=0.62 / height, wspace=0.3)
    axes = np.atleast_1d(axes)
    renderer = fig.canvas.get_renderer()
    tops = []
    for ax, p in zip(axes, panels):
        for ln in p["lines"]:
            x = np.array(ln["x"], dtype=float)
            y = np.array([np.nan if v is None else v for v in ln["y"]], dtype=float)
            style, kw = ln.get("style", "-"), {"color": ln["color"], "label": ln["label"] or None}
            if style == "bar":
                ax.bar(x, y, width=ln.get("width", 0.6), **kw)
            elif style in ("o", "^", "x"):
                ax.plot(x, y, style, ms=6, mew=2, linestyle="none", clip_on=False, **kw)  # whole at the edge
            else:
                ax.plot(x, y, style, lw=2, **kw)
        ax.set_xlabel(p["xlabel"], fontdict=font)
        ax.set_ylabel(p["ylabel"], fontdict=font)
        ax.set_xlim(p["xlim"])
        ax.set_ylim(p["ylim"])
        if p.get("xticks"):
            ax.set_xticks([v for v, _ in p["xticks"]], [label for _, label in p["xticks"]], **font)
        ax.grid(alpha=0.3)
        legend_pt = 0.0  # the legend's height in points: the title goes above it
        if any(ln["label"] for ln in p["lines"]):
            legend_pt = _legend_above(ax, renderer, font).get_window_extent(renderer).height * 72 / fig.dpi
        ax.set_title(p["title"], fontdict={**font, "fontsize": 11, "fontweight": "bold"}, pad=6 + legend_pt)
        tops.append(legend_pt)
    # room above the axes for the legend and the title (the widths are already final)
    fig.subplots_adjust(top=1 - (24 + max(tops)) / (72 * height))
    plt.close(fig)
    return fig


def _legend_above(ax, renderer, font):
    """Put the legend in rows above the axes, as many entries per row as fit its width; return it.

    The number of columns comes from the labels' measured widths (one legend is built, not
    one per try); matplotlib fills the columns top to bottom."""
    from matplotlib.font_manager import FontProperties

    handles, labels = ax.get_legend_handles_labels()
    prop = FontProperties(**font, size=LIVE_PT)
    em = LIVE_PT * ax.figure.dpi / 72
    # an entry: handle (1.8 em) + pad (0.8 em) + text + column spacing (1 em)
    entries = [renderer.get_text_width_height_descent(label, prop, ismath=False)[0] + 3.6 * em
               for label in labels]
    room = ax.get_window_extent(renderer).width
    n = len(labels)
    ncols = next((k for k in range(n, 0, -1)
                  if sum(max(entries[j:j + math.ceil(n / k)]) for j in range(0, n, math.ceil(n / k))) <= room), 1)
    while True:  # the estimate is usually right; the measured legend has the last word
        legend = ax.legend(handles, labels, loc="lower left", bbox_to_anchor=(0, 1.0), ncols=ncols,
                           frameon=False, borderaxespad=0.2, borderpad=0.2, handlelength=1.8,
                           columnspacing=1.0, prop=prop)
        if ncols == 1 or legend.get_window_extent(renderer).width <= room:
            return legend
        ncols -= 1


def render_png(view):
    """The live widget's picture of a view: matplotlib, PNG bytes (fast zlib level)."""
    import matplotlib.pyplot as plt

    fig = render_matplotlib(view)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", pil_kwargs={"compress_level": 1})
    plt.close(fig)
    return buffer.getvalue()
