"""Classification losses (chapters 3-5): cross-entropy in its forms, hinge, focal, and margin losses.

Binary losses are element-wise and reduce over all elements. ``cross_entropy`` and
``categorical_cross_entropy`` sum over the class axis (the last) and then reduce
over samples. Each ``<loss>_grad`` is the derivative of the reduced loss with
respect to the prediction argument (probabilities, logits or scores).
"""

import numpy as np

from . import _validation as v
from .activations import _log_softmax, _sigmoid

LOG_FLOOR = -100.0  # log p is clamped here on probability inputs, as PyTorch does


def _clamped_log(p):
    """ln p, but never below -100: p = 0 gives -100 instead of -inf (PyTorch's rule)."""
    return np.log(np.maximum(p, np.exp(LOG_FLOOR)))


def _clamped_log1m(p):
    """ln(1 - p), accurate for tiny p (log1p, not log of a rounded 1 - p), never below -100."""
    with np.errstate(divide="ignore"):
        return np.maximum(np.log1p(-p), LOG_FLOOR)


def _binary_pair(y_true, pred, pred_name, reduction):
    y_true = v.as_array(y_true, "y_true")
    pred = v.as_array(pred, pred_name)
    v.same_shape(y_true, pred, "y_true", pred_name)
    v.in_unit_interval(y_true, "y_true", "binary targets (soft targets allowed)")
    v.reduction(reduction)
    return y_true, pred


def _signed_pair(y_true, scores, reduction):
    y_true = v.as_array(y_true, "y_true")
    scores = v.as_array(scores, "scores")
    v.same_shape(y_true, scores, "y_true", "scores")
    v.signed_labels(y_true, "y_true")
    v.reduction(reduction)
    return y_true, scores


# --- binary cross-entropy -----------------------------------------------------------


@v.keeps_dtype("y_prob")
def binary_cross_entropy(y_true, y_prob, *, reduction="mean"):
    r"""Binary cross-entropy (二元交叉熵) on predicted probabilities.

    .. math:: \ell(y, \hat y) = -\bigl[y \ln \hat y + (1 - y)\ln(1 - \hat y)\bigr]

    Parameters
    ----------
    y_true : array_like
        Targets in [0, 1]: hard labels 0/1 or soft targets.
    y_prob : array_like, same shape
        Predicted probabilities of the positive class, in [0, 1].
    reduction : {'mean', 'sum', 'none'}

    Raises
    ------
    TypeError
        Non-numeric input (strings, booleans, objects).
    ValueError
        Shapes that do not match (nothing is broadcast), NaN or inf, values outside their set (``y_true``: targets in [0, 1] (hard 0/1 or soft), shape (n, C); ``y_prob``: probabilities in [0, 1], shape (n, C)), an unknown ``reduction``.

    Notes
    -----
    Chapter 3. Probabilities of exactly 0 or 1 are allowed: each logarithm is
    clamped at -100, as in ``torch.nn.BCELoss``, so a confident wrong answer costs
    100 rather than infinity. A term whose weight is 0 contributes 0 (0·ln 0 = 0).
    Prefer :func:`binary_cross_entropy_with_logits` when you have logits: it needs
    no clamping.

    References
    ----------
    .. [1] C. M. Bishop, *Pattern Recognition and Machine Learning*, Springer 2006, sections 4.3.2-4.3.4. https://www.microsoft.com/en-us/research/publication/pattern-recognition-machine-learning/
    .. [2] PyTorch, ``torch.nn.BCELoss`` (the clamp at -100). https://pytorch.org/docs/stable/generated/torch.nn.BCELoss.html

    Examples
    --------
    >>> round(binary_cross_entropy([1.0], [0.9]), 4)
    0.1054
    """
    y_true, y_prob = _binary_pair(y_true, y_prob, "y_prob", reduction)
    v.in_unit_interval(y_prob, "y_prob")
    losses = -(y_true * _clamped_log(y_prob) + (1.0 - y_true) * _clamped_log1m(y_prob))
    return v.reduce(losses, reduction)


@v.keeps_dtype("y_prob")
def binary_cross_entropy_grad(y_true, y_prob, *, reduction="mean"):
    r"""Gradient of :func:`binary_cross_entropy`: :math:`(\hat y - y) / (\hat y (1 - \hat y))`.

    The denominator is kept at least 1e-12 (PyTorch's choice) so that the gradient
    is finite at :math:`\hat y \in \{0, 1\}`.

    Raises
    ------
    TypeError
        Non-numeric input (strings, booleans, objects).
    ValueError
        Shapes that do not match (nothing is broadcast), NaN or inf, values outside their set (``y_true``: targets in [0, 1] (hard 0/1 or soft), shape (n, C); ``y_prob``: probabilities in [0, 1], shape (n, C)), an unknown ``reduction``.

    Notes
    -----
    Taught in chapter 3.

    References
    ----------
    .. [1] C. M. Bishop, *Pattern Recognition and Machine Learning*, Springer 2006, sections 4.3.2-4.3.4. https://www.microsoft.com/en-us/research/publication/pattern-recognition-machine-learning/
    .. [2] PyTorch, ``torch.nn.BCELoss`` (the clamp at -100). https://pytorch.org/docs/stable/generated/torch.nn.BCELoss.html
    """
    y_true, y_prob = _binary_pair(y_true, y_prob, "y_prob", reduction)
    v.in_unit_interval(y_prob, "y_prob")
    grad = (y_prob - y_true) / np.maximum(y_prob * (1.0 - y_prob), 1e-12)
    return v.reduce_grad(grad, reduction, y_prob.size)


