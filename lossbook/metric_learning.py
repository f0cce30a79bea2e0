"""Metric-learning losses (chapter 5): contrastive, triplet and center loss.

Embeddings are rows: arrays of shape ``(n, d)`` (or a single vector ``(d,)``).
Each loss is one value per sample and reduces over samples. Distances are
Euclidean. Each ``<loss>_grad`` returns a tuple, one gradient per embedding input.
"""

import numpy as np

from . import _validation as v


def _embeddings(arrays, names, reduction):
    out = [v.as_array(a, n) for a, n in zip(arrays, names)]
    for a, n in zip(out, names):
        v.at_least_ndim(a, 1, n)
    for a, n in zip(out[1:], names[1:]):
        v.same_shape(out[0], a, names[0], n)
    v.reduction(reduction)
    return out


def _n_samples(a):
    return a.size // a.shape[-1]


def _contrastive_parts(h1, h2, similar, margin, reduction):
    h1, h2 = _embeddings((h1, h2), ("h1", "h2"), reduction)
    similar = v.as_array(similar, "similar")
    if similar.shape != h1.shape[:-1]:
        raise ValueError(f"similar must have shape {h1.shape[:-1]} (one flag per pair), got {similar.shape}")
    v.in_unit_interval(similar, "similar", "pair labels (1 similar, 0 dissimilar)")
    margin = v.scalar(margin, "margin", minimum=0.0)
    diff = h1 - h2
    dist = np.linalg.norm(diff, axis=-1)
    return diff, dist, similar, margin


@v.keeps_dtype("h1")
def contrastive(h1, h2, similar, *, margin=1.0, reduction="mean"):
    r"""Contrastive loss (对比损失) of Hadsell, Chopra and LeCun (2006).

    .. math:: \ell = \tfrac12\, y\, d^2 + \tfrac12\,(1 - y)\,\max(0,\ m - d)^2,
              \qquad d = \lVert \mathbf h_1 - \mathbf h_2 \rVert_2

    Here :math:`y = 1` marks a *similar* pair, as in the book's source articles and most
    libraries; the paper writes the same loss with the label flipped (:math:`Y = 0` for
    similar pairs).

    Parameters
    ----------
    h1, h2 : array_like, shape (n, d)
        Embeddings of the two members of each pair.
    similar : array_like, shape (n,)
        1 for a similar pair, 0 for a dissimilar one.
    margin : float, >= 0
        Dissimilar pairs further apart than :math:`m` cost nothing.
    reduction : {'mean', 'sum', 'none'}

    Raises
    ------
    TypeError
        Non-numeric input (strings, booleans, objects), or ``margin`` of the wrong type.
    ValueError
        Shapes that do not match (nothing is broadcast), NaN or inf, values outside their set (``h1``: embedding rows, shape (n, d); ``h2``: embedding rows, shape (n, d); ``similar``: pair labels 1 (similar) or 0 (dissimilar), shape (n,)), an unknown ``reduction``, ``margin`` out of range.

    Notes
    -----
    Taught in chapter 5.

    References
    ----------
    .. [1] R. Hadsell, S. Chopra, Y. LeCun, "Dimensionality Reduction by Learning an Invariant Mapping", CVPR 2006. https://doi.org/10.1109/CVPR.2006.100

    Examples
    --------
    >>> contrastive([[0.0, 0.0]], [[0.0, 0.5]], [0])
    0.125
    """
    _, dist, y, m = _contrastive_parts(h1, h2, similar, margin, reduction)
    return v.reduce(0.5 * y * dist**2 + 0.5 * (1 - y) * np.maximum(0.0, m - dist) ** 2, reduction)


@v.keeps_dtype("h1")
def contrastive_grad(h1, h2, similar, *, margin=1.0, reduction="mean"):
    r"""Gradients of :func:`contrastive` with respect to ``h1`` and ``h2`` (returned as a tuple).

    :math:`\partial\ell/\partial\mathbf h_1 = y\,(\mathbf h_1 - \mathbf h_2)
    - (1-y)\max(0, m - d)\,(\mathbf h_1 - \mathbf h_2)/d`, and the gradient for
    :math:`\mathbf h_2` is its negative. For a dissimilar pair at :math:`d = 0` the
    direction is undefined; we return 0 there.

    Raises
    ------
    TypeError
        Non-numeric input (strings, booleans, objects), or ``margin`` of the wrong type.
    ValueError
        Shapes that do not match (nothing is broadcast), NaN or inf, values outside their set (``h1``: embedding rows, shape (n, d); ``h2``: embedding rows, shape (n, d); ``similar``: pair labels 1 (similar) or 0 (dissimilar), shape (n,)), an unknown ``reduction``, ``margin`` out of range.

    Notes
    -----
    Taught in chapter 5.

    References
    ----------
    .. [1] R. Hadsell, S. Chopra, Y. LeCun, "Dimensionality Reduction by Learning an Invariant Mapping", CVPR 2006. https://doi.org/10.1109/CVPR.2006.100
    """
    diff, dist, y, m = _contrastive_parts(h1, h2, similar, margin, reduction)
    d = dist[..., None]
    push = np.divide(np.maximum(0.0, m - d), d, out=np.zeros_like(d), where=d > 0)
    g1 = v.reduce_grad((y[..., None] - (1 - y[..., None]) * push) * diff, reduction, _n_samples(diff))
    return g1, -g1


