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
import io
import itertools
import json
from dataclasses import dataclass

import numpy as np

from . import plotting
from .chooser import choose_loss
from . import classification as cls
from .distributions import js_divergence, kl_divergence, wasserstein_1d
from . import regression as reg
from .activations import softmax
from .data import line_data
from .optim import Adam, GradientDescent, fit

C = plotting.PALETTE


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
        """A self-contained HTML/JS explorer over the precomputed grid (no kernel, no network)."""
        data = json.dumps(self.static_data(), separators=(",", ":")).replace("</", "<\\/")
        uid = "lbx-" + hashlib.sha1(data.encode()).hexdigest()[:10]
        return (f'<div class="lb-explorer" id="{uid}" role="group" aria-label="{html.escape(self.title)}">'
                f'<script type="application/json" class="lb-data">{data}</script>'
                f"<style>{_CSS}</style><script>{_JS}\nlossbookExplorer(document.getElementById('{uid}'));</script>"
                "</div>")

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = {"text/plain": repr(self), "text/html": self.static_html()}
        try:
            from ipykernel.kernelbase import Kernel
            live = Kernel.initialized()
        except ImportError:  # pragma: no cover - outside Jupyter
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


def measure(explorer, repeats=5):
    """Median time (s) of a live update (view + PNG, as the widget does) and the static form's size (bytes)."""
    import time

    states = [s for _, s in explorer.states()]
    picks = [states[i] for i in np.linspace(0, len(states) - 1, repeats).astype(int)]
    times = []
    for state in picks:
        t0 = time.perf_counter()
        view = explorer.view(**state)
        if view.get("panels"):
            render_png(view)
        times.append(time.perf_counter() - t0)
    return float(np.median(times)), len(explorer.static_html().encode())


_CSS = """
.lb-explorer{border:1px solid #8886;border-radius:6px;padding:.6em;margin:1em 0;background:#fff;color:#111;font-size:.9em}
.lb-explorer .lb-title{font-weight:600;margin:0 0 .4em}
.lb-explorer .lb-controls{display:flex;flex-wrap:wrap;gap:.4em 1.4em;margin-bottom:.4em}
.lb-explorer label{display:flex;align-items:center;gap:.5em}
.lb-explorer output{min-width:4.5em;font-family:monospace}
.lb-explorer .lb-panels{display:flex;flex-wrap:wrap;gap:.5em}
.lb-explorer svg{background:#fff;max-width:100%;height:auto}
.lb-explorer pre.lb-text{background:#f6f6f6;color:#111;margin:.4em 0 0;padding:.4em;white-space:pre-wrap}
.lb-explorer input:focus-visible,.lb-explorer select:focus-visible{outline:2px solid #0072B2}
"""

