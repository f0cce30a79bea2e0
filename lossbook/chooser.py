"""A loss chooser (chapter 6): task and data traits in, recommended loss and reasons out.

It encodes the chapter's principles — match the task, then the data, then the model
output, and pair the loss with its activation — as a short, readable decision list.

Every sentence is written in English and Chinese side by side (:class:`~lossbook.i18n.Text`): ``str()`` of a
recommendation is English, as the chapter prints it; :meth:`Recommendation.text` gives
either language (the chooser explorer shows both).
"""

from dataclasses import dataclass, field

from .i18n import LANGUAGES, Text, get_language

TASKS = ("regression", "binary", "multiclass", "margin", "similarity", "distribution")
IMBALANCE = ("none", "moderate", "severe")
LABEL_FORMATS = ("index", "one-hot", "soft")
OUTPUTS = ("logits", "probabilities", "scores")
PAIRINGS = ("pairs", "triplets", "classes")


def _in(value, language):
    """``value`` in ``language``: a :class:`Text` gives its translation, anything else is the same in both."""
    return value.in_language(language) if isinstance(value, Text) else str(value)


_HEADINGS = {"en": ("loss:       ", "activation: ", "optimizer:  ", "settings:   ", "why:", "  - "),
             "zh": ("损失函数：", "激活函数：", "优化器：", "设置：", "理由：", "  - ")}


@dataclass
class Recommendation:
    """What :func:`choose_loss` recommends. ``losses`` holds lossbook function names, best first.

    Raises
    ------
    TypeError
        Not raised by this container itself; the functions that fill it validate their input.

    Notes
    -----
    Taught in chapter 6.

    References
    ----------
    .. [1] K. Janocha and W. M. Czarnecki, "On Loss Functions for Deep Neural Networks in Classification", 2017. https://arxiv.org/abs/1702.05659
    """

    losses: list
    activation: str
    optimizer: str
    settings: dict = field(default_factory=dict)
    reasons: list = field(default_factory=list)

    def __str__(self):
        return self.text("en")

    def text(self, language=None):
        """The recommendation as a few lines of text in ``language`` ('en' or 'zh'; default: the
        language set by :func:`lossbook.set_language`). ``str(rec)`` is ``rec.text('en')``."""
        language = get_language() if language is None else language
        if language not in LANGUAGES:
            raise ValueError(f"language must be one of {LANGUAGES}, got {language!r}")
        loss, act, opt, settings, why, item = _HEADINGS[language]
        sep = "，" if language == "zh" else ", "
        lines = [loss + sep.join(_in(v, language) for v in self.losses),
                 act + _in(self.activation, language),
                 opt + _in(self.optimizer, language)]
        if self.settings:
            lines.append(settings + sep.join(f"{_in(k, language)}={_in(v, language)}"
                                             for k, v in self.settings.items()))
        lines += [why] + [item + _in(r, language) for r in self.reasons]
        return "\n".join(lines)


def _one_of(value, name, allowed):
    from ._validation import choice

    return choice(value, name, allowed)  # TypeError for a non-string, ValueError for an unknown option