def _triplet_parts(anchor, positive, negative, margin, reduction):
    a, p, n = _embeddings((anchor, positive, negative), ("anchor", "positive", "negative"), reduction)
    margin = v.scalar(margin, "margin", minimum=0.0)
    d_ap = np.linalg.norm(a - p, axis=-1)
    d_an = np.linalg.norm(a - n, axis=-1)
    return a, p, n, d_ap, d_an, margin


@v.keeps_dtype("anchor")
def triplet(anchor, positive, negative, *, margin=1.0, reduction="mean"):
    r"""Triplet loss (三元组损失), the margin loss over (anchor, positive, negative) triples.

    .. math:: \ell = \max\bigl(0,\ d(\mathbf a, \mathbf p) - d(\mathbf a, \mathbf n) + \alpha\bigr)

    with Euclidean distances :math:`d`: the positive must be closer to the anchor
    than the negative is, by at least the margin :math:`\alpha`. This is the form of
    PyTorch's ``triplet_margin_loss``. FaceNet (Schroff et al., 2015), which made the loss
    popular, uses *squared* distances between embeddings normalised to unit length; its
    margin 0.2 belongs to that setting, not to this one.

    Parameters
    ----------
    anchor, positive, negative : array_like, shape (n, d)
    margin : float, >= 0
    reduction : {'mean', 'sum', 'none'}

    Raises
    ------
    TypeError
        Non-numeric input (strings, booleans, objects), or ``margin`` of the wrong type.
    ValueError
        Shapes that do not match (nothing is broadcast), NaN or inf, values outside their set (``anchor``: embedding rows, shape (n, d); ``positive``: embedding rows, shape (n, d); ``negative``: embedding rows, shape (n, d)), an unknown ``reduction``, ``margin`` out of range.

    Notes
    -----
    Taught in chapter 5.
    ``torch.nn.functional.triplet_margin_loss`` adds ``eps=1e-6`` inside the
    distance; with ``eps=0`` the two agree.

    References
    ----------
    .. [1] F. Schroff, D. Kalenichenko, J. Philbin, "FaceNet: A Unified Embedding for Face Recognition and Clustering", CVPR 2015. https://arxiv.org/abs/1503.03832

    Examples
    --------
    >>> triplet([[0.0, 0.0]], [[1.0, 0.0]], [[0.0, 1.5]])
    0.5
    """
    _, _, _, d_ap, d_an, m = _triplet_parts(anchor, positive, negative, margin, reduction)
    return v.reduce(np.maximum(0.0, d_ap - d_an + m), reduction)


@v.keeps_dtype("anchor")
def triplet_grad(anchor, positive, negative, *, margin=1.0, reduction="mean"):
    r"""Gradients of :func:`triplet` with respect to anchor, positive and negative (a tuple).

    Where the loss is active, with unit vectors :math:`\mathbf u_{ap} = (\mathbf a - \mathbf p)/d_{ap}`
    and :math:`\mathbf u_{an}`: :math:`\partial/\partial\mathbf p = -\mathbf u_{ap}`,
    :math:`\partial/\partial\mathbf n = \mathbf u_{an}`, :math:`\partial/\partial\mathbf a = \mathbf u_{ap} - \mathbf u_{an}`.
    Inactive triplets (and the kink, loss exactly 0) get 0; a zero distance contributes
    a zero unit vector.

    Raises
    ------
    TypeError
        Non-numeric input (strings, booleans, objects), or ``margin`` of the wrong type.
    ValueError
        Shapes that do not match (nothing is broadcast), NaN or inf, values outside their set (``anchor``: embedding rows, shape (n, d); ``positive``: embedding rows, shape (n, d); ``negative``: embedding rows, shape (n, d)), an unknown ``reduction``, ``margin`` out of range.

    Notes
    -----
    Taught in chapter 5.

    References
    ----------
    .. [1] F. Schroff, D. Kalenichenko, J. Philbin, "FaceNet: A Unified Embedding for Face Recognition and Clustering", CVPR 2015. https://arxiv.org/abs/1503.03832
    """
    a, p, n, d_ap, d_an, m = _triplet_parts(anchor, positive, negative, margin, reduction)
    active = (d_ap - d_an + m > 0)[..., None]

    def unit(diff, dist):
        d = dist[..., None]
        return np.divide(diff, d, out=np.zeros_like(diff), where=d > 0)

    u_ap, u_an = unit(a - p, d_ap), unit(a - n, d_an)
    count = _n_samples(a)
    grads = (active * (u_ap - u_an), active * -u_ap, active * u_an)
    return tuple(v.reduce_grad(g, reduction, count) for g in grads)