_JS = r"""
var lossbookExplorer = window.lossbookExplorer || (window.lossbookExplorer = function (root) {
  var data = JSON.parse(root.querySelector('script.lb-data').textContent);
  var NS = 'http://www.w3.org/2000/svg', W = 400, H = 270, L = 56, R = 12, T = 26, B = 42;
  function el(tag, attrs, parent, text) {
    var e = document.createElementNS(NS, tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }
  function ticks(lo, hi) {
    var span = hi - lo, step = Math.pow(10, Math.floor(Math.log10(span / 5)));
    [1, 2, 5, 10].some(function (m) { if (span / (step * m) <= 6) { step *= m; return true; } });
    var out = [];
    for (var v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(+v.toPrecision(10));
    return out;
  }
  function extent(lines, key) {
    var lo = Infinity, hi = -Infinity;
    lines.forEach(function (ln) { data.arrays[ln[key]].forEach(function (v) {
      if (v !== null) { lo = Math.min(lo, v); hi = Math.max(hi, v); } }); });
    if (lo === hi) { lo -= 1; hi += 1; }
    return [lo, hi];
  }
  var title = document.createElement('p'); title.className = 'lb-title'; title.textContent = data.title;
  root.appendChild(title);
  var controls = document.createElement('div'); controls.className = 'lb-controls'; root.appendChild(controls);
  var panels = document.createElement('div'); panels.className = 'lb-panels'; root.appendChild(panels);
  panels.setAttribute('role', 'img'); panels.setAttribute('aria-label', data.alt);
  var text = document.createElement('pre'); text.className = 'lb-text'; text.setAttribute('aria-live', 'polite');
  root.appendChild(text);
  var inputs = data.controls.map(function (c, i) {
    var label = document.createElement('label'), input, out = document.createElement('output');
    label.appendChild(document.createTextNode(c.label));
    if (c.numeric) {
      input = document.createElement('input');
      input.type = 'range'; input.min = 0; input.max = c.values.length - 1; input.step = 1;
      input.value = c.default;
      input.setAttribute('aria-valuetext', c.values[c.default]);
    } else {
      input = document.createElement('select');
      c.values.forEach(function (v, j) { var o = document.createElement('option'); o.value = j; o.textContent = v; input.appendChild(o); });
      input.value = c.default;
    }
    input.name = c.name;
    label.appendChild(input);
    if (c.numeric) { out.textContent = c.values[c.default]; label.appendChild(out); }
    controls.appendChild(label);
    input.addEventListener('input', function () {
      if (c.numeric) { out.textContent = c.values[input.value]; input.setAttribute('aria-valuetext', c.values[input.value]); }
      render();
    });
    return input;
  });
  function drawPanel(p) {
    var svg = el('svg', {viewBox: '0 0 ' + W + ' ' + H, width: W, height: H});
    el('rect', {x: 0, y: 0, width: W, height: H, fill: '#fff'}, svg);
    var xl = p.xlim || extent(p.lines, 'x'), yl = p.ylim || extent(p.lines, 'y');
    function sx(v) { return L + (v - xl[0]) / (xl[1] - xl[0]) * (W - L - R); }
    function sy(v) { return H - B - (v - yl[0]) / (yl[1] - yl[0]) * (H - T - B); }
    var g = el('g', {'font-size': 11, 'font-family': 'sans-serif', fill: '#111'}, svg);
    ticks(xl[0], xl[1]).forEach(function (v) {
      el('line', {x1: sx(v), x2: sx(v), y1: T, y2: H - B, stroke: '#ddd'}, g);
      el('text', {x: sx(v), y: H - B + 14, 'text-anchor': 'middle'}, g, v);
    });
    ticks(yl[0], yl[1]).forEach(function (v) {
      el('line', {x1: L, x2: W - R, y1: sy(v), y2: sy(v), stroke: '#ddd'}, g);
      el('text', {x: L - 4, y: sy(v) + 4, 'text-anchor': 'end'}, g, v);
    });
    el('rect', {x: L, y: T, width: W - L - R, height: H - T - B, fill: 'none', stroke: '#444'}, g);
    el('text', {x: (L + W - R) / 2, y: 16, 'text-anchor': 'middle', 'font-weight': 'bold'}, g, p.title);
    el('text', {x: (L + W - R) / 2, y: H - 8, 'text-anchor': 'middle'}, g, p.xlabel);
    el('text', {x: 14, y: (T + H - B) / 2, 'text-anchor': 'middle',
                transform: 'rotate(-90 14 ' + (T + H - B) / 2 + ')'}, g, p.ylabel);
    var clip = 'clip' + Math.random().toString(36).slice(2);
    el('rect', {x: L, y: T, width: W - L - R, height: H - T - B}, el('clipPath', {id: clip}, svg));
    var plot = el('g', {'clip-path': 'url(#' + clip + ')'}, svg), legend = 0;
    var labelled = p.lines.filter(function (ln) { return ln.label; }).length;
    var box = labelled ? el('rect', {x: W - R - 124, y: T + 2, width: 120, height: 14 * labelled + 4,
                                      fill: '#fff', 'fill-opacity': 0.85}, g) : null;
    p.lines.forEach(function (ln) {
      var xs = data.arrays[ln.x], ys = data.arrays[ln.y];
      if (ln.style === 'o' || ln.style === 'bar') {
        xs.forEach(function (x, i) {
          if (ys[i] === null) return;
          if (ln.style === 'o') el('circle', {cx: sx(x), cy: sy(ys[i]), r: 3.5, fill: ln.color}, plot);
          else { var y0 = sy(Math.max(yl[0], 0)), y1 = sy(ys[i]), w = (sx(xl[0] + 0.6) - sx(xl[0]));
                 el('rect', {x: sx(x) - w / 2, y: Math.min(y0, y1), width: w, height: Math.abs(y0 - y1), fill: ln.color}, plot); }
        });
      } else {
        var d = '', pen = 'M';
        xs.forEach(function (x, i) {
          if (ys[i] === null) { pen = 'M'; return; }
          d += pen + sx(x).toFixed(1) + ' ' + sy(ys[i]).toFixed(1) + ' '; pen = 'L';
        });
        el('path', {d: d, fill: 'none', stroke: ln.color, 'stroke-width': 2,
                    'stroke-dasharray': ln.style === '--' ? '6 4' : 'none'}, plot);
      }
      if (ln.label) {
        var ly = T + 12 + 14 * legend++;
        el('rect', {x: W - R - 118, y: ly - 8, width: 12, height: 8, fill: ln.color}, g);
        el('text', {x: W - R - 102, y: ly}, g, ln.label);
      }
    });
    return svg;
  }
  function render() {
    var key = inputs.map(function (i) { return i.value; }).join(',');
    var view = data.views[data.states[key]];
    panels.replaceChildren.apply(panels, (view.panels || []).map(drawPanel));
    text.textContent = view.text || '';
    root.dataset.state = key;
  }
  render();
  root.lossbookRender = render;
});
"""


