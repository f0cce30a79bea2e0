"""Regression losses (chapter 2): MSE, MAE, Huber, log-cosh and the Euclidean distance.

Every function takes ``(y_true, y_pred, *, reduction="mean")``. The element-wise
losses reduce over all elements; ``euclidean`` is one value per sample (the norm
over the last axis) and reduces over samples. Each ``<loss>_grad`` returns the
derivative of the reduced loss with respect to ``y_pred``, shaped like ``y_pred``.
"""

import numpy as np

from . import _validation as v


def _pair(y_true, y_pred, reduction):
    y_true = v.as_array(y_true, "y_true")
    y_pred = v.as_array(y_pred, "y_pred")
    v.same_shape(y_true, y_pred, "y_true", "y_pred")
    v.reduction(reduction)
    return y_true, y_pred


@v.keeps_dtype("y_pred")
def mse(y_true, y_pred, *, reduction="mean"):
    r"""Mean squared error (均方误差), the L2 loss.

    .. math:: \ell(y, \hat y) = (\hat y - y)^2

    Parameters
    ----------
    y_true, y_pred : array_like, same shape
        Targets and predictions.
    reduction : {'mean', 'sum', 'none'}
        Average or sum over all elements, or return the element-wise losses.

    Returns
    -------
    float or ndarray

    Raises
    ------
    TypeError
        Non-numeric input (strings, booleans, objects).
    ValueError
        Shapes that do not match (nothing is broadcast), NaN or inf, values outside their set (``y_true``: real numbers, any shape (n, C); ``y_pred``: real numbers, any shape (n, C)), an unknown ``reduction``.

    Notes
    -----
    Taught in chapter 2. Some texts write :math:`\tfrac12(\hat y - y)^2` so that the
    gradient is :math:`\hat y - y`; lossbook does not include the ½.

    References
    ----------
    .. [1] T. Hastie, R. Tibshirani, J. Friedman, *The Elements of Statistical Learning*, 2nd ed., Springer 2009. https://hastie.su.domains/ElemStatLearn/ Section 2.4 (squared error loss).

    Examples
    --------
    >>> mse([3, 5, 7, 9, 11], [1, 2, 3, 4, 5])
    18.0
    """
    y_true, y_pred = _pair(y_true, y_pred, reduction)
    return v.reduce((y_pred - y_true) ** 2, reduction)


@v.keeps_dtype("y_pred")
def mse_grad(y_true, y_pred, *, reduction="mean"):
    r"""Gradient of :func:`mse` with respect to ``y_pred``: :math:`2(\hat y - y)` per element.

    Raises
    ------
    TypeError
        Non-numeric input (strings, booleans, objects).
    ValueError
        Shapes that do not match (nothing is broadcast), NaN or inf, values outside their set (``y_true``: real numbers, any shape (n, C); ``y_pred``: real numbers, any shape (n, C)), an unknown ``reduction``.

    Notes
    -----
    Taught in chapter 2.

    References
    ----------
    .. [1] T. Hastie, R. Tibshirani, J. Friedman, *The Elements of Statistical Learning*, 2nd ed., Springer 2009. https://hastie.su.domains/ElemStatLearn/ Section 2.4 (squared error loss).
    """
    y_true, y_pred = _pair(y_true, y_pred, reduction)
    return v.reduce_grad(2.0 * (y_pred - y_true), reduction, y_pred.size)