def _pos_weight(pos_weight, logits):
    if pos_weight is None:
        return None
    w = v.as_array(pos_weight, "pos_weight")
    if w.ndim > 1 or (w.ndim == 1 and (logits.ndim == 0 or w.shape[0] != logits.shape[-1])):
        raise ValueError(f"pos_weight must be a scalar or have one weight per class, shape ({logits.shape[-1:]}), got {w.shape}")
    if (w < 0).any():
        raise ValueError(f"pos_weight must be >= 0, got {v._preview(w[w < 0])}")
    return w


@v.keeps_dtype("logits")
def binary_cross_entropy_with_logits(y_true, logits, *, reduction="mean", pos_weight=None):
    r"""Binary cross-entropy computed from logits, with the sigmoid built in.

    .. math:: \ell(y, z) = -\bigl[w_+\, y \ln\sigma(z) + (1 - y)\ln\sigma(-z)\bigr]

    Parameters
    ----------
    y_true : array_like
        Targets in [0, 1].
    logits : array_like, same shape
        Raw scores :math:`z`; :math:`\hat y = \sigma(z)`.
    reduction : {'mean', 'sum', 'none'}
    pos_weight : float or array_like of shape (C,), optional
        Weight :math:`w_+ \ge 0` of the positive term (per class along the last axis).

    Raises
    ------
    TypeError
        Non-numeric input (strings, booleans, objects), or ``pos_weight`` of the wrong type.
    ValueError
        Shapes that do not match (nothing is broadcast), NaN or inf, values outside their set (``y_true``: targets in [0, 1] (hard 0/1 or soft), shape (n, C); ``logits``: raw scores (logits), any finite real, shape (n, C)), an unknown ``reduction``, ``pos_weight`` out of range.

    Notes
    -----
    Chapters 3 and 5. With :math:`\ln\sigma(-z) = -\max(z, 0) - \ln(1 + e^{-|z|})`
    the unweighted loss is :math:`\max(z, 0) - yz + \ln(1 + e^{-|z|})`: exact for any
    finite logit, no clamping needed. Same convention as
    ``torch.nn.functional.binary_cross_entropy_with_logits``.

    References
    ----------
    .. [1] C. M. Bishop, *Pattern Recognition and Machine Learning*, Springer 2006, sections 4.3.2-4.3.4. https://www.microsoft.com/en-us/research/publication/pattern-recognition-machine-learning/
    .. [2] PyTorch, ``torch.nn.BCEWithLogitsLoss`` (``pos_weight``). https://pytorch.org/docs/stable/generated/torch.nn.BCEWithLogitsLoss.html

    Examples
    --------
    >>> round(binary_cross_entropy_with_logits([1.0], [0.0]), 6)
    0.693147
    """
    y_true, logits = _binary_pair(y_true, logits, "logits", reduction)
    w = _pos_weight(pos_weight, logits)
    softplus_neg = np.log1p(np.exp(-np.abs(logits)))  # ln(1 + e^{-|z|})
    if w is None:
        losses = np.maximum(logits, 0.0) - logits * y_true + softplus_neg
    else:
        log_sig = np.minimum(logits, 0.0) - softplus_neg  # ln σ(z)
        log_sig_neg = np.minimum(-logits, 0.0) - softplus_neg  # ln σ(-z) directly: ln σ(z) - z would cancel for z << 0
        losses = -(w * y_true * log_sig + (1.0 - y_true) * log_sig_neg)
    return v.reduce(losses, reduction)


@v.keeps_dtype("logits")
def binary_cross_entropy_with_logits_grad(y_true, logits, *, reduction="mean", pos_weight=None):
    r"""Gradient of :func:`binary_cross_entropy_with_logits` with respect to the logits.

    Without weights it is the famous :math:`\sigma(z) - y`; with them,
    :math:`\sigma(z)\,(1 + (w_+ - 1)\,y) - w_+ y`. Both are computed as
    :math:`(1 - y)\,\sigma(z) - w_+ y\,\sigma(-z)`, which does not cancel when
    :math:`\sigma(z)` rounds to 1: at :math:`y = 1, z = 40` it gives
    :math:`-\sigma(-40) = -4.248\times 10^{-18}`, not 0.

    Raises
    ------
    TypeError
        Non-numeric input (strings, booleans, objects), or ``pos_weight`` of the wrong type.
    ValueError
        Shapes that do not match (nothing is broadcast), NaN or inf, values outside their set (``y_true``: targets in [0, 1] (hard 0/1 or soft), shape (n, C); ``logits``: raw scores (logits), any finite real, shape (n, C)), an unknown ``reduction``, ``pos_weight`` out of range.

    Notes
    -----
    Taught in chapters 3, 5.

    References
    ----------
    .. [1] C. M. Bishop, *Pattern Recognition and Machine Learning*, Springer 2006, sections 4.3.2-4.3.4. https://www.microsoft.com/en-us/research/publication/pattern-recognition-machine-learning/
    .. [2] PyTorch, ``torch.nn.BCEWithLogitsLoss`` (``pos_weight``). https://pytorch.org/docs/stable/generated/torch.nn.BCEWithLogitsLoss.html
    """
    y_true, logits = _binary_pair(y_true, logits, "logits", reduction)
    w = _pos_weight(pos_weight, logits)
    p, q = _sigmoid(logits), _sigmoid(-logits)  # σ(z) and σ(-z) = 1 - σ(z), each accurate
    grad = (1.0 - y_true) * p - (y_true * q if w is None else w * y_true * q)
    return v.reduce_grad(grad, reduction, logits.size)


