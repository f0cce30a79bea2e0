"""Every ``_grad`` against 4th-order central finite differences, away from kinks; plus the kinks.

The finite difference of a scalar function f along coordinate i is
(f(x-2h) - 8 f(x-h) + 8 f(x+h) - f(x+2h)) / 12h. For ``reduction='none'`` the
``_grad`` returns element-wise derivatives, i.e. the gradient of the summed losses,
so f is always ``np.sum(loss(..., reduction=r))``.
"""

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import lossbook as lb

REDUCTIONS = ["mean", "sum", "none"]
H = 1e-4  # kinks are kept at least 1e-3 away, more than the 2h the stencil reaches
H_SIMPLEX = 1e-7  # probability rows may be off 1 by 1e-6, so stay within that
reductions = st.sampled_from(REDUCTIONS)
fast = settings(max_examples=30, deadline=None)


def numeric_grad(f, x, h=H):
    """4th-order central differences of the scalar function ``f`` at ``x``, coordinate by coordinate."""
    x = np.asarray(x, dtype=np.float64)
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        def at(k):
            xk = x.copy()
            xk[i] += k * h
            return f(xk)
        grad[i] = (at(-2) - 8 * at(-1) + 8 * at(1) - at(2)) / (12 * h)
    return grad


def assert_grad(analytic, f, x, h=H, rtol=1e-6, atol=1e-8):
    np.testing.assert_allclose(analytic, numeric_grad(f, x, h), rtol=rtol, atol=atol)


def total(loss, *args, **kwargs):
    """The reduced loss as one number (the sum of the per-element losses for 'none')."""
    return float(np.sum(loss(*args, **kwargs)))


# --- strategies -----------------------------------------------------------------------------

shapes = st.sampled_from([(1,), (4,), (2, 3), (3, 2, 2)])
matrix_shapes = st.sampled_from([(1, 2), (3, 2), (4, 3), (2, 5)])
moderate = st.floats(-5, 5, allow_nan=False)


@st.composite
def pairs(draw, shape_strategy=shapes, elements=moderate):
    shape = draw(shape_strategy)
    return draw(arrays(np.float64, shape, elements=elements)), draw(arrays(np.float64, shape, elements=elements))


@st.composite
def distributions(draw, shape):
    """Probability rows along the last axis with every entry in (0.02, 0.98)."""
    raw = draw(arrays(np.float64, shape, elements=st.floats(1, 10)))
    rows = raw / raw.sum(axis=-1, keepdims=True)
    assume(np.all((rows > 0.02) & (rows < 0.98)))
    return rows


# --- regression -----------------------------------------------------------------------------


@fast
@given(data=pairs(), reduction=reductions)
def test_mse_grad(data, reduction):
    y, yhat = data
    assert_grad(lb.mse_grad(y, yhat, reduction=reduction), lambda p: total(lb.mse, y, p, reduction=reduction), yhat)


@fast
@given(data=pairs(), reduction=reductions)
def test_mae_grad(data, reduction):
    y, yhat = data
    assume(np.all(np.abs(yhat - y) > 1e-3))
    assert_grad(lb.mae_grad(y, yhat, reduction=reduction), lambda p: total(lb.mae, y, p, reduction=reduction), yhat)


@fast
@given(data=pairs(), reduction=reductions, delta=st.floats(0.05, 4))
def test_huber_grad(data, reduction, delta):
    y, yhat = data
    assume(np.all(np.abs(np.abs(yhat - y) - delta) > 1e-3))
    assert_grad(lb.huber_grad(y, yhat, reduction=reduction, delta=delta),
                lambda p: total(lb.huber, y, p, reduction=reduction, delta=delta), yhat)


@fast
@given(data=pairs(), reduction=reductions)
def test_log_cosh_grad(data, reduction):
    y, yhat = data
    assert_grad(lb.log_cosh_grad(y, yhat, reduction=reduction),
                lambda p: total(lb.log_cosh, y, p, reduction=reduction), yhat)


@fast
@given(data=pairs(st.sampled_from([(3,), (1, 2), (4, 3), (2, 2, 3)])), reduction=reductions)
def test_euclidean_grad(data, reduction):
    y, yhat = data
    assume(np.all(np.linalg.norm(yhat - y, axis=-1) > 1e-3))
    assert_grad(lb.euclidean_grad(y, yhat, reduction=reduction),
                lambda p: total(lb.euclidean, y, p, reduction=reduction), yhat)


# --- binary classification --------------------------------------------------------------------

soft_targets = st.floats(0, 1)


@st.composite
def binary_data(draw, elements):
    shape = draw(shapes)
    y = draw(arrays(np.float64, shape, elements=st.one_of(st.sampled_from([0.0, 1.0]), soft_targets)))
    return y, draw(arrays(np.float64, shape, elements=elements))


@fast
@given(data=binary_data(st.floats(0.02, 0.98)), reduction=reductions)
def test_binary_cross_entropy_grad(data, reduction):
    y, prob = data
    assert_grad(lb.binary_cross_entropy_grad(y, prob, reduction=reduction),
                lambda p: total(lb.binary_cross_entropy, y, p, reduction=reduction), prob)