def _center_parts(features, labels, centers, reduction):
    x = v.as_array(features, "features")
    c = v.as_array(centers, "centers")
    if x.ndim != 2 or c.ndim != 2 or x.shape[1] != c.shape[1]:
        raise ValueError(f"features (n, d) and centers (C, d) must be 2-D with the same d, got {x.shape} and {c.shape}")
    y = v.as_integer_labels(labels, "labels")
    if y.shape != x.shape[:1]:
        raise ValueError(f"labels must have shape ({x.shape[0]},), one per row of features, got {y.shape}")
    v.class_indices(y, c.shape[0], "labels")
    v.reduction(reduction)
    return x, y, c


@v.keeps_dtype("features")
def center(features, labels, centers, *, reduction="mean"):
    r"""Center loss (中心损失) of Wen et al. (2016): pull each feature to its class centre.

    .. math:: \ell_i = \tfrac12 \lVert \mathbf x_i - \mathbf c_{y_i} \rVert_2^2

    Parameters
    ----------
    features : array_like, shape (n, d)
    labels : array_like of int, shape (n,)
    centers : array_like, shape (C, d)
    reduction : {'mean', 'sum', 'none'}
        The article's :math:`L_c = \tfrac12\sum_i\lVert\cdot\rVert^2` is ``reduction='sum'``.

    Raises
    ------
    TypeError
        Non-numeric input (strings, booleans, objects).
    ValueError
        Shapes that do not match (nothing is broadcast), NaN or inf, values outside their set (``features``: embedding rows, shape (n, d); ``labels``: integer class indices, shape (n,); ``centers``: one centre per class, shape (k, d)), an unknown ``reduction``.

    Notes
    -----
    Taught in chapter 5.

    References
    ----------
    .. [1] Y. Wen, K. Zhang, Z. Li, Y. Qiao, "A Discriminative Feature Learning Approach for Deep Face Recognition", ECCV 2016. https://doi.org/10.1007/978-3-319-46478-7_31

    Examples
    --------
    >>> center([[1.0, 0.0]], [0], [[0.0, 0.0]])
    0.5
    """
    x, y, c = _center_parts(features, labels, centers, reduction)
    return v.reduce(0.5 * ((x - c[y]) ** 2).sum(axis=-1), reduction)


@v.keeps_dtype("features")
def center_grad(features, labels, centers, *, reduction="mean"):
    r"""Gradients of :func:`center` with respect to ``features`` and ``centers`` (a tuple).

    :math:`\partial\ell_i/\partial\mathbf x_i = \mathbf x_i - \mathbf c_{y_i}`; each centre
    receives minus the sum of those of its class.

    Raises
    ------
    TypeError
        Non-numeric input (strings, booleans, objects).
    ValueError
        Shapes that do not match (nothing is broadcast), NaN or inf, values outside their set (``features``: embedding rows, shape (n, d); ``labels``: integer class indices, shape (n,); ``centers``: one centre per class, shape (k, d)), an unknown ``reduction``.

    Notes
    -----
    Taught in chapter 5.

    References
    ----------
    .. [1] Y. Wen, K. Zhang, Z. Li, Y. Qiao, "A Discriminative Feature Learning Approach for Deep Face Recognition", ECCV 2016. https://doi.org/10.1007/978-3-319-46478-7_31
    """
    x, y, c = _center_parts(features, labels, centers, reduction)
    g_x = v.reduce_grad(x - c[y], reduction, x.shape[0])
    g_c = np.zeros_like(c)
    np.add.at(g_c, y, -g_x)
    return g_x, g_c