# --- softmax cross-entropy ----------------------------------------------------------


def _class_targets(y_true, scores, scores_name, ignore_index=None):
    """Checked targets: integer class indices, or probability rows shaped like ``scores``.

    ``y_true`` may be class indices of shape ``scores.shape[:-1]`` or rows of class
    probabilities (one-hot or soft) of the same shape as ``scores``. Indices are
    returned as int64 indices, not one-hot rows; callers tell the two apart by ``ndim``.
    Indices equal to ``ignore_index`` are allowed and left for the caller to mask.
    """
    v.at_least_ndim(scores, 2, scores_name, hint=" (n_samples, n_classes); for one sample use x[None, :]")
    n_classes = scores.shape[-1]
    raw = np.asarray(y_true)
    if raw.shape == scores.shape[:-1]:
        labels = v.as_integer_labels(raw, "y_true")
        v.class_indices(labels if ignore_index is None else labels[labels != ignore_index], n_classes, "y_true")
        return labels
    rows = v.as_array(raw, "y_true")
    if rows.shape != scores.shape:
        raise ValueError(
            f"y_true must be class indices of shape {scores.shape[:-1]} or probability rows of shape "
            f"{scores.shape}, matching {scores_name}; got shape {rows.shape}"
        )
    v.distribution_rows(rows, "y_true", v.input_dtype(y_true))
    return rows


def _masked_logits(logits):
    """Logits where -inf marks a masked class (probability 0); NaN, +inf and all-masked rows are refused."""
    z = np.asarray(logits)
    if z.dtype.kind == "f" and np.isneginf(z).any():
        finite = np.where(np.isneginf(z), 0.0, z)
        v.as_array(finite, "logits")  # type, NaN and +inf checks on the rest
        z = z.astype(np.float64)
        v.at_least_ndim(z, 2, "logits", hint=" (n_samples, n_classes); for one sample use x[None, :]")
        dead = np.isneginf(z).all(axis=-1)
        if dead.any():
            raise ValueError(f"logits has rows where every class is masked (-inf): rows {np.argwhere(dead).tolist()[:5]}")
        return z
    return v.as_array(logits, "logits")


def _class_weight(weight, n_classes):
    if weight is None:
        return None
    w = v.as_array(weight, "weight")
    if w.shape != (n_classes,):
        raise ValueError(f"weight must have one entry per class, shape ({n_classes},), got {w.shape}")
    if (w < 0).any():
        raise ValueError(f"weight must be >= 0, got {v._preview(w[w < 0])}")
    return w


def _cross_entropy_parts(y_true, logits, reduction, weight, label_smoothing, ignore_index, want_grad):
    """Per-sample losses (or their gradients), and what 'mean' divides by (PyTorch's conventions)."""
    logits = _masked_logits(logits)
    v.reduction(reduction)
    eps = v.scalar(label_smoothing, "label_smoothing", minimum=0.0, maximum=1.0)
    ignore_index = v.integer(ignore_index, "ignore_index")
    n_classes = logits.shape[-1]
    w = _class_weight(weight, n_classes)
    target = _class_targets(y_true, logits, "logits", ignore_index)
    log_probs = _log_softmax(logits)  # -inf at masked classes
    probs = np.exp(log_probs) if want_grad else None
    w_row = np.ones(n_classes) if w is None else w
    losses = grad = None

    def weighted_sum(coef):  # -Σ_c coef_c ln p_c with 0·ln 0 = 0 (a masked class with no weight costs 0)
        with np.errstate(invalid="ignore"):
            return -np.where(coef > 0, coef * log_probs, 0.0).sum(axis=-1)

    if target.ndim < logits.ndim:  # class indices
        keep = target != ignore_index
        label = np.where(keep, target, 0)[..., None]
        w_true = np.where(keep, np.take(w_row, label[..., 0]), 0.0)
        norm = w_true.sum() if w is not None else float(keep.sum())
        if not want_grad:
            nll = np.where(keep, -w_true * np.take_along_axis(log_probs, label, axis=-1)[..., 0], 0.0)
            losses = (1.0 - eps) * nll if eps else nll
            if eps > 0:
                losses = losses + np.where(keep, eps / n_classes * weighted_sum(np.broadcast_to(w_row, logits.shape)), 0.0)
            return losses, None, norm
        # softmax minus one-hot at the true class, written as minus the other classes' mass (no cancellation)
        g_true = probs.copy()
        np.put_along_axis(g_true, label, 0.0, axis=-1)
        np.put_along_axis(g_true, label, -g_true.sum(axis=-1, keepdims=True), axis=-1)
        grad = (1.0 - eps) * w_true[..., None] * g_true if (eps or w is not None or not keep.all()) else g_true
        if eps > 0:
            grad += keep[..., None] * (eps / n_classes) * (w_row.sum() * probs - w_row)
    else:  # probability rows (one-hot or soft); ignore_index does not apply
        rows = target if eps == 0 else (1.0 - eps) * target + eps / n_classes
        coef = rows if w is None else rows * w_row
        norm = float(np.prod(logits.shape[:-1]))
        if not want_grad:
            return weighted_sum(coef), None, norm
        if w is None and eps == 0:
            one = rows == 1.0  # a one-hot row: p_c - 1 = -(mass of the other classes)
            rest = np.where(one, 0.0, probs).sum(axis=-1, keepdims=True)
            grad = np.where(one, -rest, probs - rows)
        else:
            grad = coef.sum(axis=-1, keepdims=True) * probs - coef
    return losses, grad, norm