@fast
@given(data=binary_data(moderate), reduction=reductions,
       pos_weight=st.one_of(st.none(), st.floats(0, 5)))
def test_binary_cross_entropy_with_logits_grad(data, reduction, pos_weight):
    y, z = data
    kw = dict(reduction=reduction, pos_weight=pos_weight)
    assert_grad(lb.binary_cross_entropy_with_logits_grad(y, z, **kw),
                lambda p: total(lb.binary_cross_entropy_with_logits, y, p, **kw), z)


@fast
@given(data=binary_data(moderate), reduction=reductions,
       alpha=st.one_of(st.none(), st.floats(0, 1)), gamma=st.floats(0, 5))
def test_focal_grad(data, reduction, alpha, gamma):
    y, z = data
    kw = dict(reduction=reduction, alpha=alpha, gamma=gamma)
    assert_grad(lb.focal_grad(y, z, **kw), lambda p: total(lb.focal, y, p, **kw), z)


@st.composite
def signed_data(draw):
    shape = draw(shapes)
    y = draw(arrays(np.float64, shape, elements=st.sampled_from([-1.0, 1.0])))
    return y, draw(arrays(np.float64, shape, elements=moderate))


@fast
@given(data=signed_data(), reduction=reductions, margin=st.floats(0, 3))
def test_hinge_grad(data, reduction, margin):
    y, s = data
    assume(np.all(np.abs(margin - y * s) > 1e-3))
    assert_grad(lb.hinge_grad(y, s, reduction=reduction, margin=margin),
                lambda p: total(lb.hinge, y, p, reduction=reduction, margin=margin), s)


@fast
@given(data=signed_data(), reduction=reductions)
def test_exponential_grad(data, reduction):
    y, s = data
    assert_grad(lb.exponential_grad(y, s, reduction=reduction),
                lambda p: total(lb.exponential, y, p, reduction=reduction), s, rtol=1e-6, atol=1e-7)


# --- multi-class ------------------------------------------------------------------------------


@st.composite
def class_targets(draw, shape):
    """Index targets of shape ``shape[:-1]`` or probability rows of shape ``shape``."""
    if draw(st.booleans()):
        return draw(arrays(np.int64, shape[:-1], elements=st.integers(0, shape[-1] - 1)))
    raw = draw(arrays(np.float64, shape, elements=st.floats(0, 1)))
    assume(np.all(raw.sum(axis=-1) > 0.1))
    return raw / raw.sum(axis=-1, keepdims=True)


@fast
@given(data=st.data(), shape=matrix_shapes, reduction=reductions)
def test_cross_entropy_grad(data, shape, reduction):
    y = data.draw(class_targets(shape))
    z = data.draw(arrays(np.float64, shape, elements=moderate))
    assert_grad(lb.cross_entropy_grad(y, z, reduction=reduction),
                lambda p: total(lb.cross_entropy, y, p, reduction=reduction), z)


@fast
@given(data=st.data(), shape=matrix_shapes, reduction=reductions)
def test_categorical_cross_entropy_grad(data, shape, reduction):
    y = data.draw(class_targets(shape))
    q = data.draw(distributions(shape))
    assert_grad(lb.categorical_cross_entropy_grad(y, q, reduction=reduction),
                lambda p: total(lb.categorical_cross_entropy, y, p, reduction=reduction), q,
                h=H_SIMPLEX, rtol=1e-5, atol=1e-6)


# --- information: gradients with respect to q ------------------------------------------------


@fast
@pytest.mark.parametrize(
    "loss, grad",
    [(lb.cross_entropy_pq, lb.cross_entropy_pq_grad),
     (lb.kl_divergence, lb.kl_divergence_grad),
     (lb.js_divergence, lb.js_divergence_grad)],
    ids=["cross_entropy_pq", "kl", "js"],
)
@given(data=st.data(), shape=st.sampled_from([(2,), (4,), (3, 2), (2, 4)]), reduction=reductions)
def test_information_grad(loss, grad, data, shape, reduction):
    p = data.draw(distributions(shape))
    q = data.draw(distributions(shape))
    assert_grad(grad(p, q, reduction=reduction), lambda x: total(loss, p, x, reduction=reduction), q,
                h=H_SIMPLEX, rtol=1e-5, atol=1e-6)


@fast
@given(data=st.data(), n=st.integers(1, 6))
def test_wasserstein_1d_grad(data, n):
    u = data.draw(arrays(np.float64, n, elements=moderate, unique=True))
    v = data.draw(arrays(np.float64, n, elements=moderate))
    su = np.sort(u)
    assume(np.all(np.diff(su) > 1e-3))  # no near-ties in u: the sorted pairing stays put
    assume(np.all(np.abs(su - np.sort(v)) > 1e-3))
    assert_grad(lb.wasserstein_1d_grad(u, v), lambda x: lb.wasserstein_1d(x, v), u)


