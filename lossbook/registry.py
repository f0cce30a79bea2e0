"""One table of the public losses: what each one is, so that code and tests follow from it.

Modelled on scikit-learn's ``_LOSSES`` (``sklearn/_loss/loss.py``), which its generic tests
iterate over. Each row (a :class:`LossSpec`) records

- ``loss`` and ``grad`` (``None`` when the loss has no useful gradient);
- ``arrays``: the array arguments in order, each with its *kind* (what it holds and, by
  convention, its shape; see :data:`KINDS`);
- ``prediction``: what the prediction holds, ``'values'``, ``'probabilities'``, ``'logits'``,
  ``'scores'``, ``'distributions'``, ``'embeddings'`` or ``'samples'``; :func:`lossbook.fit`
  refuses a sigmoid in front of a loss that takes logits or scores;
- ``grad_wrt``: the arguments the gradient is taken with respect to, in the order ``grad`` returns them;
- ``reduces_over``: ``'elements'`` (element-wise, any shape), ``'samples'`` (one value per row:
  the last axis is summed or normed first), or ``None`` (no ``reduction`` argument);
- ``hyperparameters``: keyword -> :class:`Hyper` (default, valid values to test, bad values);
- ``reference``: the independent implementation the reference tests compare with;
- ``chapter``: where the book teaches it; ``kinks``: where the loss is not differentiable
  and what the gradient returns there.

Adding a loss is one row here plus its functions; ``ADDING_A_LOSS.md`` has the checklist,
and ``tests/test_registry.py`` fails while a public loss is missing from this table.
"""

from dataclasses import dataclass, field

from . import classification as cls
from . import distributions as dist
from . import metric_learning as ml
from . import regression as reg

PREDICTIONS = ("values", "probabilities", "logits", "scores", "distributions", "embeddings", "samples")

#: What each kind of array holds; shapes use n samples, C classes or features, k centres.
KINDS = {
    "real": "real numbers, any shape (n, C)",
    "binary": "targets in [0, 1] (hard 0/1 or soft), shape (n, C)",
    "signed": "labels -1 or +1, shape (n, C)",
    "probability": "probabilities in [0, 1], shape (n, C)",
    "logit": "raw scores (logits), any finite real, shape (n, C)",
    "score": "raw margin scores, shape (n, C)",
    "class_target": "class indices of shape (n,) or probability rows of shape (n, C)",
    "distribution": "probability vectors along the last axis, shape (n, C)",
    "embedding": "embedding rows, shape (n, d)",
    "flag": "pair labels 1 (similar) or 0 (dissimilar), shape (n,)",
    "label": "integer class indices, shape (n,)",
    "centers": "one centre per class, shape (k, d)",
    "samples": "1-D sample positions, shape (m,)",
}


@dataclass(frozen=True)
class Hyper:
    """A hyper-parameter: its default, values the tests use, and bad values with the error they raise."""

    default: object
    valid: tuple = ()
    bad: tuple = ()  # ((value, exception type), ...)


@dataclass(frozen=True)
class LossSpec:
    name: str
    loss: object
    grad: object
    arrays: tuple
    prediction: str
    grad_wrt: tuple
    reduces_over: str
    reference: str
    chapter: str
    hyperparameters: dict = field(default_factory=dict)
    kinks: str = ""

    @property
    def array_names(self):
        return tuple(name for name, _ in self.arrays)

    @property
    def takes_logits(self):
        return self.prediction in ("logits", "scores")


T, V = TypeError, ValueError
_MARGIN = Hyper(1.0, (0.0, 1.0, 2.5), (("1", T), (True, T), (-1.0, V), (float("nan"), V)))