# --- the book's explorers ---------------------------------------------------------------


class LandscapeExplorer(Explorer):
    """Chapter 1: gradient descent on the MSE landscape of a line fit."""

    title = "Gradient descent on the loss landscape of a line fit"
    alt = ("Left: contour lines of the MSE J(w, b) with the descent path from the chosen start. "
           "Right: the loss after each step, on a log scale.")
    controls = (
        Control("lr", "learning rate η", (0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.12), 0.04, "{:g}"),
        Control("start", "start (w, b)", ("(-2, 8)", "(5, -4)", "(0, 0)", "(4, 8)", "(-2, -4)"), "(-2, 8)"),
    )
    steps = 30

    def __init__(self):
        self.X = np.arange(1.0, 6.0)[:, None]
        self.y = np.array([3.0, 5.0, 7.0, 9.0, 11.0])
        w, b = np.meshgrid(np.linspace(-3, 6, 61), np.linspace(-5, 9, 61))
        pred = w[..., None] * self.X[:, 0] + b[..., None]
        J = reg.mse(np.broadcast_to(self.y, pred.shape), pred, reduction="none").mean(axis=-1)
        self.contours = self._contours(w, b, J)

    @staticmethod
    def _contours(w, b, J):
        from contourpy import contour_generator

        gen = contour_generator(w, b, J)
        return [line(seg[:, 0], seg[:, 1], "", "#9a9a9a")
                for level in (0.5, 2, 8, 32, 128, 512) for seg in gen.lines(level)]

    def view(self, lr, start):
        w0, b0 = (float(v) for v in start.strip("()").split(","))
        run = fit(self.X, self.y, reg.mse, optimizer=GradientDescent(lr=lr), steps=self.steps, w0=[w0], b0=b0)
        path, losses = run.path.params, run.path.values
        diverged = not np.isfinite(losses[-1]) or losses[-1] > losses[0]
        path = np.clip(path, -1e6, 1e6)
        contour = panel(self.contours + [line(path[:, 0], path[:, 1], "descent path", C["vermillion"], "-"),
                                            line(path[:1, 0], path[:1, 1], "start", C["black"], "o")],
                        title="J(w, b) and the path", xlabel="weight w", ylabel="bias b",
                        xlim=(-3, 6), ylim=(-5, 9))
        curve = panel([line(np.arange(len(losses)), np.log10(np.maximum(losses, 1e-12)), "log10 J", C["blue"])],
                      title="loss per step", xlabel="step", ylabel="log10 J(w, b)",
                      xlim=(0, self.steps), ylim=(-4, 4))
        text = (f"after {self.steps} steps: w = {path[-1, 0]:.3f}, b = {path[-1, 1]:.3f}, J = {losses[-1]:.4g}"
                + ("   (diverging: the learning rate is too large)" if diverged else ""))
        return {"panels": [contour, curve], "text": text}