@v.keeps_dtype("y_pred")
def mae(y_true, y_pred, *, reduction="mean"):
    r"""Mean absolute error (平均绝对误差), the L1 loss.

    .. math:: \ell(y, \hat y) = |\hat y - y|

    Parameters
    ----------
    y_true, y_pred : array_like, same shape
    reduction : {'mean', 'sum', 'none'}

    Raises
    ------
    TypeError
        Non-numeric input (strings, booleans, objects).
    ValueError
        Shapes that do not match (nothing is broadcast), NaN or inf, values outside their set (``y_true``: real numbers, any shape (n, C); ``y_pred``: real numbers, any shape (n, C)), an unknown ``reduction``.

    Notes
    -----
    Chapter 2. Its minimiser over a constant prediction is the median of ``y_true``.

    References
    ----------
    .. [1] T. Hastie, R. Tibshirani, J. Friedman, *The Elements of Statistical Learning*, 2nd ed., Springer 2009. https://hastie.su.domains/ElemStatLearn/ Section 10.6 (absolute loss).

    Examples
    --------
    >>> mae([1, 1, 1], [1, 2, 3])
    1.0
    """
    y_true, y_pred = _pair(y_true, y_pred, reduction)
    return v.reduce(np.abs(y_pred - y_true), reduction)


@v.keeps_dtype("y_pred")
def mae_grad(y_true, y_pred, *, reduction="mean"):
    r"""Gradient of :func:`mae`: :math:`\operatorname{sign}(\hat y - y)` per element.

    At the kink :math:`\hat y = y` the loss has no derivative; we return 0, the
    sub-gradient PyTorch also uses.

    Raises
    ------
    TypeError
        Non-numeric input (strings, booleans, objects).
    ValueError
        Shapes that do not match (nothing is broadcast), NaN or inf, values outside their set (``y_true``: real numbers, any shape (n, C); ``y_pred``: real numbers, any shape (n, C)), an unknown ``reduction``.

    Notes
    -----
    Taught in chapter 2.

    References
    ----------
    .. [1] T. Hastie, R. Tibshirani, J. Friedman, *The Elements of Statistical Learning*, 2nd ed., Springer 2009. https://hastie.su.domains/ElemStatLearn/ Section 10.6 (absolute loss).
    """
    y_true, y_pred = _pair(y_true, y_pred, reduction)
    return v.reduce_grad(np.sign(y_pred - y_true), reduction, y_pred.size)


@v.keeps_dtype("y_pred")
def huber(y_true, y_pred, *, reduction="mean", delta=1.0):
    r"""Huber loss (Huber 损失): quadratic for small errors, linear for large ones.

    .. math::

        \ell(y, \hat y) = \begin{cases}
            \tfrac12 e^2 & |e| \le \delta \\
            \delta\,(|e| - \tfrac12\delta) & |e| > \delta
        \end{cases}, \qquad e = \hat y - y

    Parameters
    ----------
    y_true, y_pred : array_like, same shape
    reduction : {'mean', 'sum', 'none'}
    delta : float, > 0
        Where the quadratic part hands over to the linear part.

    Raises
    ------
    TypeError
        Non-numeric input (strings, booleans, objects), or ``delta`` of the wrong type.
    ValueError
        Shapes that do not match (nothing is broadcast), NaN or inf, values outside their set (``y_true``: real numbers, any shape (n, C); ``y_pred``: real numbers, any shape (n, C)), an unknown ``reduction``, ``delta`` out of range.

    Notes
    -----
    Chapter 2. Written as :math:`a\,(|e| - a/2)` with :math:`a = \min(|e|, \delta)`,
    which is the two cases in one line. Same convention as
    ``torch.nn.functional.huber_loss``.

    References
    ----------
    .. [1] P. J. Huber, "Robust Estimation of a Location Parameter", Ann. Math. Statist. 35(1), 1964. https://doi.org/10.1214/aoms/1177703732

    Examples
    --------
    >>> huber([0, 0], [0.5, 3.0])
    1.3125
    """
    y_true, y_pred = _pair(y_true, y_pred, reduction)
    delta = v.scalar(delta, "delta", minimum=0.0, strict=True)
    # With a = min(|e|, δ) both cases are a(|e| - a/2): ½e² inside, δ(|e| - δ/2) outside.
    # Built in one array, because on large inputs each extra temporary costs more than the maths.
    losses = np.abs(y_pred - y_true)  # |e|
    a = np.minimum(losses, delta)     # a = min(|e|, δ)
    losses -= 0.5 * a                 # |e| - a/2
    losses *= a                       # a(|e| - a/2)
    return v.reduce(losses, reduction)