LOSSES = {spec.name: spec for spec in [
    # --- regression (chapter 2) ---------------------------------------------------------
    LossSpec("mse", reg.mse, reg.mse_grad, (("y_true", "real"), ("y_pred", "real")), "values", ("y_pred",),
             "elements", "torch.nn.functional.mse_loss", "2"),
    LossSpec("mae", reg.mae, reg.mae_grad, (("y_true", "real"), ("y_pred", "real")), "values", ("y_pred",),
             "elements", "torch.nn.functional.l1_loss", "2", kinks="e = 0: gradient 0"),
    LossSpec("huber", reg.huber, reg.huber_grad, (("y_true", "real"), ("y_pred", "real")), "values", ("y_pred",),
             "elements", "torch.nn.functional.huber_loss", "2",
             {"delta": Hyper(1.0, (0.3, 1.0, 2.5), (("1", T), (None, T), (0.0, V), (-1.0, V), (float("inf"), V)))},
             kinks="none (C1); the second derivative jumps at |e| = delta"),
    LossSpec("log_cosh", reg.log_cosh, reg.log_cosh_grad, (("y_true", "real"), ("y_pred", "real")), "values",
             ("y_pred",), "elements", "tensorflow.keras.losses.log_cosh formula, torch autograd", "2"),
    LossSpec("euclidean", reg.euclidean, reg.euclidean_grad, (("y_true", "real"), ("y_pred", "real")), "values",
             ("y_pred",), "samples", "torch.linalg.vector_norm + autograd; scipy.spatial.distance.euclidean", "1, 4",
             kinks="zero error: gradient 0"),
    # --- binary classification (chapters 3-5) ---------------------------------------------
    LossSpec("binary_cross_entropy", cls.binary_cross_entropy, cls.binary_cross_entropy_grad,
             (("y_true", "binary"), ("y_prob", "probability")), "probabilities", ("y_prob",), "elements",
             "torch.nn.functional.binary_cross_entropy; sklearn.metrics.log_loss", "3"),
    LossSpec("binary_cross_entropy_with_logits", cls.binary_cross_entropy_with_logits,
             cls.binary_cross_entropy_with_logits_grad, (("y_true", "binary"), ("logits", "logit")), "logits",
             ("logits",), "elements", "torch.nn.functional.binary_cross_entropy_with_logits", "3, 5",
             {"pos_weight": Hyper(None, (None, 3.0), (("a", T), (-2.0, V)))}),
    LossSpec("focal", cls.focal, cls.focal_grad, (("y_true", "binary"), ("logits", "logit")), "logits", ("logits",),
             "elements", "torchvision.ops.sigmoid_focal_loss (transcribed) + torch autograd", "5",
             {"alpha": Hyper(0.25, (None, 0.25, 0.75), (("x", T), (-0.1, V), (1.5, V))),
              "gamma": Hyper(2.0, (0.0, 0.5, 2.0), (("2", T), (-1.0, V)))}),
    LossSpec("hinge", cls.hinge, cls.hinge_grad, (("y_true", "signed"), ("scores", "score")), "scores", ("scores",),
             "elements", "sklearn.metrics.hinge_loss; torch clamp + autograd", "5", {"margin": _MARGIN},
             kinks="y s = margin: gradient 0"),
    LossSpec("exponential", cls.exponential, cls.exponential_grad, (("y_true", "signed"), ("scores", "score")),
             "scores", ("scores",), "elements", "sklearn._loss.loss.ExponentialLoss", "5"),
    LossSpec("zero_one", cls.zero_one, None, (("y_true", "signed"), ("y_pred", "signed")), "values", (),
             "elements", "sklearn.metrics.zero_one_loss", "5", kinks="piecewise constant: no gradient"),
    # --- multi-class (chapter 3) --------------------------------------------------------------
    LossSpec("cross_entropy", cls.cross_entropy, cls.cross_entropy_grad,
             (("y_true", "class_target"), ("logits", "logit")), "logits", ("logits",), "samples",
             "torch.nn.functional.cross_entropy", "3",
             {"weight": Hyper(None, (None, (0.5, 1.0, 2.0)), (("abc", T), ((1.0, -1.0, 1.0), V), ((1.0, 2.0), V))),
              "label_smoothing": Hyper(0.0, (0.0, 0.1), (("0.1", T), (-0.1, V), (1.5, V))),
              "ignore_index": Hyper(-100, (-100, 1), ((1.5, T), ("1", T)))}),
    LossSpec("categorical_cross_entropy", cls.categorical_cross_entropy, cls.categorical_cross_entropy_grad,
             (("y_true", "class_target"), ("y_prob", "distribution")), "probabilities", ("y_prob",), "samples",
             "torch.nn.functional.nll_loss(log p); sklearn.metrics.log_loss", "3"),
    # --- distributions (chapters 3, 5) --------------------------------------------------------
    LossSpec("cross_entropy_pq", dist.cross_entropy_pq, dist.cross_entropy_pq_grad,
             (("p", "distribution"), ("q", "distribution")), "distributions", ("q",), "samples",
             "scipy.stats.entropy(p) + scipy.stats.entropy(p, q); torch.special.xlogy + autograd", "3"),
    LossSpec("kl_divergence", dist.kl_divergence, dist.kl_divergence_grad,
             (("p", "distribution"), ("q", "distribution")), "distributions", ("q",), "samples",
             "torch.nn.functional.kl_div(batchmean); scipy.special.rel_entr", "3, 5"),
    LossSpec("js_divergence", dist.js_divergence, dist.js_divergence_grad,
             (("p", "distribution"), ("q", "distribution")), "distributions", ("q",), "samples",
             "scipy.spatial.distance.jensenshannon(base e) squared; torch.special.xlogy + autograd", "5"),
    LossSpec("wasserstein_1d", dist.wasserstein_1d, dist.wasserstein_1d_grad,
             (("u_values", "samples"), ("v_values", "samples")), "samples", ("u_values",), None,
             "scipy.stats.wasserstein_distance (values, weights); its finite differences (gradient)", "5",
             {"u_weights": Hyper(None, (None,), (("w", T),)), "v_weights": Hyper(None, (None,), (("w", T),))},
             kinks="ties between u and v positions: gradient 0 there; gradient only for equal sizes, no weights"),
    # --- metric learning (chapter 5) -------------------------------------------------------------
    LossSpec("contrastive", ml.contrastive, ml.contrastive_grad,
             (("h1", "embedding"), ("h2", "embedding"), ("similar", "flag")), "embeddings", ("h1", "h2"), "samples",
             "Hadsell et al. (2006) formula in torch + autograd", "5", {"margin": _MARGIN},
             kinks="d = margin for dissimilar pairs (C1 there); d = 0: gradient 0"),
    LossSpec("triplet", ml.triplet, ml.triplet_grad,
             (("anchor", "embedding"), ("positive", "embedding"), ("negative", "embedding")), "embeddings",
             ("anchor", "positive", "negative"), "samples", "torch.nn.functional.triplet_margin_loss(eps=0)", "5",
             {"margin": _MARGIN}, kinks="loss exactly 0 at the margin: gradient 0; zero distance: 0"),
    LossSpec("center", ml.center, ml.center_grad,
             (("features", "embedding"), ("labels", "label"), ("centers", "centers")), "embeddings",
             ("features", "centers"), "samples", "Wen et al. (2016) formula in torch + autograd", "5"),
]}