class OutlierExplorer(Explorer):
    """Chapter 2: MSE, MAE and Huber fits on data with one gross outlier."""

    title = "Fitting a line with outliers: MSE vs MAE vs Huber"
    alt = "Scatter of points near a line, two of them shifted up, with the MSE, MAE and Huber fitted lines."
    controls = (
        Control("delta", "Huber δ", (0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 5.0), 1.0, "{:g}"),
        Control("shift", "outlier shift", (0.0, 5.0, 10.0, 20.0, 40.0, 80.0), 20.0, "{:g}"),
    )

    def __init__(self):
        self._fits = {}

    def _fit(self, loss, shift, **kwargs):
        """Fits are cached: MSE and MAE do not depend on δ, so the grid needs far fewer of them."""
        key = (loss.__name__, shift, tuple(kwargs.items()))
        if key not in self._fits:
            X, y, _ = line_data(20, w=2.0, b=1.0, noise=1.0, n_outliers=2, outlier_shift=shift, seed=3)
            self._fits[key] = fit(X, y, loss, optimizer=Adam(lr=0.3), steps=300, **kwargs)
        return self._fits[key]

    def view(self, delta, shift):
        X, y, out = line_data(20, w=2.0, b=1.0, noise=1.0, n_outliers=2, outlier_shift=shift, seed=3)
        fits = {"MSE": self._fit(reg.mse, shift), "MAE": self._fit(reg.mae, shift),
                f"Huber δ={delta:g}": self._fit(reg.huber, shift, delta=delta)}
        xs = np.array([0.0, 10.0])
        lines = [line(X[~out, 0], y[~out], "data", C["black"], "o"),
                 line(X[out, 0], y[out], "outliers", C["orange"], "o"),
                 line(xs, 2 * xs + 1, "true line", "#777777", "--")]
        lines += [line(xs, f.w[0] * xs + f.b, name, color)
                  for (name, f), color in zip(fits.items(), (C["blue"], C["vermillion"], C["green"]))]
        text = "\n".join(f"{name:<14} w = {f.w[0]:6.3f}   b = {f.b:6.3f}" for name, f in fits.items())
        return {"panels": [panel(lines, title="fitted lines", xlabel="x", ylabel="y",
                                 xlim=(0, 10), ylim=(-5, 45))],
                "text": "true line      w =  2.000   b =  1.000\n" + text}


class SigmoidLossExplorer(Explorer):
    """Chapter 4: sigmoid + MSE vs sigmoid + cross-entropy (the pneumonia-doctor story)."""

    title = "Sigmoid + MSE vs sigmoid + cross-entropy"
    alt = ("Left: both losses against the predicted probability for the chosen label. Right: their "
           "gradients with respect to the logit z; the MSE gradient vanishes where the model is confidently wrong.")
    controls = (
        Control("y_hat", "prediction ŷ", tuple(np.round(np.arange(1, 100) / 100, 2).tolist()), 0.2, "{:.2f}"),
        Control("y", "true label y", (0, 1), 1, "{}"),
    )
    grid = np.linspace(0.005, 0.995, 199)

    def _curves(self, y, p):
        target = np.full_like(p, float(y))
        z = np.log(p) - np.log1p(-p)
        ce = cls.binary_cross_entropy(target, p, reduction="none")
        mse = reg.mse(target, p, reduction="none")
        g_ce = cls.binary_cross_entropy_with_logits_grad(target, z, reduction="none")
        g_mse = reg.mse_grad(target, p, reduction="none") * p * (1 - p)  # chain rule through σ
        return mse, ce, g_mse, g_ce

    def view(self, y_hat, y):
        mse, ce, g_mse, g_ce = self._curves(y, self.grid)
        m = self._curves(y, np.array([y_hat]))
        losses = panel([line(self.grid, mse, "MSE (ŷ−y)²", C["blue"]), line(self.grid, ce, "cross-entropy", C["vermillion"]),
                        line([y_hat, y_hat], [m[0][0], m[1][0]], "", C["black"], "o")],
                       title=f"loss for y = {y}", xlabel="predicted probability ŷ", ylabel="loss", xlim=(0, 1), ylim=(0, 5))
        grads = panel([line(self.grid, g_mse, "MSE: 2(ŷ−y)ŷ(1−ŷ)", C["blue"]), line(self.grid, g_ce, "CE: ŷ−y", C["vermillion"]),
                       line([y_hat, y_hat], [m[2][0], m[3][0]], "", C["black"], "o")],
                      title="gradient dL/dz", xlabel="predicted probability ŷ", ylabel="dL/dz", xlim=(0, 1), ylim=(-1, 1))
        text = (f"y = {y}, ŷ = {y_hat:.2f}\n"
                f"MSE: loss {m[0][0]:.4f}   dL/dz {m[2][0]:+.4f}\n"
                f"CE : loss {m[1][0]:.4f}   dL/dz {m[3][0]:+.4f}")
        return {"panels": [losses, grads], "text": text}