def choose_loss(task, *, outliers=False, imbalance="none", label_format="index",
                output="logits", pairing="pairs", overlap=True):
    """Recommend a loss, the activation to pair it with, an optimiser, and the reasons.

    Parameters
    ----------
    task : {'regression', 'binary', 'multiclass', 'margin', 'similarity', 'distribution'}
        Predict a number; one of two classes; one of many; a max-margin classifier on raw
        scores; an embedding where similar inputs are close; match a whole distribution.
    outliers : bool
        Regression targets contain gross outliers (or heavy tails).
    imbalance : {'none', 'moderate', 'severe'}
        Classification: how rare the rarest class is (severe ≈ 1 % or less).
    label_format : {'index', 'one-hot', 'soft'}
        Multiclass labels as class indices, one-hot rows, or soft probability rows.
    output : {'logits', 'probabilities', 'scores'}
        What the model's last layer produces.
    pairing : {'pairs', 'triplets', 'classes'}
        Similarity learning: labelled pairs, (anchor, positive, negative) triplets, or class labels.
    overlap : bool
        Distribution matching: whether the model's and the data's distributions overlap.

    Returns
    -------
    Recommendation

    Raises
    ------
    TypeError
        An argument of the wrong type (e.g. a string or a float where an integer is expected).
    ValueError
        An argument outside its allowed values (task, imbalance, output, pairing: one of the listed options).

    Notes
    -----
    Taught in chapter 6.

    References
    ----------
    .. [1] K. Janocha and W. M. Czarnecki, "On Loss Functions for Deep Neural Networks in Classification", 2017. https://arxiv.org/abs/1702.05659

    Examples
    --------
    >>> choose_loss("regression", outliers=True).losses
    ['huber', 'mae']
    """
    _one_of(task, "task", TASKS)
    _one_of(imbalance, "imbalance", IMBALANCE)
    _one_of(label_format, "label_format", LABEL_FORMATS)
    _one_of(output, "output", OUTPUTS)
    _one_of(pairing, "pairing", PAIRINGS)
    if not isinstance(outliers, bool) or not isinstance(overlap, bool):
        raise TypeError(f"outliers and overlap must be True or False, got {outliers!r} and {overlap!r}")
    return _RULES[task](outliers=outliers, imbalance=imbalance, label_format=label_format,
                        output=output, pairing=pairing, overlap=overlap)


S = Text
REGRESSION = S("regression: the target is a number, so measure the error directly",
               "回归：目标是一个数，直接度量误差")
ADAM, RMSPROP = "Adam", "RMSprop"
MOMENTUM = S("SGD with momentum", "带动量的 SGD")
IDENTITY = S("none (identity)", "无（恒等映射）")
EMBEDDING = S("none: an embedding layer", "无：嵌入层直接输出")


def _regression(*, outliers, **_):
    if outliers:
        return Recommendation(
            ["huber", "mae"], IDENTITY, MOMENTUM,
            {"delta": S("about the size of a normal residual (e.g. 1.345 x its robust standard deviation)",
                        "约为一个正常残差的大小（例如其鲁棒标准差的 1.345 倍）")},
            [REGRESSION,
             S("outliers: squared errors would let a few bad points dominate the fit; Huber is "
               "quadratic for small errors and only linear beyond delta (MAE is linear everywhere)",
               "有异常值：平方误差会让少数坏点主导拟合；Huber 损失在误差小时是二次的，"
               "超过 delta 后只线性增长（MAE 处处线性）"),
             S("Huber is smooth (its slope is continuous, only its curvature jumps at delta); MAE has a "
               "kink at zero error, where a constant step cannot converge: decay the step size",
               "Huber 损失是光滑的（斜率连续，只有曲率在 delta 处跳变）；MAE 在误差为零处有折点，"
               "固定步长在那里无法收敛：应逐步减小步长"),
             S("SGD with momentum is the survey's pairing; in chapter 6 Adam reached the same Huber fit",
               "综述给出的搭配是带动量的 SGD；在第 6 章中 Adam 得到了同样的 Huber 拟合")])
    return Recommendation(
        ["mse"], IDENTITY, ADAM,
        reasons=[REGRESSION,
                 S("no outliers: MSE is smooth, convex for a linear model, and its minimiser is the mean",
                   "没有异常值：MSE 光滑，对线性模型是凸的，其最小值点是均值"),
                 S("standardise the features: MSE's scale follows theirs",
                   "先对特征做标准化：MSE 的尺度随特征的尺度而变")])


