"""Interactive explorers that work everywhere: live in a kernel, static on the website.

An explorer is one object with one source of truth: ``view(**state)`` computes what to
show with lossbook's own functions. Two renderers draw the same view:

- in a live kernel (JupyterLab, Binder), an ipywidgets control panel redraws it with
  matplotlib on every change;
- on the static website, a self-contained HTML/JS panel holds the views for every state
  of a grid of control values, precomputed by the same ``view``, and draws them as SVG
  with no kernel and no network.

Displaying an explorer offers both forms in one mime bundle: JupyterLab picks the widget,
the book's HTML builder is configured to pick the HTML (``nb_mime_priority_overrides``).

A view is a plain dict::

    {"panels": [{"title": ..., "xlabel": ..., "ylabel": ..., "xlim": [a, b], "ylim": [c, d],
                 "lines": [{"x": [...], "y": [...], "label": ..., "color": "#0072B2",
                            "style": "-" | "--" | "o" | "bar"}]}],
     "text": "a few lines of numbers"}
"""

import hashlib
import html
import importlib.util
import io
import itertools
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from .. import plotting

C = plotting.PALETTE
_DISPLAYS = itertools.count(1)  # numbers each static display in this process: ids are unique per display


@lru_cache(maxsize=None)
def asset(name):
    """The text of a file shipped in ``lossbook/explorers/static`` (package data), e.g. ``'explorer.js'``."""
    return resources.files("lossbook.explorers").joinpath("static", name).read_text(encoding="utf-8")


@dataclass
class Control:
    """One control: a name (the keyword of ``view``), a label, the values it offers, a default."""

    name: str
    label: str
    values: tuple
    default: object
    fmt: str = "{}"

    def text(self, value):
        return self.fmt.format(value)

    @property
    def numeric(self):
        return all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in self.values)


def line(x, y, label="", color=C["blue"], style="-"):
    return {"x": _round(x), "y": _round(y), "label": label, "color": color, "style": style}


def panel(lines, *, title="", xlabel="", ylabel="", xlim=None, ylim=None):
    return {"title": title, "xlabel": xlabel, "ylabel": ylabel, "lines": lines,
            "xlim": None if xlim is None else [float(v) for v in xlim],
            "ylim": None if ylim is None else [float(v) for v in ylim]}


def _round(values):
    a = np.atleast_1d(np.asarray(values, dtype=float))
    return [None if not np.isfinite(v) else float(f"{v:.4g}") for v in a]


