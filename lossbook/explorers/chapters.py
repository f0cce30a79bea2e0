"""The book's explorers, one per chapter section: each is a ``view`` computed with lossbook.

Chapter 1 :class:`LandscapeExplorer`, chapter 2 :class:`OutlierExplorer`, chapter 3
:class:`SoftmaxExplorer`, chapter 4 :class:`SigmoidLossExplorer`, chapter 5
:class:`FocalExplorer` and :class:`WassersteinExplorer`, chapter 6 :class:`ChooserExplorer`.
"""

import numpy as np

from .. import classification as cls
from .. import plotting
from .. import regression as reg
from ..activations import softmax
from ..chooser import choose_loss
from ..data import line_data
from ..distributions import js_divergence, kl_divergence, wasserstein_1d
from ..numerics import loss_grid
from ..optim import Adam, GradientDescent, fit
from .framework import Control, Explorer, line, panel

C = plotting.PALETTE

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
        J = loss_grid(reg.mse, self.y, self.X, w, b)
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