@v.keeps_dtype("y_pred")
def huber_grad(y_true, y_pred, *, reduction="mean", delta=1.0):
    r"""Gradient of :func:`huber`: the error clipped to :math:`[-\delta, \delta]`.

    Raises
    ------
    TypeError
        Non-numeric input (strings, booleans, objects), or ``delta`` of the wrong type.
    ValueError
        Shapes that do not match (nothing is broadcast), NaN or inf, values outside their set (``y_true``: real numbers, any shape (n, C); ``y_pred``: real numbers, any shape (n, C)), an unknown ``reduction``, ``delta`` out of range.

    Notes
    -----
    Taught in chapter 2.

    References
    ----------
    .. [1] P. J. Huber, "Robust Estimation of a Location Parameter", Ann. Math. Statist. 35(1), 1964. https://doi.org/10.1214/aoms/1177703732
    """
    y_true, y_pred = _pair(y_true, y_pred, reduction)
    delta = v.scalar(delta, "delta", minimum=0.0, strict=True)
    return v.reduce_grad(np.clip(y_pred - y_true, -delta, delta), reduction, y_pred.size)


def _log_cosh(err):
    a = np.abs(err)
    near = np.log1p(2.0 * np.sinh(0.5 * np.minimum(a, 1.0)) ** 2)  # ln cosh a = ln(1 + 2 sinh²(a/2))
    far = a + np.log1p(np.exp(-2.0 * a)) - np.log(2.0)  # no cancellation once a >= 1 (value >= 0.43)
    return np.where(a < 1.0, near, far)


@v.keeps_dtype("y_pred")
def log_cosh(y_true, y_pred, *, reduction="mean"):
    r"""Log-cosh loss: like :math:`\tfrac12 e^2` near zero and like :math:`|e| - \ln 2` far away.

    .. math:: \ell(y, \hat y) = \ln\cosh(\hat y - y)

    Raises
    ------
    TypeError
        Non-numeric input (strings, booleans, objects).
    ValueError
        Shapes that do not match (nothing is broadcast), NaN or inf, values outside their set (``y_true``: real numbers, any shape (n, C); ``y_pred``: real numbers, any shape (n, C)), an unknown ``reduction``.

    Notes
    -----
    Chapter 2. For :math:`|e| \ge 1` computed as :math:`|e| + \ln(1 + e^{-2|e|}) - \ln 2`,
    which never overflows (``cosh(1000)`` would); for :math:`|e| < 1` as
    :math:`\ln(1 + 2\sinh^2(e/2))` with ``log1p``, which keeps tiny errors exact
    (:math:`\ln\cosh 10^{-8} = 5\times10^{-17}`, where ``logaddexp(e, -e) - ln 2`` gives
    :math:`1.1\times10^{-16}`).

    References
    ----------
    .. [1] R. A. Saleh and A. K. Md. E. Saleh, "Statistical Properties of the log-cosh Loss Function Used in Machine Learning", 2022. https://arxiv.org/abs/2208.04564

    Examples
    --------
    >>> round(log_cosh([0.0], [1.0]), 6)
    0.433781
    """
    y_true, y_pred = _pair(y_true, y_pred, reduction)
    return v.reduce(_log_cosh(y_pred - y_true), reduction)