def _binary(*, imbalance, output, **_):
    logits = output != "probabilities"
    base = "binary_cross_entropy_with_logits" if logits else "binary_cross_entropy"
    weighted = S(f"{base} with pos_weight", f"{base}（带 pos_weight）")
    act = S("sigmoid (inside the loss)", "Sigmoid（在损失函数内部计算）") if logits else S("sigmoid", "Sigmoid")
    stable = (S("from logits the loss is computed stably with log-sum-exp",
                "从对数几率出发，损失用对数求和指数（log-sum-exp）稳定地计算") if logits else
              S("on probabilities the logs must be clamped; prefer logits if you can",
                "在概率上计算时对数必须截断；能用对数几率就用对数几率"))
    if imbalance == "severe":
        return Recommendation(
            [weighted, base, "focal"], act, ADAM,
            {"pos_weight": S("negatives / positives in the training data", "训练数据中的负例数 / 正例数"),
             S("threshold", "阈值"): S("choose it on validation data for the precision/recall you need",
                                      "在验证集上按所需的精确率/召回率选定")},
            [S("binary labels: cross-entropy pairs with a sigmoid output",
               "二元标签：交叉熵与 Sigmoid 输出搭配"),
             S("severe imbalance: a positive-class weight (or plain BCE with a moved threshold) trades "
               "precision for recall; with a well-specified model no loss improves the ranking "
               "(chapters 5 and 6: average precision within noise for every loss)",
               "严重不平衡：正类权重（或普通 BCE 加上移动后的阈值）以精确率换取召回率；模型设定正确时，"
               "没有哪种损失能改善排序（第 5、6 章：各损失的平均精确率之差都在噪声范围内）"),
             S("focal loss (gamma = 2) down-weights easy examples; alpha is the weight of the positive "
               "class, so the survey's alpha = 0.25 down-weights the rare class (alpha = 0.75 does not)",
               "焦点损失（gamma = 2）降低易分样本的权重；alpha 是正类的权重，所以综述中的 alpha = 0.25 "
               "反而降低了稀有类的权重（alpha = 0.75 则不会）"),
             S("judge the result by recall/precision/average precision, not accuracy",
               "用召回率、精确率和平均精确率评判结果，而不是准确率"), stable])
    reasons = [S("binary labels: cross-entropy pairs with a sigmoid output and keeps learning "
                 "when the model is confidently wrong (MSE through a sigmoid stalls)",
                 "二元标签：交叉熵与 Sigmoid 输出搭配，模型自信地犯错时仍能继续学习"
                 "（经过 Sigmoid 的 MSE 会停滞）"), stable]
    if imbalance == "moderate":
        reasons.insert(1, S("moderate imbalance: weight the positive class (pos_weight = negatives/positives)",
                            "中度不平衡：给正类加权（pos_weight = 负例数/正例数）"))
        return Recommendation([weighted, base], act, ADAM, reasons=reasons)
    return Recommendation([base], act, ADAM, reasons=reasons)


def _multiclass(*, imbalance, label_format, output, **_):
    logits = output != "probabilities"
    loss = "cross_entropy" if logits else "categorical_cross_entropy"
    reasons = [S("one label out of many: categorical cross-entropy pairs with a softmax output",
                 "多个类别中选一个标签：多分类交叉熵与 Softmax 输出搭配"),
               {"index": S("index labels are fine as they are (sparse cross-entropy): no one-hot matrix needed",
                           "类别索引标签可直接使用（稀疏标签的交叉熵）：不需要独热矩阵"),
                "one-hot": S("one-hot rows work directly; class indices would give the same loss with less memory",
                             "独热编码的行可以直接使用；改用类别索引得到相同的损失，且更省内存"),
                "soft": S("soft label rows (e.g. label smoothing) are a valid target distribution",
                          "软标签的行（例如标签平滑）是合法的目标分布")}[label_format],
               S("from logits the softmax and the log are fused with log-sum-exp, which is stable",
                 "从对数几率出发，Softmax 与对数用对数求和指数合并计算，数值稳定")
               if logits else S("on probabilities the log must be clamped; prefer logits if you can",
                                "在概率上计算时对数必须截断；能用对数几率就用对数几率")]
    if imbalance != "none":
        reasons.append(S("imbalanced classes: weight the loss per class or resample; judge by per-class recall",
                         "类别不平衡：按类别给损失加权或重采样；用每个类别的召回率评判"))
    act = (S("softmax (inside the loss)", "Softmax（在损失函数内部计算）") if logits
           else S("softmax", "Softmax"))
    return Recommendation([loss], act, ADAM, reasons=reasons)


