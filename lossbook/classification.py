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

    Notes
    -----
    Chapter 3. Probabilities of exactly 0 or 1 are allowed: each logarithm is
    clamped at -100, as in ``torch.nn.BCELoss``, so a confident wrong answer costs
    100 rather than infinity. A term whose weight is 0 contributes 0 (0·ln 0 = 0).
    Prefer :func:`binary_cross_entropy_with_logits` when you have logits: it needs
    no clamping.

    Examples
    --------
    >>> round(binary_cross_entropy([1.0], [0.9]), 4)
    0.1054
    """
    y_true, y_prob = _binary_pair(y_true, y_prob, "y_prob", reduction)
    v.in_unit_interval(y_prob, "y_prob")
    losses = -(y_true * _clamped_log(y_prob) + (1.0 - y_true) * _clamped_log(1.0 - y_prob))
    return v.reduce(losses, reduction)


def binary_cross_entropy_grad(y_true, y_prob, *, reduction="mean"):
    r"""Gradient of :func:`binary_cross_entropy`: :math:`(\hat y - y) / (\hat y (1 - \hat y))`.

    The denominator is kept at least 1e-12 (PyTorch's choice) so that the gradient
    is finite at :math:`\hat y \in \{0, 1\}`.
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

    Notes
    -----
    Chapters 3 and 5. With :math:`\ln\sigma(-z) = -\max(z, 0) - \ln(1 + e^{-|z|})`
    the unweighted loss is :math:`\max(z, 0) - yz + \ln(1 + e^{-|z|})`: exact for any
    finite logit, no clamping needed. Same convention as
    ``torch.nn.functional.binary_cross_entropy_with_logits``.

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
        losses = -(w * y_true * log_sig + (1.0 - y_true) * (log_sig - logits))
    return v.reduce(losses, reduction)


def binary_cross_entropy_with_logits_grad(y_true, logits, *, reduction="mean", pos_weight=None):
    r"""Gradient of :func:`binary_cross_entropy_with_logits` with respect to the logits.

    Without weights it is the famous :math:`\sigma(z) - y`; with them,
    :math:`\sigma(z)\,(1 + (w_+ - 1)\,y) - w_+ y`.
    """
    y_true, logits = _binary_pair(y_true, logits, "logits", reduction)
    w = _pos_weight(pos_weight, logits)
    if w is None:
        grad = _sigmoid(logits) - y_true
    else:
        p = _sigmoid(logits)
        grad = p * (1.0 + (w - 1.0) * y_true) - w * y_true
    return v.reduce_grad(grad, reduction, logits.size)


# --- softmax cross-entropy ----------------------------------------------------------


def _class_targets(y_true, scores, scores_name):
    """Checked targets: integer class indices, or probability rows shaped like ``scores``.

    ``y_true`` may be class indices of shape ``scores.shape[:-1]`` or rows of class
    probabilities (one-hot or soft) of the same shape as ``scores``. Indices are
    returned as int64 indices, not one-hot rows; callers tell the two apart by ``ndim``.
    """
    v.at_least_ndim(scores, 2, scores_name, hint=" (n_samples, n_classes); for one sample use x[None, :]")
    n_classes = scores.shape[-1]
    raw = np.asarray(y_true)
    if raw.shape == scores.shape[:-1]:
        labels = v.as_integer_labels(raw, "y_true")
        v.class_indices(labels, n_classes, "y_true")
        return labels
    rows = v.as_array(raw, "y_true")
    if rows.shape != scores.shape:
        raise ValueError(
            f"y_true must be class indices of shape {scores.shape[:-1]} or probability rows of shape "
            f"{scores.shape}, matching {scores_name}; got shape {rows.shape}"
        )
    v.distribution_rows(rows, "y_true")
    return rows


def cross_entropy(y_true, logits, *, reduction="mean"):
    r"""Softmax cross-entropy (交叉熵) from logits of shape ``(n, C)``.

    .. math:: \ell(\mathbf y, \mathbf z) = -\sum_{c} y_c \ln \operatorname{softmax}(\mathbf z)_c
              = \ln\sum_c e^{z_c} - \sum_c y_c z_c

    Parameters
    ----------
    y_true : array_like
        Class indices of shape ``(n,)`` (sparse labels) or rows of class
        probabilities / one-hot vectors of shape ``(n, C)``.
    logits : array_like, shape (n, C)
    reduction : {'mean', 'sum', 'none'}
        Over samples; the class axis is always summed.

    Notes
    -----
    Chapter 3. Uses the log-sum-exp form, so large logits never overflow. Same as
    ``torch.nn.functional.cross_entropy`` with index or probability targets.

    Examples
    --------
    >>> round(cross_entropy([0], [[0.0, 0.0]]), 6)
    0.693147
    """
    logits = v.as_array(logits, "logits")
    v.reduction(reduction)
    target = _class_targets(y_true, logits, "logits")
    log_probs = _log_softmax(logits)
    if target.ndim < logits.ndim:  # class indices: the sum keeps only the true class's term
        losses = -np.take_along_axis(log_probs, target[..., None], axis=-1)[..., 0]
    else:
        losses = -(target * log_probs).sum(axis=-1)
    return v.reduce(losses, reduction)


def cross_entropy_grad(y_true, logits, *, reduction="mean"):
    r"""Gradient of :func:`cross_entropy` with respect to the logits: :math:`\operatorname{softmax}(\mathbf z) - \mathbf y` per sample."""
    logits = v.as_array(logits, "logits")
    v.reduction(reduction)
    target = _class_targets(y_true, logits, "logits")
    grad = np.exp(_log_softmax(logits))  # softmax(z)
    if target.ndim < logits.ndim:  # class indices: y is one-hot, so subtract 1 at the true class
        true_class = target[..., None]
        np.put_along_axis(grad, true_class, np.take_along_axis(grad, true_class, axis=-1) - 1.0, axis=-1)
    else:
        grad -= target
    return v.reduce_grad(grad, reduction, logits.size // logits.shape[-1])


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

    Notes
    -----
    Chapter 3. A predicted probability of 0 for the true class would give
    :math:`-\ln 0 = \infty`; the logarithm is clamped at -100 as in
    :func:`binary_cross_entropy`. Prefer :func:`cross_entropy` on logits.

    Examples
    --------
    >>> round(categorical_cross_entropy([2], [[0.2, 0.5, 0.3]]), 4)
    1.204
    """
    y_prob = v.as_array(y_prob, "y_prob")
    v.reduction(reduction)
    target = _class_targets(y_true, y_prob, "y_prob")
    if target.ndim < y_prob.ndim:  # class indices -> one-hot rows
        target = np.eye(y_prob.shape[-1])[target]
    v.distribution_rows(y_prob, "y_prob")
    return v.reduce(-(target * _clamped_log(y_prob)).sum(axis=-1), reduction)


def categorical_cross_entropy_grad(y_true, y_prob, *, reduction="mean"):
    r"""Gradient of :func:`categorical_cross_entropy` with respect to ``y_prob``: :math:`-y_c / \hat y_c`.

    The denominator is kept at least :math:`e^{-100}`, matching the clamped logarithm.
    """
    y_prob = v.as_array(y_prob, "y_prob")
    v.reduction(reduction)
    target = _class_targets(y_true, y_prob, "y_prob")
    if target.ndim < y_prob.ndim:  # class indices -> one-hot rows
        target = np.eye(y_prob.shape[-1])[target]
    v.distribution_rows(y_prob, "y_prob")
    grad = -target / np.maximum(y_prob, np.exp(LOG_FLOOR))
    return v.reduce_grad(grad, reduction, y_prob.size // y_prob.shape[-1])


# --- margin losses: labels in {-1, +1}, raw scores ------------------------------------


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

    Notes
    -----
    Chapter 5. Points with :math:`ys \ge m` cost nothing: only points inside the
    margin or on the wrong side move the classifier.

    Examples
    --------
    >>> hinge([1, -1], [2.0, 0.5])
    0.75
    """
    y_true, scores = _signed_pair(y_true, scores, reduction)
    margin = v.scalar(margin, "margin", minimum=0.0)
    return v.reduce(np.maximum(0.0, margin - y_true * scores), reduction)


def hinge_grad(y_true, scores, *, reduction="mean", margin=1.0):
    r"""Gradient of :func:`hinge`: :math:`-y` where :math:`ys < m`, else 0.

    At the kink :math:`ys = m` we return 0 (the sub-gradient from the flat side).
    """
    y_true, scores = _signed_pair(y_true, scores, reduction)
    margin = v.scalar(margin, "margin", minimum=0.0)
    grad = np.where(margin - y_true * scores > 0, -y_true, 0.0)
    return v.reduce_grad(grad, reduction, scores.size)


def exponential(y_true, scores, *, reduction="mean"):
    r"""Exponential loss (指数损失), the loss behind AdaBoost.

    .. math:: \ell(y, s) = e^{-y s}, \qquad y \in \{-1, +1\}

    Notes
    -----
    Chapter 5. It grows exponentially for confident wrong answers and overflows to
    ``inf`` once the margin :math:`ys` falls below about -709.

    Examples
    --------
    >>> exponential([1], [0.0])
    1.0
    """
    y_true, scores = _signed_pair(y_true, scores, reduction)
    return v.reduce(np.exp(-y_true * scores), reduction)


def exponential_grad(y_true, scores, *, reduction="mean"):
    r"""Gradient of :func:`exponential`: :math:`-y e^{-ys}`."""
    y_true, scores = _signed_pair(y_true, scores, reduction)
    return v.reduce_grad(-y_true * np.exp(-y_true * scores), reduction, scores.size)


def zero_one(y_true, y_pred, *, reduction="mean"):
    r"""0-1 loss (0-1 损失): 1 for a wrong label, 0 for a right one.

    .. math:: \ell(y, \hat y) = [\hat y \ne y]

    With ``reduction='mean'`` this is the error rate, 1 − accuracy. It has no
    useful gradient (zero almost everywhere), which is why we train on surrogates.

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

    Notes
    -----
    Chapter 5. With ``gamma=0, alpha=None`` it equals
    :func:`binary_cross_entropy_with_logits`. The cross-entropy factor is computed
    from logits, so it is exact for large :math:`|z|`.

    Examples
    --------
    >>> round(focal([1.0], [0.0], alpha=None, gamma=0.0), 6)
    0.693147
    """
    y_true, logits = _binary_pair(y_true, logits, "logits", reduction)
    _, _, miss, weight, gamma, ce = _focal_parts(y_true, logits, alpha, gamma)
    return v.reduce(weight * miss**gamma * ce, reduction)


def focal_grad(y_true, logits, *, reduction="mean", alpha=0.25, gamma=2.0):
    r"""Gradient of :func:`focal` with respect to the logits.

    With :math:`m = 1 - p_t` and :math:`\mathrm{ce}` the cross-entropy,
    :math:`\partial\ell/\partial z = \alpha_t\bigl[m^\gamma(\sigma(z) - y)
    + \gamma m^{\gamma-1}\,\mathrm{ce}\;\partial m/\partial z\bigr]`, where
    :math:`\partial m/\partial z = \sigma(z)(1-\sigma(z))(1 - 2y)`.
    """
    y_true, logits = _binary_pair(y_true, logits, "logits", reduction)
    p, q, miss, weight, gamma, ce = _focal_parts(y_true, logits, alpha, gamma)
    dmiss = p * q * (1.0 - 2.0 * y_true)
    # m^(γ-1)·dm/dz is written m^γ·(dm/dz)/m: |dm/dz| <= min(σ, 1-σ) <= m, so the ratio is
    # in [-1, 1] and nothing overflows when m is subnormal (m^(γ-1) alone would, giving
    # inf or 0·inf = NaN). At m = 0 we have dm/dz = 0 too: the term is 0.
    focusing = gamma * miss**gamma * (dmiss / np.where(miss > 0, miss, 1.0)) * ce
    grad = weight * (miss**gamma * (p - y_true) + focusing)
    return v.reduce_grad(grad, reduction, logits.size)


# --- label formats -----------------------------------------------------------------


def one_hot(labels, n_classes):
    """Class indices of shape ``(n,)`` → one-hot rows of shape ``(n, n_classes)``.

    Examples
    --------
    >>> one_hot([2, 0], 3).tolist()
    [[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]]
    """
    labels = v.as_integer_labels(labels, "labels")
    if isinstance(n_classes, bool) or not isinstance(n_classes, (int, np.integer)) or n_classes < 1:
        raise ValueError(f"n_classes must be a positive integer, got {n_classes!r}")
    v.class_indices(labels, n_classes, "labels")
    return np.eye(n_classes)[labels]


def from_one_hot(rows):
    """One-hot rows of shape ``(n, C)`` → class indices of shape ``(n,)``; other rows are an error.

    Examples
    --------
    >>> from_one_hot([[0, 0, 1], [1, 0, 0]]).tolist()
    [2, 0]
    """
    rows = v.as_array(rows, "rows")
    v.at_least_ndim(rows, 1, "rows")
    v.one_hot_rows(rows, "rows")
    return rows.argmax(axis=-1)