class SoftmaxExplorer(Explorer):
    """Chapter 3: how logits and temperature shape the softmax and the cross-entropy."""

    title = "Softmax and cross-entropy: logits and temperature"
    alt = "Bar chart of the softmax probabilities of three classes; the true class is 'cat'."
    classes = ("cat", "dog", "bird")
    controls = (
        Control("z_cat", "logit of 'cat'", tuple(np.arange(-4.0, 4.5, 0.5).tolist()), 2.0, "{:+.1f}"),
        Control("temperature", "temperature T", (0.25, 0.5, 1.0, 2.0, 4.0), 1.0, "{:g}"),
    )

    def view(self, z_cat, temperature):
        logits = np.array([[z_cat, 1.0, 0.1]])
        probs = softmax(logits / temperature)[0]
        loss = cls.cross_entropy([0], logits / temperature)
        bars = panel([line([0, 1, 2], probs, "", C["blue"], "bar")], title="softmax(z / T)",
                     xlabel="class: 0 = cat, 1 = dog, 2 = bird", ylabel="probability", xlim=(-0.6, 2.6), ylim=(0, 1))
        text = (f"logits z = [{z_cat:+.1f}, +1.0, +0.1], T = {temperature:g}\n"
                + "   ".join(f"p({c}) = {p:.3f}" for c, p in zip(self.classes, probs))
                + f"\ncross-entropy for the true class 'cat' = -ln p(cat) = {loss:.4f}")
        return {"panels": [bars], "text": text}


class FocalExplorer(Explorer):
    """Chapter 5: the focal loss against the probability of the true class."""

    title = "Focal loss: γ and α"
    alt = "Focal loss and cross-entropy against the probability p_t of the true class."
    controls = (
        Control("gamma", "γ (focusing)", (0.0, 0.5, 1.0, 2.0, 3.0, 5.0), 2.0, "{:g}"),
        Control("alpha", "α (positive weight)", ("none", "0.25", "0.5", "0.75"), "0.25"),
    )
    p_t = np.linspace(0.01, 1.0, 100)

    def view(self, gamma, alpha):
        a = None if alpha == "none" else float(alpha)
        logits = np.log(self.p_t) - np.log1p(-np.minimum(self.p_t, 1 - 1e-12))
        ones = np.ones_like(logits)
        ce = cls.binary_cross_entropy_with_logits(ones, logits, reduction="none")
        fl = cls.focal(ones, logits, reduction="none", alpha=a, gamma=gamma)
        easy, hard = np.searchsorted(self.p_t, 0.9), np.searchsorted(self.p_t, 0.1)
        plot = panel([line(self.p_t, ce, "cross-entropy", C["blue"], "--"),
                      line(self.p_t, fl, f"focal γ={gamma:g}, α={alpha}", C["vermillion"])],
                     title="loss of a positive example", xlabel="probability of the true class p_t",
                     ylabel="loss", xlim=(0, 1), ylim=(0, 4.6))
        text = (f"easy example (p_t = {self.p_t[easy]:.2f}): focal/CE = {fl[easy] / ce[easy]:.4f}\n"
                f"hard example (p_t = {self.p_t[hard]:.2f}): focal/CE = {fl[hard] / ce[hard]:.4f}")
        return {"panels": [plot], "text": text}


