"""The book's explorers, one per chapter section: each is a ``view_model`` computed with lossbook.

Chapter 1 :class:`LandscapeExplorer`, chapter 2 :class:`OutlierExplorer`, chapter 3
:class:`SoftmaxExplorer`, chapter 4 :class:`SigmoidLossExplorer`, chapter 5
:class:`FocalExplorer` and :class:`WassersteinExplorer`, chapter 6 :class:`ChooserExplorer`.

Every word a reader sees is a :class:`~.framework.Text` in English and Chinese; the Chinese
terms are those of the glossary in ``book/intro.md``.
"""

import math

import numpy as np

from .. import classification as cls
from .. import plotting
from .. import regression as reg
from ..activations import softmax
from ..chooser import choose_loss
from ..data import line_data
from ..distributions import js_divergence, kl_divergence, wasserstein_1d
from ..i18n import Text
from ..numerics import loss_grid
from ..optim import Adam, GradientDescent, fit
from .framework import Control, Explorer, line, nice_limits, pad, panel, tr

C = plotting.PALETTE
LOSS, PROBABILITY = tr("loss", "损失"), tr("probability", "概率")


def _both(make):
    """A :class:`Text` from one template written for both languages: ``make(lang)`` -> str."""
    return Text(make("en"), make("zh"))


# --- the book's explorers ---------------------------------------------------------------


class LandscapeExplorer(Explorer):
    """Chapter 1: gradient descent on the MSE landscape of a line fit."""

    title = tr("Gradient descent on the loss landscape of a line fit", "直线拟合的损失曲面上的梯度下降")
    lead = tr("Choose a learning rate and a start: the path on the contour map and the loss per step follow.",
              "选择学习率和起点：等高线图上的下降路径和每一步的损失随之改变。")
    alt = tr("Left: contour lines of the MSE J(w, b) with the descent path from the chosen start. "
             "Right: the loss after each step, on a log scale.",
             "左：均方误差 J(w, b) 的等高线和从所选起点出发的下降路径。右：每一步之后的损失（对数刻度）。")
    controls = (
        Control("lr", tr("learning rate η", "学习率 η"), (0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.12),
                0.04, "{:g}"),
        Control("start", tr("start (w, b)", "起点 (w, b)"), ("(-2, 8)", "(5, -4)", "(0, 0)", "(4, 8)", "(-2, -4)"),
                "(-2, 8)"),
    )
    steps = 30
    wlim, blim = (-3.0, 6.0), (-5.0, 9.0)

    def __init__(self):
        self.X = np.arange(1.0, 6.0)[:, None]
        self.y = np.array([3.0, 5.0, 7.0, 9.0, 11.0])
        w, b = np.meshgrid(np.linspace(*self.wlim, 61), np.linspace(*self.blim, 61))
        J = loss_grid(reg.mse, self.y, self.X, w, b)
        self.contours = self._contours(w, b, J)

    @staticmethod
    def _contours(w, b, J):
        from contourpy import contour_generator

        gen = contour_generator(w, b, J)
        return [line(seg[:, 0], seg[:, 1], "", "#9a9a9a")
                for level in (0.5, 2, 8, 32, 128, 512) for seg in gen.lines(level)]

    def _on_map(self, path):
        """The part of the path inside the map, ending where it crosses the map's edge;
        and the step after which it leaves (None if it stays)."""
        (w0, w1), (b0, b1) = self.wlim, self.blim
        inside = (path[:, 0] >= w0) & (path[:, 0] <= w1) & (path[:, 1] >= b0) & (path[:, 1] <= b1)
        if inside.all():
            return path, None
        k = int(np.argmin(inside))  # the first step off the map (the start is on it)
        a, b = path[k - 1], path[k]
        t = 1.0  # how far along the step from a (inside) to b (outside) the edge is crossed
        for i, (lo, hi) in enumerate((self.wlim, self.blim)):
            if b[i] > hi:
                t = min(t, (hi - a[i]) / (b[i] - a[i]))
            elif b[i] < lo:
                t = min(t, (lo - a[i]) / (b[i] - a[i]))
        edge = a + t * (b - a)
        return np.vstack([path[:k], edge]), k

    def view_model(self, lr, start):
        w0, b0 = (float(v) for v in start.strip("()").split(","))
        run = fit(self.X, self.y, reg.mse, optimizer=GradientDescent(lr=lr), steps=self.steps, w0=[w0], b0=b0)
        path, losses = run.path.params, run.path.values
        finite = np.isfinite(losses)
        diverged = not finite.all() or losses[-1] > losses[0]
        shown, left_at = self._on_map(path)
        lines = self.contours + [line(shown[:, 0], shown[:, 1], tr("descent path", "下降路径"), C["vermillion"]),
                                 line(path[:1, 0], path[:1, 1], tr("start", "起点"), C["black"], "o")]
        if left_at is not None:
            lines.append(line(shown[-1:, 0], shown[-1:, 1], tr("leaves the map", "离开图的范围"),
                              C["vermillion"], "x"))
        contour = panel(lines, title=tr("J(w, b) and the path", "J(w, b) 与下降路径"),
                        xlabel=tr("weight w", "权重 w"), ylabel=tr("bias b", "偏置 b"),
                        xlim=self.wlim, ylim=self.blim)
        logj = np.log10(np.maximum(losses[finite], 1e-12))
        lo, hi = min(-4.0, math.floor(logj.min())), max(4.0, 2 * math.ceil(logj.max() / 2))
        curve = panel([line(np.arange(len(losses))[finite], logj, "log10 J", C["blue"])],
                      title=tr("loss per step", "每一步的损失"), xlabel=tr("step", "步数"),
                      ylabel="log10 J(w, b)", xlim=(0, self.steps), ylim=(lo, hi))
        n = self.steps
        if diverged:
            w_end, b_end, j_end = path[-1, 0], path[-1, 1], losses[-1]
            size = (f"w = {w_end:.2g}, b = {b_end:.2g}, J = {j_end:.2g}" if np.isfinite(j_end)
                    else None)
            text = Text(
                f"after {n} steps: diverged, the learning rate is too large"
                + (f" (the path leaves the map at step {left_at})" if left_at else "")
                + (f"\n{size}, growing with every step" if size else "\nthe numbers overflowed"),
                f"{n} 步之后：发散，学习率过大"
                + (f"（路径在第 {left_at} 步离开图的范围）" if left_at else "")
                + (f"\n{size.replace(', ', '，')}，每一步都在变大" if size else "\n数值已溢出"))
        else:
            numbers = f"w = {path[-1, 0]:.3f}, b = {path[-1, 1]:.3f}, J = {losses[-1]:.4g}"
            text = Text(f"after {n} steps: {numbers}", f"{n} 步之后：{numbers.replace(', ', '，')}")
        return {"panels": [contour, curve], "text": text}


