"""Information theory and distances between distributions (chapters 3 and 5): entropy, KL, JS, W1.

Distributions are probability vectors along the last axis (each row sums to 1
within 1e-6). Logarithms are natural, so every value is in nats. The convention
0·ln 0 = 0 holds throughout.
"""

import numpy as np

from . import _validation as v


def _xlogy(x, y):
    """x·ln y with 0·ln y = 0 (also for y = 0)."""
    safe = np.where(x > 0, y, 1.0)
    with np.errstate(divide="ignore"):  # y = 0 < x is a genuine -inf
        return np.where(x > 0, x * np.log(safe), 0.0)


def _distribution(p, name):
    return v.as_distribution(p, name)


def _rel_entr(p, q):
    """p·ln(p/q) with 0·ln(0/q) = 0 and +inf where q = 0 < p (scipy.special.rel_entr).

    One logarithm of the ratio, not ln p - ln q: no cancellation when q is close to p.
    """
    with np.errstate(divide="ignore", invalid="ignore", over="ignore", under="ignore"):
        q_safe = np.where(p > 0, q, 1.0)
        ratio = p / q_safe
        # ln(p/q) from the ratio where it is a normal number; where it overflows (q tiny) or
        # underflows, ln p - ln q, which is then far from cancelling. q = 0 < p gives +inf.
        normal = np.isfinite(ratio) & (ratio >= np.finfo(np.float64).tiny)
        log_ratio = np.where(normal, np.log(np.where(normal, ratio, 1.0)), np.log(np.where(p > 0, p, 1.0)) - np.log(q_safe))
        return np.where(p > 0, p * log_ratio, 0.0)


def _two_distributions(p, q, reduction):
    p, q = _distribution(p, "p"), _distribution(q, "q")
    v.same_shape(p, q, "p", "q")
    v.reduction(reduction)
    return p, q


@v.keeps_dtype("p")
def information(p):
    r"""Information content (信息量) of an event of probability :math:`p`: :math:`I = -\ln p`.

    Element-wise; ``p = 0`` gives ``inf`` (an impossible event would be infinitely surprising).

    Raises
    ------
    TypeError
        An argument of the wrong type (e.g. a string or a float where an integer is expected).
    ValueError
        An argument outside its allowed values (p: probabilities in [0, 1]).

    Notes
    -----
    Taught in chapter 3.

    References
    ----------
    .. [1] C. E. Shannon, "A Mathematical Theory of Communication", Bell System Technical Journal 27, 1948. https://doi.org/10.1002/j.1538-7305.1948.tb01338.x

    Examples
    --------
    >>> round(information(0.5), 6)
    0.693147
    """
    p = v.as_array(p, "p")
    v.in_unit_interval(p, "p")
    with np.errstate(divide="ignore"):
        out = -np.log(p) + 0.0  # -ln 1 is -0.0; print it as 0
    return float(out) if out.ndim == 0 else out


@v.keeps_dtype("p")
def entropy(p):
    r"""Entropy (熵) of a distribution: :math:`H(p) = -\sum_j p_j \ln p_j`, with 0·ln 0 = 0.

    Returns one value per distribution (a float for a single vector).

    Raises
    ------
    TypeError
        An argument of the wrong type (e.g. a string or a float where an integer is expected).
    ValueError
        An argument outside its allowed values (p: probability vectors along the last axis).

    Notes
    -----
    Taught in chapter 3.

    References
    ----------
    .. [1] C. E. Shannon, "A Mathematical Theory of Communication", Bell System Technical Journal 27, 1948. https://doi.org/10.1002/j.1538-7305.1948.tb01338.x

    Examples
    --------
    >>> round(entropy([0.5, 0.5]), 6)
    0.693147
    """
    p = _distribution(p, "p")
    out = -_xlogy(p, p).sum(axis=-1) + 0.0
    return float(out) if out.ndim == 0 else out