@v.keeps_dtype("y_pred")
def log_cosh_grad(y_true, y_pred, *, reduction="mean"):
    r"""Gradient of :func:`log_cosh`: :math:`\tanh(\hat y - y)` per element.

    Raises
    ------
    TypeError
        Non-numeric input (strings, booleans, objects).
    ValueError
        Shapes that do not match (nothing is broadcast), NaN or inf, values outside their set (``y_true``: real numbers, any shape (n, C); ``y_pred``: real numbers, any shape (n, C)), an unknown ``reduction``.

    Notes
    -----
    Taught in chapter 2.

    References
    ----------
    .. [1] R. A. Saleh and A. K. Md. E. Saleh, "Statistical Properties of the log-cosh Loss Function Used in Machine Learning", 2022. https://arxiv.org/abs/2208.04564
    """
    y_true, y_pred = _pair(y_true, y_pred, reduction)
    return v.reduce_grad(np.tanh(y_pred - y_true), reduction, y_pred.size)


@v.keeps_dtype("y_pred")
def euclidean(y_true, y_pred, *, reduction="mean"):
    r"""Euclidean distance (欧氏距离) between target and prediction vectors.

    .. math:: \ell(\mathbf y, \hat{\mathbf y}) = \lVert \hat{\mathbf y} - \mathbf y \rVert_2
              = \sqrt{\textstyle\sum_j (\hat y_j - y_j)^2}

    The norm is taken over the last axis: an input of shape ``(d,)`` is one
    vector, ``(n, d)`` is ``n`` vectors and gives ``n`` distances before reduction.

    Raises
    ------
    TypeError
        Non-numeric input (strings, booleans, objects).
    ValueError
        Shapes that do not match (nothing is broadcast), NaN or inf, values outside their set (``y_true``: real numbers, any shape (n, C); ``y_pred``: real numbers, any shape (n, C)), an unknown ``reduction``.

    Notes
    -----
    Chapters 1 and 4. Its square, divided by ``d``, is the MSE of the vector.

    References
    ----------
    .. [1] T. Hastie, R. Tibshirani, J. Friedman, *The Elements of Statistical Learning*, 2nd ed., Springer 2009. https://hastie.su.domains/ElemStatLearn/ Section 13.3 (nearest neighbours, Euclidean distance).

    Examples
    --------
    >>> round(euclidean([60, 70, 80], [65, 68, 75]), 4)
    7.3485
    """
    y_true, y_pred = _pair(y_true, y_pred, reduction)
    v.at_least_ndim(y_pred, 1, "y_pred", hint=" (a vector; the norm is over the last axis)")
    return v.reduce(np.linalg.norm(y_pred - y_true, axis=-1), reduction)


@v.keeps_dtype("y_pred")
def euclidean_grad(y_true, y_pred, *, reduction="mean"):
    r"""Gradient of :func:`euclidean`: the unit vector :math:`(\hat{\mathbf y} - \mathbf y) / \lVert\hat{\mathbf y} - \mathbf y\rVert`.

    It has length 1 whatever the size of the error (chapter 4). At zero error the
    distance has no gradient; we return the zero vector there.

    Raises
    ------
    TypeError
        Non-numeric input (strings, booleans, objects).
    ValueError
        Shapes that do not match (nothing is broadcast), NaN or inf, values outside their set (``y_true``: real numbers, any shape (n, C); ``y_pred``: real numbers, any shape (n, C)), an unknown ``reduction``.

    References
    ----------
    .. [1] T. Hastie, R. Tibshirani, J. Friedman, *The Elements of Statistical Learning*, 2nd ed., Springer 2009. https://hastie.su.domains/ElemStatLearn/ Section 13.3 (nearest neighbours, Euclidean distance).

    """
    y_true, y_pred = _pair(y_true, y_pred, reduction)
    v.at_least_ndim(y_pred, 1, "y_pred", hint=" (a vector; the norm is over the last axis)")
    err = y_pred - y_true
    norm = np.linalg.norm(err, axis=-1, keepdims=True)
    unit = np.divide(err, norm, out=np.zeros_like(err), where=norm > 0)
    n_samples = max(err.size // err.shape[-1], 1) if err.ndim else 1
    return v.reduce_grad(unit, reduction, n_samples)