class OutlierExplorer(Explorer):
    """Chapter 2: MSE, MAE and Huber fits on data with one gross outlier."""

    title = tr("Fitting a line with outliers: MSE vs MAE vs Huber", "有异常值时拟合直线：MSE、MAE 与 Huber 损失")
    lead = tr("Shift two points up and change Huber's δ: watch which fitted line the outliers pull away.",
              "把两个点向上移，并改变 Huber 损失的 δ：看异常值把哪条拟合直线拉偏。")
    alt = tr("Scatter of points near a line, two of them shifted up, with the MSE, MAE and Huber fitted lines.",
             "一条直线附近的散点，其中两个点被向上移动，以及 MSE、MAE 和 Huber 损失拟合出的直线。")
    controls = (
        Control("delta", tr("Huber δ", "Huber 的 δ"), (0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 5.0), 1.0, "{:g}"),
        Control("shift", tr("outlier shift", "异常值平移量"), (0.0, 5.0, 10.0, 20.0, 40.0, 80.0), 20.0, "{:g}"),
    )
    xs = np.array([0.0, 10.0])  # every fitted line is drawn from x = 0 to x = 10

    def __init__(self):
        self._fits = {}

    @staticmethod
    def _data(shift):
        return line_data(20, w=2.0, b=1.0, noise=1.0, n_outliers=2, outlier_shift=shift, seed=3)

    def _fit(self, loss, shift, **kwargs):
        """Fits are cached: MSE and MAE do not depend on δ, so the grid needs far fewer of them."""
        key = (loss.__name__, shift, tuple(kwargs.items()))
        if key not in self._fits:
            X, y, _ = self._data(shift)
            self._fits[key] = fit(X, y, loss, optimizer=Adam(lr=0.3), steps=300, **kwargs)
        return self._fits[key]

    def _ylim(self, shift, fits):
        """A y-range that holds the data and every line. The Huber line lies between the MAE
        and MSE lines, so the range depends on the shift only: the axes stay put while δ moves
        (tests/test_explorer_states.py checks both)."""
        _, y, _ = self._data(shift)
        ends = [f.w[0] * self.xs + f.b for f in fits] + [2 * self.xs + 1]
        return nice_limits(min(y.min(), *(e.min() for e in ends)), max(y.max(), *(e.max() for e in ends)))

    def view_model(self, delta, shift):
        X, y, out = self._data(shift)
        fits = {"MSE": self._fit(reg.mse, shift), "MAE": self._fit(reg.mae, shift),
                f"Huber δ={delta:g}": self._fit(reg.huber, shift, delta=delta)}
        xs = self.xs
        lines = [line(X[~out, 0], y[~out], tr("data", "数据"), C["black"], "o"),
                 line(X[out, 0], y[out], tr("outliers", "异常值"), C["orange"], "o"),
                 line(xs, 2 * xs + 1, tr("true line", "真实直线"), "#777777", "--")]
        lines += [line(xs, f.w[0] * xs + f.b, name, color, style)
                  for (name, f), color, style in zip(fits.items(), (C["blue"], C["vermillion"], C["green"]),
                                                     ("-", "-", ":"))]
        rows = [(tr("true line", "真实直线"), 2.0, 1.0)] + [(name, f.w[0], f.b) for name, f in fits.items()]
        text = _both(lambda lang: "\n".join(
            f"{pad(getattr(name, lang) if isinstance(name, Text) else name, 14)} w = {w:6.3f}   b = {b:6.3f}"
            for name, w, b in rows))
        return {"panels": [panel(lines, title=tr("fitted lines", "拟合出的直线"), xlabel="x", ylabel="y",
                                 xlim=(0, 10), ylim=self._ylim(shift, fits.values()))],
                "text": text}