@v.keeps_dtype("q")
def cross_entropy_pq(p, q, *, reduction="mean"):
    r"""Cross-entropy (交叉熵) between distributions, :math:`H(p, q) = -\sum_j p_j \ln q_j`.

    Parameters
    ----------
    p : array_like
        The true distribution(s), rows along the last axis.
    q : array_like, same shape
        The model's distribution(s).
    reduction : {'mean', 'sum', 'none'}
        Over distributions (rows).

    Raises
    ------
    TypeError
        Non-numeric input (strings, booleans, objects).
    ValueError
        Shapes that do not match (nothing is broadcast), NaN or inf, values outside their set (``p``: probability vectors along the last axis, shape (n, C); ``q``: probability vectors along the last axis, shape (n, C)), an unknown ``reduction``.

    Notes
    -----
    Chapter 3. :math:`H(p, q) = H(p) + D_{KL}(p\,\|\,q)`. Infinite where
    :math:`q_j = 0 < p_j`. For a loss on logits use :func:`lossbook.cross_entropy`.

    References
    ----------
    .. [1] C. E. Shannon, "A Mathematical Theory of Communication", Bell System Technical Journal 27, 1948. https://doi.org/10.1002/j.1538-7305.1948.tb01338.x
    .. [2] T. M. Cover and J. A. Thomas, *Elements of Information Theory*, 2nd ed., Wiley 2006, chapter 2. https://doi.org/10.1002/047174882X

    Examples
    --------
    >>> round(cross_entropy_pq([0, 0, 1], [0.2, 0.5, 0.3]), 4)
    1.204
    """
    p, q = _two_distributions(p, q, reduction)
    return v.reduce(-_xlogy(p, q).sum(axis=-1), reduction)