def _margin(**_):
    return Recommendation(
        ["hinge"], S("none: raw scores, labels -1/+1", "无：原始分数，标签为 -1/+1"), MOMENTUM, {"margin": 1.0},
        [S("a max-margin classifier only needs the right side with a safety margin",
           "最大间隔分类器只要求样本落在正确的一侧，并留出安全间隔"),
         S("points beyond the margin cost nothing, so only the support points move the boundary",
           "间隔之外的点不产生损失，所以只有支持点会移动决策边界"),
         S("the hinge has a kink: use (sub-)gradient descent with momentum",
           "铰链损失有折点：用带动量的（次）梯度下降")])


def _similarity(*, pairing, **_):
    if pairing == "triplets":
        return Recommendation(["triplet"], EMBEDDING, ADAM,
                              {"margin": S("about the scale of the embedding distances (FaceNet's 0.2 is "
                                           "for squared distances between unit-length embeddings)",
                                           "与嵌入之间距离的尺度相当（FaceNet 的 0.2 针对的是单位长度嵌入"
                                           "之间的平方距离）")},
                              [S("(anchor, positive, negative) triplets: ask the positive to be closer "
                                 "than the negative by a margin",
                                 "（锚点、正例、负例）三元组：要求正例比负例更近，且至少近出一个间隔")])
    if pairing == "classes":
        return Recommendation(["cross_entropy + center"], S("softmax for the class head", "类别输出头用 Softmax"),
                              ADAM, {S("center weight", "中心损失权重"): 0.01},
                              [S("class labels: train a classifier and pull each embedding to its class "
                                 "centre to make the classes compact",
                                 "类别标签：训练一个分类器，并把每个嵌入拉向其类别中心，使各类更紧凑")])
    return Recommendation(["contrastive"], EMBEDDING, ADAM, {"margin": 1.0},
                          [S("labelled pairs: pull similar pairs together, push dissimilar ones apart "
                             "until they are at least the margin away",
                             "带标签的样本对：把相似的对拉近，把不相似的对推开，直到相距至少一个间隔")])


def _distribution(*, overlap, **_):
    if overlap:
        return Recommendation(["kl_divergence"], S("softmax (the model outputs a distribution)",
                                                   "Softmax（模型输出一个分布）"), ADAM,
                              reasons=[S("overlapping distributions: KL (or cross-entropy) is finite and "
                                         "gives useful gradients",
                                         "分布有重叠：KL 散度（或交叉熵）有限，能给出有用的梯度")])
    return Recommendation(["wasserstein_1d"], S("none: the critic outputs raw scores",
                                                "无：评论器（critic）输出原始分数"), RMSPROP,
                          reasons=[S("distributions that do not overlap: KL is infinite and JS is stuck at "
                                     "ln 2, so neither has a useful gradient; Wasserstein still measures the "
                                     "distance",
                                     "分布不重叠：KL 散度为无穷大，JS 散度停在 ln 2，两者都给不出有用的梯度；"
                                     "Wasserstein 距离仍能度量两者相距多远"),
                                   S("WGAN practice: RMSprop for critic and generator",
                                     "WGAN 的惯例：评论器和生成器都用 RMSprop")])


_RULES = {"regression": _regression, "binary": _binary, "multiclass": _multiclass,
          "margin": _margin, "similarity": _similarity, "distribution": _distribution}
