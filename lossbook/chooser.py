"""A loss chooser (chapter 6): task and data traits in, recommended loss and reasons out.

It encodes the chapter's principles — match the task, then the data, then the model
output, and pair the loss with its activation — as a short, readable decision list.
"""

from dataclasses import dataclass, field

TASKS = ("regression", "binary", "multiclass", "margin", "similarity", "distribution")
IMBALANCE = ("none", "moderate", "severe")
LABEL_FORMATS = ("index", "one-hot", "soft")
OUTPUTS = ("logits", "probabilities", "scores")
PAIRINGS = ("pairs", "triplets", "classes")


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
        lines = [f"loss:       {', '.join(self.losses)}",
                 f"activation: {self.activation}",
                 f"optimizer:  {self.optimizer}"]
        if self.settings:
            lines.append("settings:   " + ", ".join(f"{k}={v}" for k, v in self.settings.items()))
        lines += ["why:"] + [f"  - {r}" for r in self.reasons]
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


def _regression(*, outliers, **_):
    if outliers:
        return Recommendation(
            ["huber", "mae"], "none (identity)", "SGD with momentum",
            {"delta": "about the size of a normal residual (e.g. 1.345 x its robust standard deviation)"},
            ["regression: the target is a number, so measure the error directly",
             "outliers: squared errors would let a few bad points dominate the fit; Huber is "
             "quadratic for small errors and only linear beyond delta (MAE is linear everywhere)",
             "Huber is smooth (its slope is continuous, only its curvature jumps at delta); MAE has a "
             "kink at zero error, where a constant step cannot converge: decay the step size",
             "SGD with momentum is the survey's pairing; in chapter 6 Adam reached the same Huber fit"])
    return Recommendation(
        ["mse"], "none (identity)", "Adam",
        reasons=["regression: the target is a number, so measure the error directly",
                 "no outliers: MSE is smooth, convex for a linear model, and its minimiser is the mean",
                 "standardise the features: MSE's scale follows theirs"])


def _binary(*, imbalance, output, **_):
    logits = output != "probabilities"
    base = "binary_cross_entropy_with_logits" if logits else "binary_cross_entropy"
    act = "sigmoid (inside the loss)" if logits else "sigmoid"
    stable = ("from logits the loss is computed stably with log-sum-exp" if logits else
              "on probabilities the logs must be clamped; prefer logits if you can")
    if imbalance == "severe":
        return Recommendation(
            [f"{base} with pos_weight", base, "focal"], act, "Adam",
            {"pos_weight": "negatives / positives in the training data",
             "threshold": "choose it on validation data for the precision/recall you need"},
            ["binary labels: cross-entropy pairs with a sigmoid output",
             "severe imbalance: a positive-class weight (or plain BCE with a moved threshold) trades "
             "precision for recall; with a well-specified model no loss improves the ranking "
             "(chapters 5 and 6: average precision within noise for every loss)",
             "focal loss (gamma = 2) down-weights easy examples; alpha is the weight of the positive "
             "class, so the survey's alpha = 0.25 down-weights the rare class (alpha = 0.75 does not)",
             "judge the result by recall/precision/average precision, not accuracy", stable])
    reasons = ["binary labels: cross-entropy pairs with a sigmoid output and keeps learning "
               "when the model is confidently wrong (MSE through a sigmoid stalls)", stable]
    if imbalance == "moderate":
        reasons.insert(1, "moderate imbalance: weight the positive class (pos_weight = negatives/positives)")
        return Recommendation([f"{base} with pos_weight", base], act, "Adam", reasons=reasons)
    return Recommendation([base], act, "Adam", reasons=reasons)


def _multiclass(*, imbalance, label_format, output, **_):
    logits = output != "probabilities"
    loss = "cross_entropy" if logits else "categorical_cross_entropy"
    reasons = ["one label out of many: categorical cross-entropy pairs with a softmax output",
               {"index": "index labels are fine as they are (sparse cross-entropy): no one-hot matrix needed",
                "one-hot": "one-hot rows work directly; class indices would give the same loss with less memory",
                "soft": "soft label rows (e.g. label smoothing) are a valid target distribution"}[label_format],
               "from logits the softmax and the log are fused with log-sum-exp, which is stable"
               if logits else "on probabilities the log must be clamped; prefer logits if you can"]
    if imbalance != "none":
        reasons.append("imbalanced classes: weight the loss per class or resample; judge by per-class recall")
    return Recommendation([loss], "softmax (inside the loss)" if logits else "softmax", "Adam", reasons=reasons)


def _margin(**_):
    return Recommendation(
        ["hinge"], "none: raw scores, labels -1/+1", "SGD with momentum", {"margin": 1.0},
        ["a max-margin classifier only needs the right side with a safety margin",
         "points beyond the margin cost nothing, so only the support points move the boundary",
         "the hinge has a kink: use (sub-)gradient descent with momentum"])


def _similarity(*, pairing, **_):
    if pairing == "triplets":
        return Recommendation(["triplet"], "none: an embedding layer", "Adam",
                              {"margin": "about the scale of the embedding distances (FaceNet's 0.2 is "
                                         "for squared distances between unit-length embeddings)"},
                              ["(anchor, positive, negative) triplets: ask the positive to be closer "
                               "than the negative by a margin"])
    if pairing == "classes":
        return Recommendation(["cross_entropy + center"], "softmax for the class head", "Adam",
                              {"center weight": 0.01},
                              ["class labels: train a classifier and pull each embedding to its class "
                               "centre to make the classes compact"])
    return Recommendation(["contrastive"], "none: an embedding layer", "Adam", {"margin": 1.0},
                          ["labelled pairs: pull similar pairs together, push dissimilar ones apart "
                           "until they are at least the margin away"])


def _distribution(*, overlap, **_):
    if overlap:
        return Recommendation(["kl_divergence"], "softmax (the model outputs a distribution)", "Adam",
                              reasons=["overlapping distributions: KL (or cross-entropy) is finite and "
                                       "gives useful gradients"])
    return Recommendation(["wasserstein_1d"], "none: the critic outputs raw scores", "RMSprop",
                          reasons=["distributions that do not overlap: KL is infinite and JS is stuck at "
                                   "ln 2, so neither has a useful gradient; Wasserstein still measures the "
                                   "distance", "WGAN practice: RMSprop for critic and generator"])


_RULES = {"regression": _regression, "binary": _binary, "multiclass": _multiclass,
          "margin": _margin, "similarity": _similarity, "distribution": _distribution}