@v.keeps_dtype("q")
def cross_entropy_pq_grad(p, q, *, reduction="mean"):
    r"""Gradient of :func:`cross_entropy_pq` with respect to ``q``: :math:`-p_j / q_j` (0 where :math:`p_j = 0`).

    Raises
    ------
    TypeError
        Non-numeric input (strings, booleans, objects).
    ValueError
        Shapes that do not match (nothing is broadcast), NaN or inf, values outside their set (``p``: probability vectors along the last axis, shape (n, C); ``q``: probability vectors along the last axis, shape (n, C)), an unknown ``reduction``.

    Notes
    -----
    Taught in chapter 3.

    References
    ----------
    .. [1] C. E. Shannon, "A Mathematical Theory of Communication", Bell System Technical Journal 27, 1948. https://doi.org/10.1002/j.1538-7305.1948.tb01338.x
    .. [2] T. M. Cover and J. A. Thomas, *Elements of Information Theory*, 2nd ed., Wiley 2006, chapter 2. https://doi.org/10.1002/047174882X
    """
    p, q = _two_distributions(p, q, reduction)
    with np.errstate(divide="ignore"):
        grad = np.where(p > 0, -p / np.where(p > 0, q, 1.0), 0.0)
    return v.reduce_grad(grad, reduction, p.size // p.shape[-1])


@v.keeps_dtype("q")
def kl_divergence(p, q, *, reduction="mean"):
    r"""Kullback-Leibler divergence (KL 散度, 相对熵) :math:`D_{KL}(p\,\|\,q) = \sum_j p_j \ln(p_j / q_j)`.

    Parameters
    ----------
    p, q : array_like, same shape
        Distributions along the last axis.
    reduction : {'mean', 'sum', 'none'}
        Over distributions; ``'mean'`` is PyTorch's ``'batchmean'`` (not its ``'mean'``,
        which also divides by the number of classes).

    Raises
    ------
    TypeError
        Non-numeric input (strings, booleans, objects).
    ValueError
        Shapes that do not match (nothing is broadcast), NaN or inf, values outside their set (``p``: probability vectors along the last axis, shape (n, C); ``q``: probability vectors along the last axis, shape (n, C)), an unknown ``reduction``.

    Notes
    -----
    Chapters 3 and 5. Not symmetric. Terms with :math:`p_j = 0` contribute 0;
    where :math:`q_j = 0 < p_j` the divergence is ``+inf``.

    References
    ----------
    .. [1] S. Kullback and R. A. Leibler, "On Information and Sufficiency", Ann. Math. Statist. 22(1), 1951. https://doi.org/10.1214/aoms/1177729694

    Examples
    --------
    >>> kl_divergence([0.5, 0.5], [0.5, 0.5])
    0.0
    """
    p, q = _two_distributions(p, q, reduction)
    return v.reduce(_rel_entr(p, q).sum(axis=-1), reduction)


@v.keeps_dtype("q")
def kl_divergence_grad(p, q, *, reduction="mean"):
    r"""Gradient of :func:`kl_divergence` with respect to ``q``: :math:`-p_j / q_j`.

    Raises
    ------
    TypeError
        Non-numeric input (strings, booleans, objects).
    ValueError
        Shapes that do not match (nothing is broadcast), NaN or inf, values outside their set (``p``: probability vectors along the last axis, shape (n, C); ``q``: probability vectors along the last axis, shape (n, C)), an unknown ``reduction``.

    Notes
    -----
    Taught in chapters 3, 5.

    References
    ----------
    .. [1] S. Kullback and R. A. Leibler, "On Information and Sufficiency", Ann. Math. Statist. 22(1), 1951. https://doi.org/10.1214/aoms/1177729694
    """
    return cross_entropy_pq_grad.__wrapped__(p, q, reduction=reduction)


@v.keeps_dtype("q")
def js_divergence(p, q, *, reduction="mean"):
    r"""Jensen-Shannon divergence (JS 散度), the symmetric, bounded cousin of KL.

    .. math:: \mathrm{JS}(p, q) = \tfrac12 D_{KL}(p\,\|\,m) + \tfrac12 D_{KL}(q\,\|\,m),
              \qquad m = \tfrac12(p + q)

    Raises
    ------
    TypeError
        Non-numeric input (strings, booleans, objects).
    ValueError
        Shapes that do not match (nothing is broadcast), NaN or inf, values outside their set (``p``: probability vectors along the last axis, shape (n, C); ``q``: probability vectors along the last axis, shape (n, C)), an unknown ``reduction``.

    Notes
    -----
    Chapter 5. Always finite, between 0 and :math:`\ln 2`; it sits at
    :math:`\ln 2` whenever the two distributions do not overlap.

    References
    ----------
    .. [1] J. Lin, "Divergence measures based on the Shannon entropy", IEEE Trans. Inf. Theory 37(1), 1991. https://doi.org/10.1109/18.61115

    Examples
    --------
    >>> round(js_divergence([1, 0], [0, 1]), 6)
    0.693147
    """
    p, q = _two_distributions(p, q, reduction)
    m = 0.5 * (p + q)
    kl_pm = _rel_entr(p, m).sum(axis=-1)
    kl_qm = _rel_entr(q, m).sum(axis=-1)
    return v.reduce(0.5 * (kl_pm + kl_qm), reduction)


@v.keeps_dtype("q")
def js_divergence_grad(p, q, *, reduction="mean"):
    r"""Gradient of :func:`js_divergence` with respect to ``q``: :math:`\tfrac12 \ln(q_j / m_j)`.

    It is ``-inf`` where :math:`q_j = 0 < p_j` and 0 where both are 0.

    Raises
    ------
    TypeError
        Non-numeric input (strings, booleans, objects).
    ValueError
        Shapes that do not match (nothing is broadcast), NaN or inf, values outside their set (``p``: probability vectors along the last axis, shape (n, C); ``q``: probability vectors along the last axis, shape (n, C)), an unknown ``reduction``.

    Notes
    -----
    Taught in chapter 5.

    References
    ----------
    .. [1] J. Lin, "Divergence measures based on the Shannon entropy", IEEE Trans. Inf. Theory 37(1), 1991. https://doi.org/10.1109/18.61115
    """
    p, q = _two_distributions(p, q, reduction)
    m = 0.5 * (p + q)
    with np.errstate(divide="ignore"):
        grad = np.where(m > 0, 0.5 * np.log(np.where(m > 0, q / np.where(m > 0, m, 1.0), 1.0)), 0.0)
    return v.reduce_grad(grad, reduction, p.size // p.shape[-1])


def _weights(w, values, name):
    if w is None:
        return np.full(values.shape, 1.0 / values.size)
    w = v.as_array(w, name)
    v.same_shape(values, w, name.replace("weights", "values"), name)
    if (w < 0).any() or w.sum() <= 0:
        raise ValueError(f"{name} must be non-negative with a positive sum, got {v._preview(w)}")
    return w / w.sum()


def _samples(values, name):
    values = v.as_array(values, name)
    if values.ndim != 1:
        raise ValueError(f"{name} must be a 1-D array of sample values, got shape {values.shape}")
    return values


@v.keeps_dtype("u_values")
def wasserstein_1d(u_values, v_values, u_weights=None, v_weights=None):
    r"""Wasserstein-1 (earth mover's, 推土机) distance between two 1-D empirical distributions.

    .. math:: W_1(u, v) = \int_{-\infty}^{\infty} \lvert F_u(x) - F_v(x)\rvert \,dx

    where :math:`F_u, F_v` are the cumulative distribution functions: the least
    total "mass × distance" needed to move one pile of sand onto the other.

    Parameters
    ----------
    u_values, v_values : array_like, 1-D
        Sample positions (the sizes may differ).
    u_weights, v_weights : array_like, optional
        Non-negative weights of the samples (normalised to sum 1); equal by default.

    Raises
    ------
    TypeError
        Non-numeric input (strings, booleans, objects), or ``u_weights``, ``v_weights`` of the wrong type.
    ValueError
        Shapes that do not match (nothing is broadcast), NaN or inf, values outside their set (``u_values``: 1-D sample positions, shape (m,); ``v_values``: 1-D sample positions, shape (m,)), ``u_weights``, ``v_weights`` out of range.

    Notes
    -----
    Chapter 5. Unlike KL and JS it keeps measuring *how far apart* two
    distributions are when they do not overlap. Same result as
    ``scipy.stats.wasserstein_distance``.

    References
    ----------
    .. [1] A. Ramdas, N. Garcia, M. Cuturi, "On Wasserstein Two Sample Testing and Related Families of Nonparametric Tests", Entropy 19(2), 2017. https://doi.org/10.3390/e19020047
    .. [2] M. Arjovsky, S. Chintala, L. Bottou, "Wasserstein GAN", ICML 2017. https://arxiv.org/abs/1701.07875

    Examples
    --------
    >>> wasserstein_1d([0.0, 1.0], [2.0, 3.0])
    2.0
    """
    u = _samples(u_values, "u_values")
    w = _samples(v_values, "v_values")
    uw = _weights(u_weights, u, "u_weights")
    vw = _weights(v_weights, w, "v_weights")
    grid = np.sort(np.concatenate([u, w]))
    gaps = np.diff(grid)
    # CDFs of both distributions on each interval [grid[i], grid[i+1])
    order_u, order_v = np.argsort(u), np.argsort(w)
    cdf_u = np.concatenate([[0.0], np.cumsum(uw[order_u])])[np.searchsorted(u[order_u], grid[:-1], side="right")]
    cdf_v = np.concatenate([[0.0], np.cumsum(vw[order_v])])[np.searchsorted(w[order_v], grid[:-1], side="right")]
    return float(np.sum(np.abs(cdf_u - cdf_v) * gaps))


@v.keeps_dtype("u_values")
def wasserstein_1d_grad(u_values, v_values):
    r"""Gradient of :func:`wasserstein_1d` with respect to ``u_values`` (equal sizes, equal weights).

    With the same number :math:`n` of samples on both sides, the optimal transport
    pairs the :math:`k`-th smallest of each, so :math:`W_1 = \frac1n\sum_k |u_{(k)} - v_{(k)}|`
    and the gradient is :math:`\operatorname{sign}(u_{(k)} - v_{(k)})/n`, put back in
    the original order of ``u_values``. Ties and equal positions get 0.

    Raises
    ------
    TypeError
        Non-numeric input (strings, booleans, objects), or ``u_weights``, ``v_weights`` of the wrong type.
    ValueError
        Shapes that do not match (nothing is broadcast), NaN or inf, values outside their set (``u_values``: 1-D sample positions, shape (m,); ``v_values``: 1-D sample positions, shape (m,)), ``u_weights``, ``v_weights`` out of range.

    Notes
    -----
    Taught in chapter 5.

    References
    ----------
    .. [1] A. Ramdas, N. Garcia, M. Cuturi, "On Wasserstein Two Sample Testing and Related Families of Nonparametric Tests", Entropy 19(2), 2017. https://doi.org/10.3390/e19020047
    .. [2] M. Arjovsky, S. Chintala, L. Bottou, "Wasserstein GAN", ICML 2017. https://arxiv.org/abs/1701.07875
    """
    u = _samples(u_values, "u_values")
    w = _samples(v_values, "v_values")
    if u.shape != w.shape:
        raise ValueError(f"u_values and v_values must have the same size for the gradient, got {u.size} and {w.size}")
    order = np.argsort(u, kind="stable")
    grad = np.empty_like(u)
    grad[order] = np.sign(u[order] - np.sort(w)) / u.size
    return grad