# --- metric learning ---------------------------------------------------------------------------

embedding_shapes = st.sampled_from([(2,), (1, 3), (4, 2), (3, 3)])


@fast
@given(data=st.data(), shape=embedding_shapes, reduction=reductions, margin=st.floats(0, 4))
def test_contrastive_grad(data, shape, reduction, margin):
    h1 = data.draw(arrays(np.float64, shape, elements=st.floats(-2, 2)))
    h2 = data.draw(arrays(np.float64, shape, elements=st.floats(-2, 2)))
    similar = data.draw(arrays(np.float64, shape[:-1], elements=st.sampled_from([0.0, 1.0])))
    d = np.linalg.norm(h1 - h2, axis=-1)
    assume(np.all((d > 5e-2) & (np.abs(d - margin) > 1e-3)))  # see test_triplet_grad
    kw = dict(margin=margin, reduction=reduction)
    g1, g2 = lb.contrastive_grad(h1, h2, similar, **kw)
    assert_grad(g1, lambda x: total(lb.contrastive, x, h2, similar, **kw), h1)
    assert_grad(g2, lambda x: total(lb.contrastive, h1, x, similar, **kw), h2)


@fast
@given(data=st.data(), shape=embedding_shapes, reduction=reductions, margin=st.floats(0, 3))
def test_triplet_grad(data, shape, reduction, margin):
    a, p, n = (data.draw(arrays(np.float64, shape, elements=st.floats(-2, 2))) for _ in range(3))
    d_ap, d_an = np.linalg.norm(a - p, axis=-1), np.linalg.norm(a - n, axis=-1)
    # distances >= 0.05: the norm's curvature ~1/d keeps the stencil's O(h^4/d^4) error below the tolerance
    assume(np.all((d_ap > 5e-2) & (d_an > 5e-2) & (np.abs(d_ap - d_an + margin) > 1e-3)))
    kw = dict(margin=margin, reduction=reduction)
    g_a, g_p, g_n = lb.triplet_grad(a, p, n, **kw)
    assert_grad(g_a, lambda x: total(lb.triplet, x, p, n, **kw), a)
    assert_grad(g_p, lambda x: total(lb.triplet, a, x, n, **kw), p)
    assert_grad(g_n, lambda x: total(lb.triplet, a, p, x, **kw), n)


@fast
@given(data=st.data(), n=st.integers(1, 5), c=st.integers(1, 3), reduction=reductions)
def test_center_grad(data, n, c, reduction):
    x = data.draw(arrays(np.float64, (n, 2), elements=moderate))
    centers = data.draw(arrays(np.float64, (c, 2), elements=moderate))
    labels = data.draw(arrays(np.int64, n, elements=st.integers(0, c - 1)))
    g_x, g_c = lb.center_grad(x, labels, centers, reduction=reduction)
    assert_grad(g_x, lambda f: total(lb.center, f, labels, centers, reduction=reduction), x)
    assert_grad(g_c, lambda cc: total(lb.center, x, labels, cc, reduction=reduction), centers)


# --- documented values at the kinks -------------------------------------------------------------


def test_mae_grad_at_zero_error_is_zero():
    np.testing.assert_array_equal(lb.mae_grad([1.0, 2.0, 3.0], [1.0, 2.5, 3.0], reduction="none"), [0.0, 1.0, 0.0])


@pytest.mark.parametrize("margin", [0.0, 1.0, 2.0])
def test_hinge_grad_at_margin_is_zero(margin):
    y = np.array([1.0, -1.0])
    np.testing.assert_array_equal(lb.hinge_grad(y, margin * y, margin=margin, reduction="none"), [0.0, 0.0])


@pytest.mark.parametrize("shape", [(3,), (2, 3)])
def test_euclidean_grad_at_zero_error_is_zero_vector(shape):
    y = np.arange(np.prod(shape), dtype=float).reshape(shape)
    np.testing.assert_array_equal(lb.euclidean_grad(y, y), np.zeros(shape))


@pytest.mark.parametrize("delta", [0.5, 1.0, 2.0])
def test_huber_grad_at_delta(delta):
    y = np.zeros(2)
    np.testing.assert_array_equal(lb.huber_grad(y, [delta, -delta], delta=delta, reduction="none"), [delta, -delta])


def test_contrastive_grad_dissimilar_pair_at_zero_distance_is_zero():
    h = np.array([[0.3, -0.7]])
    g1, g2 = lb.contrastive_grad(h, h, [0.0], margin=1.0)
    np.testing.assert_array_equal(g1, np.zeros_like(h))
    np.testing.assert_array_equal(g2, np.zeros_like(h))


def test_triplet_grad_inactive_is_zero():
    # d(a, p) - d(a, n) + margin = 1 - 3 + 1 < 0: the triplet costs nothing and moves nothing
    grads = lb.triplet_grad([[0.0, 0.0]], [[1.0, 0.0]], [[3.0, 0.0]], margin=1.0)
    for g in grads:
        np.testing.assert_array_equal(g, [[0.0, 0.0]])