#: Public functions of the loss modules that are not losses (helpers, information measures).
NOT_LOSSES = ("one_hot", "from_one_hot", "entropy", "information")


def spec_of(loss):
    """The registry row of a lossbook loss (the function or its name); TypeError if it has none."""
    if isinstance(loss, str) and loss in LOSSES:
        return LOSSES[loss]
    for spec in LOSSES.values():
        if spec.loss is loss or spec.grad is loss:
            return spec
    raise TypeError(f"loss must be a lossbook loss such as lb.mse (see lossbook.registry.LOSSES), got {loss!r}")


def table():
    """The registry as Markdown: one row per loss with the columns above (for CONTRIBUTING and the book)."""
    head = "| loss | prediction | arrays | reduces over | hyper-parameters | gradient w.r.t. | reference | chapter |"
    rows = [head, "|" + "---|" * 8]
    for s in LOSSES.values():
        arrays = ", ".join(f"{n} ({k})" for n, k in s.arrays)
        hyper = ", ".join(f"{k}={h.default!r}" for k, h in s.hyperparameters.items()) or "-"
        rows.append(f"| `{s.name}` | {s.prediction} | {arrays} | {s.reduces_over or 'no reduction'} | {hyper} | "
                    f"{', '.join(s.grad_wrt) or 'no gradient'} | {s.reference} | {s.chapter} |")
    return "\n".join(rows)
