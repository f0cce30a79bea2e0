"""Numerical helpers the chapters need around a loss: finite differences and a loss over a grid.

These are the checks that follow a derivation in the book ("a derivation is followed by a
cell that checks it numerically") and the loss-landscape arrays behind the contour plots.
"""

import numpy as np

from . import _validation as v


def numeric_grad(fun, x, *, h=1e-5, order=2):
    r"""Gradient of a scalar function by central finite differences, one coordinate at a time.

    .. math::

        \partial_i f \approx \frac{f(x + h e_i) - f(x - h e_i)}{2h}
        \quad(\text{order } 2), \qquad
        \frac{f(x - 2h e_i) - 8 f(x - h e_i) + 8 f(x + h e_i) - f(x + 2h e_i)}{12h}
        \quad(\text{order } 4)

    Parameters
    ----------
    fun : callable
        ``fun(x)`` returns a real number (a 0-d array is fine).
    x : float or array_like, any shape
        Where to differentiate.
    h : float, > 0
        Step, in the units of ``x``. Keep kinks of ``fun`` more than ``order / 2 · h`` away.
    order : {2, 4}
        Order of the error term, :math:`O(h^2)` or :math:`O(h^4)`.

    Returns
    -------
    ndarray, shape of ``x``, float64

    Raises
    ------
    TypeError
        If ``h`` is not a real number, or ``x`` is not numeric.
    ValueError
        If ``h <= 0``, ``order`` is not 2 or 4, or ``fun`` does not return a single number.

    Notes
    -----
    Taught in chapter 1 (the slope of a secant) and used in chapters 2-5 to check every
    derived gradient.

    References
    ----------
    .. [1] J. Nocedal and S. J. Wright, *Numerical Optimization*, 2nd ed., Springer 2006,
       section 8.1. https://doi.org/10.1007/978-0-387-40065-5

    Examples
    --------
    >>> numeric_grad(lambda x: float(np.sum(x**2)), [1.0, -2.0]).round(6).tolist()
    [2.0, -4.0]
    """
    h = v.scalar(h, "h", minimum=0.0, strict=True)
    if order not in (2, 4):
        raise ValueError(f"order must be 2 or 4, got {order!r}")
    x = v.as_array(x, "x").astype(np.float64)
    stencil = {2: ((-1, -0.5), (1, 0.5)), 4: ((-2, 1 / 12), (-1, -8 / 12), (1, 8 / 12), (2, -1 / 12))}[order]
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        acc = 0.0
        for k, c in stencil:
            xk = x.copy()
            xk[i] += k * h
            value = np.asarray(fun(xk) if x.ndim else fun(float(xk)), dtype=np.float64)
            if value.size != 1:
                raise ValueError(f"fun must return a single number, got shape {value.shape}")
            acc += c * float(value)
        grad[i] = acc / h
    return grad


def check_grad(fun, grad, x, *, h=1e-5, order=4, rtol=1e-6, atol=1e-8):
    r"""Largest disagreement between an analytic gradient and finite differences; raise if too large.

    Parameters
    ----------
    fun : callable
        ``fun(x)`` returns a real number.
    grad : callable or array_like
        ``grad(x)`` (or the array it returned), shaped like ``x``.
    x : float or array_like
    h, order : see :func:`numeric_grad`
    rtol, atol : float
        The check passes where ``|analytic - numeric| <= atol + rtol * |numeric|``.

    Returns
    -------
    float
        The largest absolute difference, to print next to the derivation.

    Raises
    ------
    ValueError
        If the shapes differ or any coordinate is outside the tolerance (the message
        shows the worst coordinate and both values).

    Notes
    -----
    Chapters 2-5 follow each derivation with this check. scipy's ``scipy.optimize.check_grad``
    returns the 2-norm of the difference instead and never raises.

    References
    ----------
    .. [1] SciPy, ``scipy.optimize.check_grad``.
       https://docs.scipy.org/doc/scipy/reference/generated/scipy.optimize.check_grad.html

    Examples
    --------
    >>> check_grad(lambda x: float(np.sum(x**2)), lambda x: 2 * x, [1.0, -2.0]) < 1e-8
    True
    """
    x_arr = v.as_array(x, "x")
    analytic = np.asarray(grad(x_arr if x_arr.ndim else float(x_arr)) if callable(grad) else grad, dtype=np.float64)
    numeric = numeric_grad(fun, x_arr, h=h, order=order)
    if analytic.shape != numeric.shape:
        raise ValueError(f"grad has shape {analytic.shape}, but x has shape {numeric.shape}")
    diff = np.abs(analytic - numeric)
    bad = diff > atol + rtol * np.abs(numeric)
    if bad.any():
        i = np.unravel_index(np.argmax(np.where(bad, diff, -1.0)), diff.shape) if diff.ndim else ()
        raise ValueError(f"grad disagrees with finite differences at index {tuple(int(k) for k in i)}: "
                         f"analytic {float(analytic[i])!r}, numeric {float(numeric[i])!r} (difference {float(diff[i]):.3e})")
    return float(diff.max()) if diff.size else 0.0


def loss_grid(loss, y_true, X, weights, biases, **loss_kwargs):
    r"""The loss of the linear model :math:`\hat y = Xw + b` over a grid of ``(w, b)``: a loss landscape.

    Replaces the idiom ``lb.mse(np.broadcast_to(y, pred.shape), pred, reduction="none").mean(axis=-1)``.

    Parameters
    ----------
    loss : callable
        An element-wise lossbook loss ``loss(y_true, y_pred, reduction=...)``.
    y_true : array_like, shape (n,)
    X : array_like, shape (n,) or (n, 1)
        One input feature.
    weights, biases : array_like, same shape (e.g. from ``np.meshgrid``)
        The grid of slopes and intercepts.
    **loss_kwargs
        Hyper-parameters of the loss (e.g. ``delta=1.0``).

    Returns
    -------
    ndarray, shape of ``weights``
        ``loss(y_true, X w + b)`` with the loss's ``'mean'`` reduction, at each grid point.

    Raises
    ------
    ValueError
        If ``X`` and ``y_true`` have different lengths, ``X`` has more than one feature,
        or ``weights`` and ``biases`` differ in shape; and whatever ``loss`` raises.

    Notes
    -----
    Chapters 1 and 2 draw these as contour maps (:func:`lossbook.plotting.plot_contour`).

    References
    ----------
    .. [1] I. Goodfellow, Y. Bengio, A. Courville, *Deep Learning*, MIT Press 2016,
       section 8.2 (the shape of the loss surface). https://www.deeplearningbook.org/contents/optimization.html

    Examples
    --------
    >>> W, B = np.meshgrid([1.0, 2.0], [0.0, 1.0])
    >>> import lossbook as lb
    >>> loss_grid(lb.mse, [3.0, 5.0], [1.0, 2.0], W, B).tolist()
    [[6.5, 1.0], [2.5, 0.0]]
    """
    y = v.as_array(y_true, "y_true")
    x = v.as_array(X, "X")
    if x.ndim == 2 and x.shape[1] == 1:
        x = x[:, 0]
    if x.ndim != 1 or y.shape != x.shape:
        raise ValueError(f"X must have shape (n,) or (n, 1) and y_true shape (n,), got {np.shape(X)} and {y.shape}")
    w, b = v.as_array(weights, "weights"), v.as_array(biases, "biases")
    v.same_shape(w, b, "weights", "biases")
    pred = w[..., None] * x + b[..., None]
    per_element = loss(np.broadcast_to(y, pred.shape), pred, reduction="none", **loss_kwargs)
    return np.asarray(per_element).mean(axis=-1)