class WassersteinExplorer(Explorer):
    """Chapter 5: KL, JS and Wasserstein-1 as two distributions slide past each other."""

    title = "Wasserstein vs KL and JS as a distribution slides"
    alt = ("Left: two narrow histograms, the second shifted. Right: KL, JS and W1 against the shift; "
           "KL is infinite and JS flat at ln 2 when they do not overlap, W1 falls linearly.")
    x = np.arange(0.0, 12.0)
    controls = (Control("shift", "shift of q", tuple(np.arange(-6.0, 6.5, 1.0).tolist()), 4.0, "{:+g}"),)

    def _pq(self, shift):
        p = np.zeros_like(self.x)
        p[5:7] = 0.5
        q = np.roll(p, int(shift))
        return p, q

    def _measures(self, shift):
        p, q = self._pq(shift)
        kl = kl_divergence(p, q)
        return kl, js_divergence(p, q), wasserstein_1d(self.x, self.x, p + 1e-300, q + 1e-300)

    def view(self, shift):
        p, q = self._pq(shift)
        shifts = np.array(self.controls[0].values)
        kl, js, w1 = np.array([self._measures(s) for s in shifts]).T
        now = self._measures(shift)
        hist = panel([line(self.x - 0.15, p, "p (data)", C["blue"], "bar"),
                      line(self.x + 0.15, q, "q (model)", C["vermillion"], "bar")],
                     title="two distributions", xlabel="position", ylabel="probability", xlim=(-0.6, 11.6), ylim=(0, 0.6))
        curves = panel([line(shifts, np.where(np.isfinite(kl), kl, np.nan), "KL(p‖q)", C["orange"]),
                        line(shifts, js, "JS", C["green"]), line(shifts, w1, "W1", C["blue"]),
                        line([shift], [now[2]], "", C["black"], "o")],
                       title="distance against the shift", xlabel="shift of q", ylabel="value (nats, positions)",
                       xlim=(-6, 6), ylim=(0, 6.5))
        kl_text = "inf (q = 0 where p > 0)" if not np.isfinite(now[0]) else f"{now[0]:.4f}"
        text = f"shift {shift:+g}:  KL = {kl_text}   JS = {now[1]:.4f} (ln 2 = {np.log(2):.4f})   W1 = {now[2]:.4f}"
        return {"panels": [hist, curves], "text": text}


class ChooserExplorer(Explorer):
    """Chapter 6: the loss chooser as a panel of questions."""

    title = "Which loss? Answer a few questions"
    alt = "The recommended loss, activation, optimiser and reasons for the chosen task and data."
    controls = (
        Control("task", "task", ("regression", "binary", "multiclass", "margin", "similarity", "distribution"), "regression"),
        Control("outliers", "outliers in the targets", ("no", "yes"), "no"),
        Control("imbalance", "class imbalance", ("none", "moderate", "severe"), "none"),
        Control("output", "model output", ("logits", "probabilities", "scores"), "logits"),
        Control("pairing", "similarity data", ("pairs", "triplets", "classes"), "pairs"),
        Control("overlap", "distributions overlap", ("yes", "no"), "yes"),
    )

    def view(self, task, outliers, imbalance, output, pairing, overlap):
        rec = choose_loss(task, outliers=outliers == "yes", imbalance=imbalance, output=output,
                          pairing=pairing, overlap=overlap == "yes")
        return {"panels": [], "text": str(rec)}


EXPLORERS = (LandscapeExplorer, OutlierExplorer, SigmoidLossExplorer, SoftmaxExplorer,
             FocalExplorer, WassersteinExplorer, ChooserExplorer)