class Explorer:
    """Base class: subclasses set ``title``, ``controls`` and ``alt``, and implement ``view``."""

    title = ""
    alt = ""
    controls = ()

    def view(self, **state):  # pragma: no cover - abstract
        raise NotImplementedError

    def default_state(self):
        return {c.name: c.default for c in self.controls}

    def __repr__(self):
        return f"<{type(self).__name__}: {self.title}>"

    # --- live form ---------------------------------------------------------------

    def figure(self, **state):
        """Draw ``view(**state)`` with matplotlib; returns the figure."""
        view = self.view(**{**self.default_state(), **state})
        return render_matplotlib(view)

    def widget(self):
        """An ipywidgets control panel that redraws the view on every change."""
        import ipywidgets as w

        ctrls = {}
        for c in self.controls:
            options = [(c.text(v), v) for v in c.values]
            kind = w.SelectionSlider if c.numeric else w.Dropdown
            ctrls[c.name] = kind(options=options, value=c.default, description=c.label,
                                 style={"description_width": "initial"},
                                 layout=w.Layout(width="420px"))
        image, text = w.Image(format="png"), w.HTML()

        def update(_=None):
            view = self.view(**{name: ctrl.value for name, ctrl in ctrls.items()})
            text.value = f"<pre style='margin:0'>{html.escape(view.get('text', ''))}</pre>"
            image.value = render_png(view) if view.get("panels") else b""
            image.layout.display = None if view.get("panels") else "none"

        for ctrl in ctrls.values():
            ctrl.observe(update, names="value")
        update()
        return w.VBox([w.HTML(f"<b>{html.escape(self.title)}</b>"), *ctrls.values(), image, text])

    # --- static form ---------------------------------------------------------------

    def states(self):
        """Every combination of control values, as (key, state) with key = 'i,j,...' indices."""
        for idx in itertools.product(*(range(len(c.values)) for c in self.controls)):
            yield ",".join(map(str, idx)), {c.name: c.values[i] for c, i in zip(self.controls, idx)}

    def static_data(self):
        """All views of the grid, with repeated arrays and views stored once."""
        arrays, array_ids, views, view_ids, states = [], {}, [], {}, {}

        def intern(values):
            key = json.dumps(values)
            if key not in array_ids:
                array_ids[key] = len(arrays)
                arrays.append(values)
            return array_ids[key]

        for key, state in self.states():
            view = self.view(**state)
            view = {**view, "panels": [{**p, "lines": [{**ln, "x": intern(ln["x"]), "y": intern(ln["y"])}
                                                       for ln in p["lines"]]}
                                       for p in view.get("panels", [])]}
            vkey = json.dumps(view, sort_keys=True)
            if vkey not in view_ids:
                view_ids[vkey] = len(views)
                views.append(view)
            states[key] = view_ids[vkey]
        controls = [{"name": c.name, "label": c.label, "values": [c.text(v) for v in c.values],
                     "default": c.values.index(c.default), "numeric": c.numeric} for c in self.controls]
        return {"title": self.title, "alt": self.alt, "controls": controls, "arrays": arrays,
                "views": views, "states": states}

    def static_html(self):
        """A self-contained HTML/JS explorer over the precomputed grid (no kernel, no network).

        The JavaScript and CSS come from ``static/explorer.js`` and ``static/explorer.css``
        and are inlined, so the output works alone (a downloaded notebook, the website).
        The element id is unique per display: a hash of the data (stable across runs)
        followed by the number of this display in the process, so two copies of one
        explorer on a page each bind their own script.
        """
        data = json.dumps(self.static_data(), separators=(",", ":")).replace("</", "<\\/")
        uid = f"lbx-{hashlib.sha1(data.encode()).hexdigest()[:10]}-{next(_DISPLAYS)}"
        return (f'<div class="lb-explorer" id="{uid}" role="group" aria-label="{html.escape(self.title)}">'
                f'<script type="application/json" class="lb-data">{data}</script>'
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


def render_matplotlib(view, fig=None):
    """Draw a view dict with matplotlib (the live renderer)."""
    import matplotlib.pyplot as plt

    panels = view.get("panels", [])
    if not panels:
        fig, ax = plotting.figure(width=6, height=0.5)
        ax.axis("off")
        return fig
    # A fixed layout (no constrained layout) and a modest dpi keep a redraw well under 150 ms.
    fig, axes = plt.subplots(1, len(panels), figsize=(4.2 * len(panels), 3.0), dpi=80, facecolor="white")
    fig.subplots_adjust(left=0.6 / (4.2 * len(panels)), right=0.98, bottom=0.16, top=0.9, wspace=0.3)
    for ax, p in zip(np.atleast_1d(axes), panels):
        for ln in p["lines"]:
            x = np.array(ln["x"], dtype=float)
            y = np.array([np.nan if v is None else v for v in ln["y"]], dtype=float)
            style, kw = ln.get("style", "-"), {"color": ln["color"], "label": ln["label"] or None}
            if style == "bar":
                ax.bar(x, y, width=0.6, **kw)
            elif style == "o":
                ax.plot(x, y, "o", ms=5, **kw)
            else:
                ax.plot(x, y, style, lw=2, **kw)
        ax.set(title=p["title"], xlabel=p["xlabel"], ylabel=p["ylabel"])
        if p["xlim"]:
            ax.set_xlim(p["xlim"])
        if p["ylim"]:
            ax.set_ylim(p["ylim"])
        ax.grid(alpha=0.3)
        if any(ln["label"] for ln in p["lines"]):
            ax.legend(frameon=False, fontsize=8)
    plt.close(fig)
    return fig


def render_png(view):
    """The live widget's picture of a view: matplotlib, PNG bytes (fast zlib level)."""
    import matplotlib.pyplot as plt

    fig = render_matplotlib(view)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", pil_kwargs={"compress_level": 1})
    plt.close(fig)
    return buffer.getvalue()