def _reduce_by(values, how, norm):
    if how == "mean":
        with np.errstate(invalid="ignore", divide="ignore"):  # everything ignored: 0/0 = nan, as PyTorch
            return float(values.sum() / norm) + 0.0
    return v.reduce(values, how)


@v.keeps_dtype("logits")
def cross_entropy(y_true, logits, *, reduction="mean", weight=None, label_smoothing=0.0, ignore_index=-100):
    r"""Softmax cross-entropy (交叉熵) from logits of shape ``(n, C)``.

    .. math:: \ell(\mathbf y, \mathbf z) = -\sum_{c} w_c\, y_c \ln \operatorname{softmax}(\mathbf z)_c

    Parameters
    ----------
    y_true : array_like
        Class indices of shape ``(n,)`` (sparse labels) or rows of class
        probabilities / one-hot vectors of shape ``(n, C)``.
    logits : array_like, shape (n, C)
        Raw scores. ``-inf`` masks a class (probability 0); NaN and ``+inf`` are refused.
    reduction : {'mean', 'sum', 'none'}
        Over samples; the class axis is always summed. With ``weight`` and index
        targets, ``'mean'`` divides by :math:`\sum_i w_{y_i}` (PyTorch's weighted mean).
    weight : array_like of shape (C,), optional
        Non-negative weight of each class.
    label_smoothing : float in [0, 1]
        Mixes the target with the uniform distribution: :math:`(1 - \varepsilon)\,y + \varepsilon / C`.
    ignore_index : int
        Index targets equal to it contribute nothing and are not counted by ``'mean'``
        (PyTorch's default is -100). Does not apply to probability targets.

    Returns
    -------
    float (``'mean'``, ``'sum'``) or ndarray of shape (n,) (``'none'``)
        In nats. The dtype follows ``logits`` (float32 in, float32 out), computed in float64.

    Raises
    ------
    TypeError
        Non-numeric input, float class indices, a non-integer ``ignore_index``.
    ValueError
        Shape mismatch, NaN or ``+inf`` logits, a row with every class masked, indices
        outside ``[0, C)``, rows that are not distributions, negative weights,
        ``label_smoothing`` outside [0, 1], an unknown ``reduction``.

    Notes
    -----
    Chapter 3. Uses the log-sum-exp form, so large logits never overflow. Equal to
    ``torch.nn.functional.cross_entropy`` (float64) with the same options; one
    difference: a masked class (``-inf``) with zero target weight contributes 0 here
    (the convention :math:`0 \ln 0 = 0`), NaN in PyTorch's probability-target path.
    With ``'mean'`` and every sample ignored the result is NaN, as in PyTorch.

    References
    ----------
    .. [1] C. Szegedy et al., "Rethinking the Inception Architecture for Computer Vision"
       (label smoothing), CVPR 2016. https://arxiv.org/abs/1512.00567
    .. [2] PyTorch, ``torch.nn.CrossEntropyLoss``.
       https://pytorch.org/docs/stable/generated/torch.nn.CrossEntropyLoss.html

    Examples
    --------
    >>> round(cross_entropy([0], [[0.0, 0.0]]), 6)
    0.693147
    >>> round(cross_entropy([0], [[0.0, -np.inf]]), 6)  # the second class is masked
    0.0
    """
    losses, _, norm = _cross_entropy_parts(y_true, logits, reduction, weight, label_smoothing, ignore_index, False)
    return _reduce_by(losses, reduction, norm)