class SigmoidLossExplorer(Explorer):
    """Chapter 4: sigmoid + MSE vs sigmoid + cross-entropy (the pneumonia-doctor story)."""

    title = tr("Sigmoid + MSE vs sigmoid + cross-entropy", "Sigmoid + MSE 与 Sigmoid + 交叉熵")
    lead = tr("Move the prediction ŷ and flip the label y: compare the two losses and their gradients.",
              "移动预测值 ŷ、切换标签 y：比较两种损失及其梯度。")
    alt = tr("Left: both losses against the predicted probability for the chosen label. Right: their "
             "gradients with respect to the logit z; the MSE gradient vanishes where the model is confidently wrong.",
             "左：所选标签下两种损失随预测概率的变化。右：它们对对数几率 z 的梯度；"
             "模型自信地犯错时，MSE 的梯度趋于零。")
    controls = (
        Control("y_hat", tr("prediction ŷ", "预测值 ŷ"), tuple(np.round(np.arange(1, 100) / 100, 2).tolist()),
                0.2, "{:.2f}"),
        Control("y", tr("true label y", "真实标签 y"), (0, 1), 1, "{}"),
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

    def view_model(self, y_hat, y):
        mse, ce, g_mse, g_ce = self._curves(y, self.grid)
        m = self._curves(y, np.array([y_hat]))
        here = tr("at the chosen ŷ", "所选 ŷ 处")
        xlabel = tr("predicted probability ŷ", "预测概率 ŷ")
        losses = panel([line(self.grid, mse, "MSE (ŷ−y)²", C["blue"], "--"),
                        line(self.grid, ce, tr("cross-entropy", "交叉熵"), C["vermillion"]),
                        line([y_hat, y_hat], [m[0][0], m[1][0]], here, C["black"], "o")],
                       title=tr(f"loss for y = {y}", f"y = {y} 时的损失"), xlabel=xlabel, ylabel=LOSS,
                       xlim=(0, 1), ylim=(0, 5.5))
        grads = panel([line(self.grid, g_mse, "MSE: 2(ŷ−y)ŷ(1−ŷ)", C["blue"], "--"),
                       line(self.grid, g_ce, tr("CE: ŷ−y", "交叉熵：ŷ−y"), C["vermillion"]),
                       line([y_hat, y_hat], [m[2][0], m[3][0]], here, C["black"], "o")],
                      title=tr("gradient dL/dz", "梯度 dL/dz"), xlabel=xlabel, ylabel="dL/dz",
                      xlim=(0, 1), ylim=(-1, 1))
        numbers = [f"{m[0][0]:.4f}   dL/dz {m[2][0]:+.4f}", f"{m[1][0]:.4f}   dL/dz {m[3][0]:+.4f}"]
        text = Text(f"y = {y}, ŷ = {y_hat:.2f}\nMSE: loss {numbers[0]}\nCE : loss {numbers[1]}",
                    f"y = {y}，ŷ = {y_hat:.2f}\n{pad('MSE：', 8)}损失 {numbers[0]}\n交叉熵：损失 {numbers[1]}")
        return {"panels": [losses, grads], "text": text}


class SoftmaxExplorer(Explorer):
    """Chapter 3: how logits and temperature shape the softmax and the cross-entropy."""

    title = tr("Softmax and cross-entropy: logits and temperature", "Softmax 与交叉熵：对数几率与温度")
    lead = tr("Change the logit of the true class 'cat' and the temperature T: watch the probabilities and the loss.",
              "改变真实类别“猫”的对数几率和温度 T：观察各类概率和损失的变化。")
    alt = tr("Bar chart of the softmax probabilities of three classes; the true class is 'cat'.",
             "三个类别的 Softmax 概率柱状图；真实类别是“猫”。")
    classes = (tr("cat", "猫"), tr("dog", "狗"), tr("bird", "鸟"))
    controls = (
        Control("z_cat", tr("logit of 'cat'", "“猫”的对数几率"), tuple(np.arange(-4.0, 4.5, 0.5).tolist()), 2.0,
                "{:+.1f}"),
        Control("temperature", tr("temperature T", "温度 T"), (0.25, 0.5, 1.0, 2.0, 4.0), 1.0, "{:g}"),
    )

    def view_model(self, z_cat, temperature):
        logits = np.array([[z_cat, 1.0, 0.1]])
        probs = softmax(logits / temperature)[0]
        loss = cls.cross_entropy([0], logits / temperature)
        bars = panel([line([0, 1, 2], probs, "", C["blue"], "bar")], title="softmax(z / T)",
                     xlabel=tr("class", "类别"), ylabel=PROBABILITY, xlim=(-0.6, 2.6), ylim=(0, 1),
                     xticks=list(enumerate(self.classes)))
        cat = self.classes[0]
        text = _both(lambda lang: (
            f"{'logits' if lang == 'en' else '对数几率'} z = [{z_cat:+.1f}, +1.0, +0.1], T = {temperature:g}\n"
            + "   ".join(f"p({getattr(c, lang)}) = {p:.3f}" for c, p in zip(self.classes, probs)) + "\n"
            + (f"cross-entropy for the true class 'cat' = -ln p(cat) = {loss:.4f}" if lang == "en" else
               f"真实类别“猫”的交叉熵 = -ln p({cat.zh}) = {loss:.4f}")))
        return {"panels": [bars], "text": text}


class FocalExplorer(Explorer):
    """Chapter 5: the focal loss against the probability of the true class."""

    title = tr("Focal loss: γ and α", "焦点损失：γ 与 α")
    lead = tr("Raise γ to flatten the easy end; choose α to weight the positive class.",
              "增大 γ，易分的一端变平；选择 α，给正类加权。")
    alt = tr("Focal loss and cross-entropy against the probability p_t of the true class.",
             "焦点损失与交叉熵随真实类别概率 p_t 的变化。")
    controls = (
        Control("gamma", tr("γ (focusing)", "γ（聚焦参数）"), (0.0, 0.5, 1.0, 2.0, 3.0, 5.0), 2.0, "{:g}"),
        Control("alpha", tr("α (positive weight)", "α（正类权重）"), ("none", "0.25", "0.5", "0.75"), "0.25",
                names={"none": tr("none", "无")}),
    )
    p_t = np.linspace(0.01, 1.0, 100)

    def view_model(self, gamma, alpha):
        a = None if alpha == "none" else float(alpha)
        logits = np.log(self.p_t) - np.log1p(-np.minimum(self.p_t, 1 - 1e-12))
        ones = np.ones_like(logits)
        ce = cls.binary_cross_entropy_with_logits(ones, logits, reduction="none")
        fl = cls.focal(ones, logits, reduction="none", alpha=a, gamma=gamma)
        easy, hard = np.argmin(abs(self.p_t - 0.9)), np.argmin(abs(self.p_t - 0.1))
        a_text = self.controls[1].text(alpha)
        a_en, a_zh = (a_text.en, a_text.zh) if isinstance(a_text, Text) else (a_text, a_text)
        plot = panel([line(self.p_t, ce, tr("cross-entropy", "交叉熵"), C["blue"], "--"),
                      line(self.p_t, fl, tr(f"focal γ={gamma:g}, α={a_en}", f"焦点损失 γ={gamma:g}，α={a_zh}"),
                           C["vermillion"])],
                     title=tr("loss of a positive example", "一个正例的损失"),
                     xlabel=tr("probability of the true class p_t", "真实类别的概率 p_t"),
                     ylabel=LOSS, xlim=(0, 1), ylim=(0, 5))
        r_easy, r_hard = fl[easy] / ce[easy], fl[hard] / ce[hard]
        text = Text(f"easy example (p_t = {self.p_t[easy]:.2f}): focal/CE = {r_easy:.4f}\n"
                    f"hard example (p_t = {self.p_t[hard]:.2f}): focal/CE = {r_hard:.4f}",
                    f"易分样本（p_t = {self.p_t[easy]:.2f}）：焦点损失/交叉熵 = {r_easy:.4f}\n"
                    f"难分样本（p_t = {self.p_t[hard]:.2f}）：焦点损失/交叉熵 = {r_hard:.4f}")
        return {"panels": [plot], "text": text}


class WassersteinExplorer(Explorer):
    """Chapter 5: KL, JS and Wasserstein-1 as two distributions slide past each other.

    The grid is wide enough for every shift: q moves, nothing wraps round the ends, so
    W1 is the true distance (|shift| here).
    """

    title = tr("Wasserstein vs KL and JS as a distribution slides", "分布平移时的 Wasserstein 距离与 KL、JS 散度")
    lead = tr("Slide the model distribution q past the data p: read KL, JS and W1.",
              "让模型分布 q 滑过数据分布 p：读出 KL 散度、JS 散度和 W1。")
    alt = tr("Left: two narrow histograms, the second shifted. Right: KL, JS and W1 against the shift; "
             "KL is infinite and JS flat at ln 2 when they do not overlap, W1 grows with the distance.",
             "左：两个窄直方图，第二个被平移。右：KL、JS 和 W1 随平移量的变化；两者不重叠时 KL 为无穷大，"
             "JS 停在 ln 2，W1 随距离增长。")
    controls = (Control("shift", tr("shift of q", "q 的平移量"), tuple(np.arange(-6.0, 6.5, 1.0).tolist()), 4.0,
                        "{:+g}"),)
    p_at = (5, 6)  # p puts mass 1/2 on each of these positions; q on the same ones moved by the shift
    top = 7.0  # the curves' y-limit; infinite KL is marked just below it

    def __init__(self):
        shifts = np.array(self.controls[0].values, dtype=int)
        lo, hi = min(self.p_at) + shifts.min(), max(self.p_at) + shifts.max()
        self.x = np.arange(lo - 1.0, hi + 2.0)  # one empty position beyond the furthest q on each side

    def _pq(self, shift):
        p, q = np.zeros_like(self.x), np.zeros_like(self.x)
        for pos in self.p_at:
            p[self.x == pos] = 0.5
            q[self.x == pos + shift] = 0.5
        assert q.sum() == 1.0, "q must stay on the grid"
        return p, q

    def _measures(self, shift):
        p, q = self._pq(shift)
        return kl_divergence(p, q), js_divergence(p, q), wasserstein_1d(self.x, self.x, p, q)

    def view_model(self, shift):
        p, q = self._pq(shift)
        shifts = np.array(self.controls[0].values)
        kl, js, w1 = np.array([self._measures(s) for s in shifts]).T
        now = self._measures(shift)
        x0, x1 = self.x[0] - 0.5, self.x[-1] + 0.5
        hist = panel([line(self.x - 0.18, p, tr("p (data)", "p（数据）"), C["blue"], "bar", 0.36),
                      line(self.x + 0.18, q, tr("q (model)", "q（模型）"), C["vermillion"], "bar", 0.36)],
                     title=tr("two distributions", "两个分布"), xlabel=tr("position", "位置"),
                     ylabel=PROBABILITY, xlim=(x0, x1), ylim=(0, 0.6))
        inf = ~np.isfinite(kl)
        curves = panel([line(shifts[~inf], kl[~inf], "KL(p‖q)", C["orange"], "o"),
                        line(shifts[inf], np.full(inf.sum(), self.top - 0.3),
                             tr("KL = ∞ (marked at the top)", "KL = ∞（标在顶部）"), C["orange"], "^"),
                        line(shifts, js, "JS", C["green"], "--"), line(shifts, w1, "W1", C["blue"]),
                        line([shift], [now[2]], tr("this shift", "当前平移量"), C["black"], "x")],
                       title=tr("distance against the shift", "距离随平移量的变化"),
                       xlabel=tr("shift of q", "q 的平移量"),
                       ylabel=tr("value (nats, positions)", "数值（奈特；位置单位）"),
                       xlim=(shifts[0] - 0.5, shifts[-1] + 0.5), ylim=(0, self.top))
        js_w1 = f"JS = {now[1]:.4f} (ln 2 = {np.log(2):.4f})   W1 = {now[2]:.4f}"
        if np.isfinite(now[0]):
            text = Text(f"shift {shift:+g}:  KL = {now[0]:.4f}   {js_w1}",
                        f"平移 {shift:+g}：KL = {now[0]:.4f}   {js_w1.replace(' (', '（').replace(')', '）')}")
        else:
            text = Text(f"shift {shift:+g}:  KL = ∞ (q = 0 where p > 0)   {js_w1}",
                        f"平移 {shift:+g}：KL = ∞（在 p > 0 处 q = 0）   "
                        f"{js_w1.replace(' (', '（').replace(')', '）')}")
        return {"panels": [hist, curves], "text": text}


class ChooserExplorer(Explorer):
    """Chapter 6: the loss chooser as a panel of questions.

    For each task only some questions matter (:func:`lossbook.choose_loss` ignores the
    others): those are switched off in the view (``inactive``), with the reason.
    """

    title = tr("Which loss? Answer a few questions", "选哪种损失函数？回答几个问题")
    lead = tr("Pick a task first; the questions that do not matter for it are switched off.",
              "先选任务；与该任务无关的问题会被停用。")
    alt = tr("The recommended loss, activation, optimiser and reasons for the chosen task and data.",
             "针对所选任务和数据推荐的损失函数、激活函数、优化器及理由。")
    TASKS = {"regression": tr("regression", "回归"), "binary": tr("binary", "二分类"),
             "multiclass": tr("multiclass", "多分类"), "margin": tr("margin", "最大间隔分类"),
             "similarity": tr("similarity", "相似度学习"), "distribution": tr("distribution", "分布匹配")}
    YES_NO = {"yes": tr("yes", "是"), "no": tr("no", "否")}
    controls = (
        Control("task", tr("task", "任务"), tuple(TASKS), "regression", names=TASKS),
        Control("outliers", tr("outliers in the targets", "目标值中有异常值"), ("no", "yes"), "no", names=YES_NO),
        Control("imbalance", tr("class imbalance", "类别不平衡"), ("none", "moderate", "severe"), "none",
                names={"none": tr("none", "无"), "moderate": tr("moderate", "中度"), "severe": tr("severe", "严重")}),
        Control("output", tr("model output", "模型输出"), ("logits", "probabilities", "scores"), "logits",
                names={"logits": tr("logits", "对数几率"), "probabilities": tr("probabilities", "概率"),
                       "scores": tr("scores", "分数")}),
        Control("pairing", tr("similarity data", "相似度数据"), ("pairs", "triplets", "classes"), "pairs",
                names={"pairs": tr("pairs", "样本对"), "triplets": tr("triplets", "三元组"),
                       "classes": tr("classes", "类别标签")}),
        Control("overlap", tr("distributions overlap", "分布有重叠"), ("yes", "no"), "yes", names=YES_NO),
    )
    # the questions each task's rule reads (lossbook/chooser.py); the tests check this against choose_loss
    USES = {"regression": {"outliers"}, "binary": {"imbalance", "output"}, "multiclass": {"imbalance", "output"},
            "margin": set(), "similarity": {"pairing"}, "distribution": {"overlap"}}

    def view_model(self, task, outliers, imbalance, output, pairing, overlap):
        rec = choose_loss(task, outliers=outliers == "yes", imbalance=imbalance, output=output,
                          pairing=pairing, overlap=overlap == "yes")
        name = self.TASKS[task]
        why = tr(f"not used for the task '{name.en}'", f"“{name.zh}”任务不用这一项")
        inactive = {c.name: why for c in self.controls[1:] if c.name not in self.USES[task]}
        return {"panels": [], "text": Text(rec.text("en"), rec.text("zh")), "inactive": inactive}