@v.keeps_dtype("logits")
def cross_entropy_grad(y_true, logits, *, reduction="mean", weight=None, label_smoothing=0.0, ignore_index=-100):
    r"""Gradient of :func:`cross_entropy` with respect to the logits, shape ``(n, C)``.

    Per sample it is :math:`\operatorname{softmax}(\mathbf z) - \mathbf y` (times the class
    weight of the target, with smoothing :math:`\varepsilon(\mathbf p - 1/C)` added).
    At the true class :math:`p_y - 1` is computed as minus the other classes' probability,
    so it stays accurate when :math:`p_y` rounds to 1. Masked classes get 0; ignored
    samples get 0. Same parameters as :func:`cross_entropy`.

    Raises
    ------
    TypeError, ValueError
        As :func:`cross_entropy`.

    Raises
    ------
    TypeError
        Non-numeric input (strings, booleans, objects), or ``weight``, ``label_smoothing``, ``ignore_index`` of the wrong type.
    ValueError
        Shapes that do not match (nothing is broadcast), NaN or inf, values outside their set (``y_true``: class indices of shape (n,) or probability rows of shape (n, C); ``logits``: raw scores (logits), any finite real, shape (n, C)), an unknown ``reduction``, ``weight``, ``label_smoothing``, ``ignore_index`` out of range.

    Notes
    -----
    Taught in chapter 3.

    References
    ----------
    .. [1] PyTorch, ``torch.nn.CrossEntropyLoss`` (the gradient of which this is, float64).
       https://pytorch.org/docs/stable/generated/torch.nn.CrossEntropyLoss.html

    Examples
    --------
    >>> cross_entropy_grad([0], [[0.0, 0.0]]).tolist()
    [[-0.5, 0.5]]
    """
    _, grad, norm = _cross_entropy_parts(y_true, logits, reduction, weight, label_smoothing, ignore_index, True)
    if reduction == "mean":
        with np.errstate(invalid="ignore", divide="ignore"):
            grad = grad / norm
    return grad + 0.0


@v.keeps_dtype("y_prob")
def categorical_cross_entropy(y_true, y_prob, *, reduction="mean"):
    r"""Categorical cross-entropy on predicted class probabilities of shape ``(n, C)``.

    .. math:: \ell(\mathbf y, \hat{\mathbf y}) = -\sum_c y_c \ln \hat y_c

    Parameters
    ----------
    y_true : array_like
        Class indices ``(n,)`` or probability / one-hot rows ``(n, C)``.
    y_prob : array_like, shape (n, C)
        Each row a probability vector (sums to 1 within 1e-6).
    reduction : {'mean', 'sum', 'none'}

    Raises
    ------
    TypeError
        Non-numeric input (strings, booleans, objects).
    ValueError
        Shapes that do not match (nothing is broadcast), NaN or inf, values outside their set (``y_true``: class indices of shape (n,) or probability rows of shape (n, C); ``y_prob``: probability vectors along the last axis, shape (n, C)), an unknown ``reduction``.

    Notes
    -----
    Chapter 3. A predicted probability of 0 for the true class would give
    :math:`-\ln 0 = \infty`; the logarithm is clamped at -100 as in
    :func:`binary_cross_entropy`. Prefer :func:`cross_entropy` on logits.

    References
    ----------
    .. [1] C. M. Bishop, *Pattern Recognition and Machine Learning*, Springer 2006, sections 4.3.2-4.3.4. https://www.microsoft.com/en-us/research/publication/pattern-recognition-machine-learning/
    .. [2] I. Goodfellow, Y. Bengio, A. Courville, *Deep Learning*, MIT Press 2016, section 6.2.2. https://www.deeplearningbook.org/contents/mlp.html

    Examples
    --------
    >>> round(categorical_cross_entropy([2], [[0.2, 0.5, 0.3]]), 4)
    1.204
    """
    dtype = v.input_dtype(y_prob)
    y_prob = v.as_array(y_prob, "y_prob")
    v.reduction(reduction)
    target = _class_targets(y_true, y_prob, "y_prob")
    v.distribution_rows(y_prob, "y_prob", dtype)
    if target.ndim < y_prob.ndim:  # class indices: only the true class's term (no one-hot rows built)
        losses = -_clamped_log(np.take_along_axis(y_prob, target[..., None], axis=-1)[..., 0])
    else:
        losses = -(target * _clamped_log(y_prob)).sum(axis=-1)
    return v.reduce(losses, reduction)


@v.keeps_dtype("y_prob")
def categorical_cross_entropy_grad(y_true, y_prob, *, reduction="mean"):
    r"""Gradient of :func:`categorical_cross_entropy` with respect to ``y_prob``: :math:`-y_c / \hat y_c`.

    The denominator is kept at least :math:`e^{-100}`, matching the clamped logarithm.

    Raises
    ------
    TypeError
        Non-numeric input (strings, booleans, objects).
    ValueError
        Shapes that do not match (nothing is broadcast), NaN or inf, values outside their set (``y_true``: class indices of shape (n,) or probability rows of shape (n, C); ``y_prob``: probability vectors along the last axis, shape (n, C)), an unknown ``reduction``.

    Notes
    -----
    Taught in chapter 3.

    References
    ----------
    .. [1] C. M. Bishop, *Pattern Recognition and Machine Learning*, Springer 2006, sections 4.3.2-4.3.4. https://www.microsoft.com/en-us/research/publication/pattern-recognition-machine-learning/
    .. [2] I. Goodfellow, Y. Bengio, A. Courville, *Deep Learning*, MIT Press 2016, section 6.2.2. https://www.deeplearningbook.org/contents/mlp.html
    """
    dtype = v.input_dtype(y_prob)
    y_prob = v.as_array(y_prob, "y_prob")
    v.reduction(reduction)
    target = _class_targets(y_true, y_prob, "y_prob")
    v.distribution_rows(y_prob, "y_prob", dtype)
    if target.ndim < y_prob.ndim:  # class indices: -1/p at the true class, 0 elsewhere
        grad = np.zeros_like(y_prob)
        p_true = np.take_along_axis(y_prob, target[..., None], axis=-1)
        np.put_along_axis(grad, target[..., None], -1.0 / np.maximum(p_true, np.exp(LOG_FLOOR)), axis=-1)
    else:
        grad = -target / np.maximum(y_prob, np.exp(LOG_FLOOR))
    return v.reduce_grad(grad, reduction, y_prob.size // y_prob.shape[-1])


# --- margin losses: labels in {-1, +1}, raw scores ------------------------------------


@v.keeps_dtype("scores")
def hinge(y_true, scores, *, reduction="mean", margin=1.0):
    r"""Hinge loss (铰链损失) of a margin classifier such as an SVM.

    .. math:: \ell(y, s) = \max(0,\ m - y s), \qquad y \in \{-1, +1\}

    Parameters
    ----------
    y_true : array_like
        Labels -1 or +1.
    scores : array_like, same shape
        Raw scores :math:`s` (no sigmoid).
    reduction : {'mean', 'sum', 'none'}
    margin : float, >= 0
        The margin :math:`m`; the usual hinge has :math:`m = 1`.

    Raises
    ------
    TypeError
        Non-numeric input (strings, booleans, objects), or ``margin`` of the wrong type.
    ValueError
        Shapes that do not match (nothing is broadcast), NaN or inf, values outside their set (``y_true``: labels -1 or +1, shape (n, C); ``scores``: raw margin scores, shape (n, C)), an unknown ``reduction``, ``margin`` out of range.

    Notes
    -----
    Chapter 5. Points with :math:`ys \ge m` cost nothing: only points inside the
    margin or on the wrong side move the classifier.

    References
    ----------
    .. [1] C. Cortes and V. Vapnik, "Support-vector networks", Machine Learning 20, 1995. https://doi.org/10.1007/BF00994018

    Examples
    --------
    >>> hinge([1, -1], [2.0, 0.5])
    0.75
    """
    y_true, scores = _signed_pair(y_true, scores, reduction)
    margin = v.scalar(margin, "margin", minimum=0.0)
    return v.reduce(np.maximum(0.0, margin - y_true * scores), reduction)


@v.keeps_dtype("scores")
def hinge_grad(y_true, scores, *, reduction="mean", margin=1.0):
    r"""Gradient of :func:`hinge`: :math:`-y` where :math:`ys < m`, else 0.

    At the kink :math:`ys = m` we return 0 (the sub-gradient from the flat side).

    Raises
    ------
    TypeError
        Non-numeric input (strings, booleans, objects), or ``margin`` of the wrong type.
    ValueError
        Shapes that do not match (nothing is broadcast), NaN or inf, values outside their set (``y_true``: labels -1 or +1, shape (n, C); ``scores``: raw margin scores, shape (n, C)), an unknown ``reduction``, ``margin`` out of range.

    Notes
    -----
    Taught in chapter 5.

    References
    ----------
    .. [1] C. Cortes and V. Vapnik, "Support-vector networks", Machine Learning 20, 1995. https://doi.org/10.1007/BF00994018
    """
    y_true, scores = _signed_pair(y_true, scores, reduction)
    margin = v.scalar(margin, "margin", minimum=0.0)
    grad = np.where(margin - y_true * scores > 0, -y_true, 0.0)
    return v.reduce_grad(grad, reduction, scores.size)


@v.keeps_dtype("scores")
def exponential(y_true, scores, *, reduction="mean"):
    r"""Exponential loss (指数损失), the loss behind AdaBoost.

    .. math:: \ell(y, s) = e^{-y s}, \qquad y \in \{-1, +1\}

    Raises
    ------
    TypeError
        Non-numeric input (strings, booleans, objects).
    ValueError
        Shapes that do not match (nothing is broadcast), NaN or inf, values outside their set (``y_true``: labels -1 or +1, shape (n, C); ``scores``: raw margin scores, shape (n, C)), an unknown ``reduction``.

    Notes
    -----
    Chapter 5. It grows exponentially for confident wrong answers and overflows to
    ``inf`` once the margin :math:`ys` falls below about -709.

    References
    ----------
    .. [1] J. Friedman, T. Hastie, R. Tibshirani, "Additive logistic regression: a statistical view of boosting", Ann. Statist. 28(2), 2000. https://doi.org/10.1214/aos/1016218223

    Examples
    --------
    >>> exponential([1], [0.0])
    1.0
    """
    y_true, scores = _signed_pair(y_true, scores, reduction)
    return v.reduce(np.exp(-y_true * scores), reduction)


@v.keeps_dtype("scores")
def exponential_grad(y_true, scores, *, reduction="mean"):
    r"""Gradient of :func:`exponential`: :math:`-y e^{-ys}`.

    Raises
    ------
    TypeError
        Non-numeric input (strings, booleans, objects).
    ValueError
        Shapes that do not match (nothing is broadcast), NaN or inf, values outside their set (``y_true``: labels -1 or +1, shape (n, C); ``scores``: raw margin scores, shape (n, C)), an unknown ``reduction``.

    Notes
    -----
    Taught in chapter 5.

    References
    ----------
    .. [1] J. Friedman, T. Hastie, R. Tibshirani, "Additive logistic regression: a statistical view of boosting", Ann. Statist. 28(2), 2000. https://doi.org/10.1214/aos/1016218223
    """
    y_true, scores = _signed_pair(y_true, scores, reduction)
    return v.reduce_grad(-y_true * np.exp(-y_true * scores), reduction, scores.size)


@v.keeps_dtype("y_pred")
def zero_one(y_true, y_pred, *, reduction="mean"):
    r"""0-1 loss (0-1 损失): 1 for a wrong label, 0 for a right one.

    .. math:: \ell(y, \hat y) = [\hat y \ne y]

    With ``reduction='mean'`` this is the error rate, 1 − accuracy. It has no
    useful gradient (zero almost everywhere), which is why we train on surrogates.

    Raises
    ------
    TypeError
        Non-numeric input (strings, booleans, objects).
    ValueError
        Shapes that do not match (nothing is broadcast), NaN or inf, values outside their set (``y_true``: labels -1 or +1, shape (n, C); ``y_pred``: labels -1 or +1, shape (n, C)), an unknown ``reduction``.

    Notes
    -----
    Taught in chapter 5.

    References
    ----------
    .. [1] T. Hastie, R. Tibshirani, J. Friedman, *The Elements of Statistical Learning*, 2nd ed., Springer 2009. https://hastie.su.domains/ElemStatLearn/ Section 2.4 (0-1 loss).

    Examples
    --------
    >>> zero_one([1, -1, 1], [1, 1, 1])
    0.3333333333333333
    """
    y_true = v.as_array(y_true, "y_true")
    y_pred = v.as_array(y_pred, "y_pred")
    v.same_shape(y_true, y_pred, "y_true", "y_pred")
    v.reduction(reduction)
    return v.reduce((y_true != y_pred).astype(np.float64), reduction)


# --- focal loss ----------------------------------------------------------------------


def _focal_parts(y_true, logits, alpha, gamma):
    alpha = None if alpha is None else v.scalar(alpha, "alpha", minimum=0.0, maximum=1.0)
    gamma = v.scalar(gamma, "gamma", minimum=0.0)
    p, q = _sigmoid(logits), _sigmoid(-logits)  # σ(z) and 1 - σ(z), both accurate
    miss = y_true * q + (1.0 - y_true) * p  # 1 - p_t: the probability given to the wrong answer
    weight = 1.0 if alpha is None else alpha * y_true + (1.0 - alpha) * (1.0 - y_true)
    ce = np.maximum(logits, 0.0) - logits * y_true + np.log1p(np.exp(-np.abs(logits)))  # BCE from logits
    return p, q, miss, weight, gamma, ce


@v.keeps_dtype("logits")
def focal(y_true, logits, *, reduction="mean", alpha=0.25, gamma=2.0):
    r"""Binary focal loss (焦点损失) of Lin et al. (2017), from logits, α-balanced.

    .. math::

        \ell(y, z) = -\alpha_t\,(1 - p_t)^\gamma \ln p_t, \qquad
        p_t = \begin{cases} \sigma(z) & y = 1\\ 1 - \sigma(z) & y = 0\end{cases},\quad
        \alpha_t = \begin{cases} \alpha & y = 1\\ 1 - \alpha & y = 0\end{cases}

    Parameters
    ----------
    y_true : array_like
        Targets in [0, 1] (soft targets interpolate the two cases linearly, as in
        torchvision's ``sigmoid_focal_loss``).
    logits : array_like, same shape
    reduction : {'mean', 'sum', 'none'}
    alpha : float in [0, 1] or None
        Weight of the positive class; ``None`` means no weighting (α_t = 1).
    gamma : float, >= 0
        Focusing parameter: larger γ shrinks the loss of easy, well-classified points.

    Raises
    ------
    TypeError
        Non-numeric input (strings, booleans, objects), or ``alpha``, ``gamma`` of the wrong type.
    ValueError
        Shapes that do not match (nothing is broadcast), NaN or inf, values outside their set (``y_true``: targets in [0, 1] (hard 0/1 or soft), shape (n, C); ``logits``: raw scores (logits), any finite real, shape (n, C)), an unknown ``reduction``, ``alpha``, ``gamma`` out of range.

    Notes
    -----
    Chapter 5. With ``gamma=0, alpha=None`` it equals
    :func:`binary_cross_entropy_with_logits`. The cross-entropy factor is computed
    from logits, so it is exact for large :math:`|z|`.

    References
    ----------
    .. [1] T.-Y. Lin, P. Goyal, R. Girshick, K. He, P. Dollar, "Focal Loss for Dense Object Detection", ICCV 2017. https://arxiv.org/abs/1708.02002

    Examples
    --------
    >>> round(focal([1.0], [0.0], alpha=None, gamma=0.0), 6)
    0.693147
    """
    y_true, logits = _binary_pair(y_true, logits, "logits", reduction)
    _, _, miss, weight, gamma, ce = _focal_parts(y_true, logits, alpha, gamma)
    return v.reduce(weight * miss**gamma * ce, reduction)


@v.keeps_dtype("logits")
def focal_grad(y_true, logits, *, reduction="mean", alpha=0.25, gamma=2.0):
    r"""Gradient of :func:`focal` with respect to the logits.

    With :math:`m = 1 - p_t` and :math:`\mathrm{ce}` the cross-entropy,
    :math:`\partial\ell/\partial z = \alpha_t\bigl[m^\gamma(\sigma(z) - y)
    + \gamma m^{\gamma-1}\,\mathrm{ce}\;\partial m/\partial z\bigr]`, where
    :math:`\partial m/\partial z = \sigma(z)(1-\sigma(z))(1 - 2y)`.

    Raises
    ------
    TypeError
        Non-numeric input (strings, booleans, objects), or ``alpha``, ``gamma`` of the wrong type.
    ValueError
        Shapes that do not match (nothing is broadcast), NaN or inf, values outside their set (``y_true``: targets in [0, 1] (hard 0/1 or soft), shape (n, C); ``logits``: raw scores (logits), any finite real, shape (n, C)), an unknown ``reduction``, ``alpha``, ``gamma`` out of range.

    Notes
    -----
    Taught in chapter 5.

    References
    ----------
    .. [1] T.-Y. Lin, P. Goyal, R. Girshick, K. He, P. Dollar, "Focal Loss for Dense Object Detection", ICCV 2017. https://arxiv.org/abs/1708.02002
    """
    y_true, logits = _binary_pair(y_true, logits, "logits", reduction)
    p, q, miss, weight, gamma, ce = _focal_parts(y_true, logits, alpha, gamma)
    dmiss = p * q * (1.0 - 2.0 * y_true)
    # m^(γ-1)·dm/dz is written m^γ·(dm/dz)/m: |dm/dz| <= min(σ, 1-σ) <= m, so the ratio is
    # in [-1, 1] and nothing overflows when m is subnormal (m^(γ-1) alone would, giving
    # inf or 0·inf = NaN). At m = 0 we have dm/dz = 0 too: the term is 0.
    focusing = gamma * miss**gamma * (dmiss / np.where(miss > 0, miss, 1.0)) * ce
    grad = weight * (miss**gamma * ((1.0 - y_true) * p - y_true * q) + focusing)  # σ(z) - y without cancelling
    return v.reduce_grad(grad, reduction, logits.size)


# --- label formats -----------------------------------------------------------------


def one_hot(labels, n_classes):
    """Class indices of shape ``(n,)`` → one-hot rows of shape ``(n, n_classes)``.

    Raises
    ------
    TypeError
        An argument of the wrong type (e.g. a string or a float where an integer is expected).
    ValueError
        An argument outside its allowed values (labels: integer class indices in [0, n_classes); n_classes: an integer >= 1).

    Notes
    -----
    Taught in chapter 3.

    References
    ----------
    .. [1] I. Goodfellow, Y. Bengio, A. Courville, *Deep Learning*, MIT Press 2016, section 6.2.2. https://www.deeplearningbook.org/contents/mlp.html

    Examples
    --------
    >>> one_hot([2, 0], 3).tolist()
    [[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]]
    """
    labels = v.as_integer_labels(labels, "labels")
    n_classes = v.integer(n_classes, "n_classes", minimum=1)
    v.class_indices(labels, n_classes, "labels")
    rows = np.zeros(labels.shape + (n_classes,))  # n × C, never C × C
    np.put_along_axis(rows, labels[..., None], 1.0, axis=-1)
    return rows


def from_one_hot(rows):
    """One-hot rows of shape ``(n, C)`` → class indices of shape ``(n,)``; other rows are an error.

    Raises
    ------
    TypeError
        An argument of the wrong type (e.g. a string or a float where an integer is expected).
    ValueError
        An argument outside its allowed values (rows: one-hot rows (a single 1, zeros elsewhere)).

    Notes
    -----
    Taught in chapter 3.

    References
    ----------
    .. [1] I. Goodfellow, Y. Bengio, A. Courville, *Deep Learning*, MIT Press 2016, section 6.2.2. https://www.deeplearningbook.org/contents/mlp.html

    Examples
    --------
    >>> from_one_hot([[0, 0, 1], [1, 0, 0]]).tolist()
    [2, 0]
    """
    rows = v.as_array(rows, "rows")
    v.at_least_ndim(rows, 1, "rows")
    v.one_hot_rows(rows, "rows")
    return rows.argmax(axis=-1)
