"""Properties every loss must have, checked on hypothesis-generated input.

A table of cases gives, for each loss, a strategy for valid input (within range,
so every value is finite) and how many terms ``'mean'`` divides by: elements for
element-wise losses, samples (rows) for losses over a class axis and for metric losses.
"""

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import lossbook as lb

REDUCTIONS = ["mean", "sum", "none"]
shapes = st.sampled_from([(1,), (3,), (2, 3), (2, 2, 2)])
matrix_shapes = st.sampled_from([(1, 2), (3, 2), (2, 4), (2, 2, 3)])
# huge logits, and the range where e^-|z| is subnormal, which is where stability bugs live
special_logits = st.sampled_from([-1e4, -745.0, -740.0, -709.0, -40.0, 0.0, 40.0, 709.0, 740.0, 745.0, 1e4])
logits = st.one_of(st.floats(-1e4, 1e4), special_logits)
targets01 = st.one_of(st.sampled_from([0.0, 1.0]), st.floats(0, 1))
signs = st.sampled_from([-1.0, 1.0])


def arr(draw, shape, elements):
    return draw(arrays(np.float64, shape, elements=elements))


def rows(draw, shape, low=0.0):
    """Probability rows along the last axis; ``low > 0`` keeps every entry positive."""
    raw = arr(draw, shape, st.floats(low, 1))
    assume(np.all(raw.sum(axis=-1) > 1e-3))
    return raw / raw.sum(axis=-1, keepdims=True)


def class_target(draw, shape):
    if draw(st.booleans()):
        return draw(arrays(np.int64, shape[:-1], elements=st.integers(0, shape[-1] - 1)))
    return rows(draw, shape)


def elements(x):
    return x.size


def samples(x):
    return x.size // x.shape[-1]


# Each case draws (args, kwargs) for ``loss(*args, **kwargs)``; ``count`` is applied to args[1].
@st.composite
def regression(draw):
    shape = draw(shapes)
    return (arr(draw, shape, st.floats(-100, 100)), arr(draw, shape, st.floats(-100, 100))), {}


@st.composite
def huber_input(draw):
    args, _ = draw(regression())
    return args, {"delta": draw(st.floats(0.01, 10))}


@st.composite
def vectors(draw):
    shape = draw(matrix_shapes)
    return (arr(draw, shape, st.floats(-100, 100)), arr(draw, shape, st.floats(-100, 100))), {}


@st.composite
def probabilities(draw):
    shape = draw(shapes)
    return (arr(draw, shape, targets01), arr(draw, shape, st.floats(0, 1))), {}


@st.composite
def binary_logits(draw):
    shape = draw(shapes)
    kwargs = {}
    if draw(st.booleans()):
        kwargs["pos_weight"] = draw(st.floats(0, 10))
    return (arr(draw, shape, targets01), arr(draw, shape, logits)), kwargs


@st.composite
def focal_input(draw):
    shape = draw(shapes)
    kwargs = {"alpha": draw(st.one_of(st.none(), st.floats(0, 1))), "gamma": draw(st.floats(0, 5))}
    return (arr(draw, shape, targets01), arr(draw, shape, logits)), kwargs


@st.composite
def margin_input(draw, score_range=100.0, with_margin=True):
    shape = draw(shapes)
    kwargs = {"margin": draw(st.floats(0, 5))} if with_margin else {}
    return (arr(draw, shape, signs), arr(draw, shape, st.floats(-score_range, score_range))), kwargs


@st.composite
def class_logits(draw):
    shape = draw(matrix_shapes)
    return (class_target(draw, shape), arr(draw, shape, logits)), {}


@st.composite
def class_probabilities(draw):
    shape = draw(matrix_shapes)
    return (class_target(draw, shape), rows(draw, shape)), {}


@st.composite
def two_distributions(draw):
    """p may contain zeros; q is positive, so KL and cross-entropy are finite."""
    shape = draw(st.sampled_from([(2,), (4,), (3, 2), (2, 2, 3)]))
    return (rows(draw, shape), rows(draw, shape, low=0.01)), {}


@st.composite
def pairs_of_embeddings(draw):
    shape = draw(st.sampled_from([(2,), (1, 3), (4, 2)]))
    h1, h2 = arr(draw, shape, st.floats(-10, 10)), arr(draw, shape, st.floats(-10, 10))
    return (h1, h2, arr(draw, shape[:-1], targets01)), {"margin": draw(st.floats(0, 5))}


@st.composite
def triplets(draw):
    shape = draw(st.sampled_from([(2,), (1, 3), (4, 2)]))
    return tuple(arr(draw, shape, st.floats(-10, 10)) for _ in range(3)), {"margin": draw(st.floats(0, 5))}


@st.composite
def center_input(draw):
    n, c = draw(st.integers(1, 5)), draw(st.integers(1, 3))
    labels = draw(arrays(np.int64, n, elements=st.integers(0, c - 1)))
    return (arr(draw, (n, 2), st.floats(-10, 10)), labels, arr(draw, (c, 2), st.floats(-10, 10))), {}


def case(loss, grad, strategy, count, id):
    return pytest.param(loss, grad, strategy, count, id=id)


def center_count(x):
    return x.shape[0] if x.ndim == 2 else 1


CASES = [
    case(lb.mse, lb.mse_grad, regression(), elements, "mse"),
    case(lb.mae, lb.mae_grad, regression(), elements, "mae"),
    case(lb.huber, lb.huber_grad, huber_input(), elements, "huber"),
    case(lb.log_cosh, lb.log_cosh_grad, regression(), elements, "log_cosh"),
    case(lb.euclidean, lb.euclidean_grad, vectors(), samples, "euclidean"),
    case(lb.binary_cross_entropy, lb.binary_cross_entropy_grad, probabilities(), elements, "bce"),
    case(lb.binary_cross_entropy_with_logits, lb.binary_cross_entropy_with_logits_grad, binary_logits(), elements, "bce_logits"),
    case(lb.focal, lb.focal_grad, focal_input(), elements, "focal"),
    case(lb.hinge, lb.hinge_grad, margin_input(), elements, "hinge"),
    case(lb.exponential, lb.exponential_grad, margin_input(score_range=50.0, with_margin=False), elements, "exponential"),
    case(lb.cross_entropy, lb.cross_entropy_grad, class_logits(), samples, "cross_entropy"),
    case(lb.categorical_cross_entropy, lb.categorical_cross_entropy_grad, class_probabilities(), samples, "cce"),
    case(lb.cross_entropy_pq, lb.cross_entropy_pq_grad, two_distributions(), samples, "cross_entropy_pq"),
    case(lb.kl_divergence, lb.kl_divergence_grad, two_distributions(), samples, "kl"),
    case(lb.js_divergence, lb.js_divergence_grad, two_distributions(), samples, "js"),
    case(lb.contrastive, lb.contrastive_grad, pairs_of_embeddings(), samples, "contrastive"),
    case(lb.triplet, lb.triplet_grad, triplets(), samples, "triplet"),
    case(lb.center, lb.center_grad, center_input(), center_count, "center"),
]


def as_tuple(g):
    return g if isinstance(g, tuple) else (g,)


@pytest.mark.parametrize("loss, grad, strategy, count", CASES)
@given(data=st.data())
def test_loss_is_non_negative_and_finite(loss, grad, strategy, count, data):
    args, kwargs = data.draw(strategy)
    values = loss(*args, reduction="none", **kwargs)
    assert np.all(np.isfinite(values))
    # KL and JS are >= 0 in exact arithmetic; allow rounding in the last digits
    assert np.all(values >= (-1e-12 if loss in (lb.kl_divergence, lb.js_divergence) else 0.0))


@pytest.mark.parametrize("loss, grad, strategy, count", CASES)
@given(data=st.data())
def test_grad_is_finite_and_shaped_like_its_input(loss, grad, strategy, count, data):
    args, kwargs = data.draw(strategy)
    for r in REDUCTIONS:
        grads = as_tuple(grad(*args, reduction=r, **kwargs))
        for g in grads:
            assert np.all(np.isfinite(g))
        # the prediction argument (or each embedding argument) has its gradient's shape
        inputs = [a for a in args if np.asarray(a).dtype.kind == "f"][-len(grads):]
        if loss is lb.center:
            inputs = [args[0], args[2]]
        elif loss is lb.contrastive:
            inputs = list(args[:2])
        assert [g.shape for g in grads] == [np.shape(a) for a in inputs]


@pytest.mark.parametrize("loss, grad, strategy, count", CASES)
@given(data=st.data())
def test_reductions_are_consistent(loss, grad, strategy, count, data):
    args, kwargs = data.draw(strategy)
    none = loss(*args, reduction="none", **kwargs)
    n = count(np.asarray(args[1] if loss is not lb.center else args[0], dtype=float))
    assert np.size(none) == n
    assert loss(*args, reduction="sum", **kwargs) == pytest.approx(np.sum(none), rel=1e-12, abs=1e-12)
    assert loss(*args, reduction="mean", **kwargs) == pytest.approx(np.sum(none) / n, rel=1e-12, abs=1e-12)
    g_none = as_tuple(grad(*args, reduction="none", **kwargs))
    g_sum = as_tuple(grad(*args, reduction="sum", **kwargs))
    g_mean = as_tuple(grad(*args, reduction="mean", **kwargs))
    for gn, gs, gm in zip(g_none, g_sum, g_mean):
        np.testing.assert_allclose(gs, gn, rtol=1e-12)
        np.testing.assert_allclose(gm, gn / n, rtol=1e-12, atol=1e-300)


# --- bounds and zeros ----------------------------------------------------------------------


@given(data=two_distributions())
def test_js_is_at_most_ln2(data):
    (p, q), _ = data
    assert np.all(lb.js_divergence(p, q, reduction="none") <= np.log(2) + 1e-12)


def test_js_is_ln2_for_disjoint_supports():
    assert lb.js_divergence([0.5, 0.5, 0.0, 0.0], [0.0, 0.0, 0.3, 0.7]) == pytest.approx(np.log(2), rel=1e-12)


@given(u=arrays(np.float64, st.integers(1, 8), elements=st.floats(-100, 100)),
       v=arrays(np.float64, st.integers(1, 8), elements=st.floats(-100, 100)))
def test_wasserstein_is_non_negative_and_zero_on_itself(u, v):
    assert lb.wasserstein_1d(u, v) >= 0
    assert lb.wasserstein_1d(u, u) == 0
    assert lb.wasserstein_1d(u, v) == pytest.approx(lb.wasserstein_1d(v, u), rel=1e-12, abs=1e-12)


@pytest.mark.parametrize("loss", [lb.mse, lb.mae, lb.huber, lb.log_cosh, lb.euclidean])
@given(data=vectors())
def test_zero_at_perfect_prediction(loss, data):
    (y, _), _ = data
    assert loss(y, y, reduction="sum") == 0


@pytest.mark.parametrize("loss", [lb.kl_divergence, lb.js_divergence])
@given(data=two_distributions())
def test_divergence_of_a_distribution_from_itself_is_zero(loss, data):
    (p, _), _ = data
    assert loss(p, p, reduction="sum") == 0


@given(data=margin_input())
def test_hinge_is_zero_beyond_the_margin(data):
    (y, s), kw = data
    scores = y * (kw["margin"] + np.abs(s))  # y·s >= margin everywhere
    assert lb.hinge(y, scores, reduction="sum", **kw) == 0
    assert np.all(lb.hinge_grad(y, scores, reduction="none", **kw) == 0)


@given(data=triplets(), extra=st.floats(0, 5))
def test_triplet_is_zero_when_the_negative_is_far_enough(data, extra):
    (a, p, n), kw = data
    direction = n - a
    norm = np.linalg.norm(direction, axis=-1, keepdims=True)
    assume(np.all(norm > 1e-3))
    d_ap = np.linalg.norm(a - p, axis=-1, keepdims=True)
    far = a + direction / norm * (d_ap + kw["margin"] + extra + 1e-9)  # d(a, n) >= d(a, p) + margin
    assert lb.triplet(a, p, far, reduction="sum", **kw) == 0


# --- stability at huge logits ------------------------------------------------------------------


@given(z=arrays(np.float64, st.sampled_from([(1, 2), (3, 4), (2, 2, 3)]), elements=logits))
def test_activations_are_finite_for_huge_logits(z):
    s = lb.sigmoid(z)
    assert np.all((s >= 0) & (s <= 1))
    assert np.all(np.isfinite(lb.log_sigmoid(z)) & (lb.log_sigmoid(z) <= 0))
    sm = lb.softmax(z)
    assert np.all(np.isfinite(sm))
    np.testing.assert_allclose(sm.sum(axis=-1), 1.0, rtol=1e-12)
    assert np.all(np.isfinite(lb.log_softmax(z)) & (lb.log_softmax(z) <= 0))


@pytest.mark.parametrize("z", [-1e4, -745.0, -740.0, -709.0, 0.0, 709.0, 740.0, 745.0, 1e4])
@pytest.mark.parametrize("y", [0.0, 0.5, 1.0])
@pytest.mark.parametrize("alpha, gamma", [(None, 0.0), (None, 0.01), (0.25, 0.5), (0.25, 2.0)])
def test_focal_is_finite_for_huge_logits(z, y, alpha, gamma):
    kw = dict(alpha=alpha, gamma=gamma)
    assert np.isfinite(lb.focal([y], [z], **kw))
    assert np.all(np.isfinite(lb.focal_grad([y], [z], **kw)))


@pytest.mark.parametrize("z, y", [(1e4, 1.0), (-1e4, 0.0), (1e4, 0.0), (-1e4, 1.0)])
def test_binary_cross_entropy_with_logits_exact_at_huge_logits(z, y):
    expected = 0.0 if (z > 0) == (y == 1) else abs(z)  # -ln σ(±z) = ln(1 + e^{∓z})
    assert lb.binary_cross_entropy_with_logits([y], [z]) == expected
    assert lb.binary_cross_entropy_with_logits_grad([y], [z]) == (1.0 if z > 0 else 0.0) - y


# --- symmetries and identities ------------------------------------------------------------------


@pytest.mark.parametrize("loss, grad", [(lb.mse, lb.mse_grad), (lb.mae, lb.mae_grad),
                                        (lb.huber, lb.huber_grad), (lb.log_cosh, lb.log_cosh_grad)])
@given(data=regression())
def test_regression_losses_are_symmetric_in_the_error(loss, grad, data):
    (y, yhat), _ = data
    np.testing.assert_array_equal(loss(y, yhat, reduction="none"), loss(yhat, y, reduction="none"))
    np.testing.assert_array_equal(grad(y, yhat, reduction="none"), -grad(yhat, y, reduction="none"))


@given(data=two_distributions())
def test_cross_entropy_is_entropy_plus_kl(data):
    (p, q), _ = data
    np.testing.assert_allclose(lb.cross_entropy_pq(p, q, reduction="none"),
                               lb.entropy(p) + lb.kl_divergence(p, q, reduction="none"), rtol=1e-10, atol=1e-12)


@given(data=st.data(), shape=matrix_shapes)
def test_softmax_cross_entropy_is_entropy_plus_kl(data, shape):
    p = rows(data.draw, shape)
    z = arr(data.draw, shape, st.floats(-20, 20))
    np.testing.assert_allclose(lb.cross_entropy(p, z, reduction="none"),
                               lb.entropy(p) + lb.kl_divergence(p, lb.softmax(z), reduction="none"),
                               rtol=1e-9, atol=1e-12)


@given(data=st.data(), shape=shapes, reduction=st.sampled_from(REDUCTIONS))
def test_focal_without_focusing_is_bce_with_logits(data, shape, reduction):
    y, z = arr(data.draw, shape, targets01), arr(data.draw, shape, logits)
    kw = dict(alpha=None, gamma=0.0, reduction=reduction)
    np.testing.assert_allclose(lb.focal(y, z, **kw), lb.binary_cross_entropy_with_logits(y, z, reduction=reduction),
                               rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(lb.focal_grad(y, z, **kw),
                               lb.binary_cross_entropy_with_logits_grad(y, z, reduction=reduction), rtol=1e-12)


@given(data=st.data(), n=st.integers(1, 8))
def test_wasserstein_equal_sizes_is_mean_sorted_distance(data, n):
    u = data.draw(arrays(np.float64, n, elements=st.floats(-100, 100)))
    v = data.draw(arrays(np.float64, n, elements=st.floats(-100, 100)))
    brute = np.mean(np.abs(np.sort(u) - np.sort(v)))
    assert lb.wasserstein_1d(u, v) == pytest.approx(brute, rel=1e-9, abs=1e-9)


@pytest.mark.parametrize("loss", [lb.cross_entropy, lb.cross_entropy_grad])
@given(data=st.data(), shape=matrix_shapes, reduction=st.sampled_from(REDUCTIONS))
def test_index_targets_equal_one_hot_rows_logits(loss, data, shape, reduction):
    labels = data.draw(arrays(np.int64, shape[:-1], elements=st.integers(0, shape[-1] - 1)))
    z = arr(data.draw, shape, logits)
    np.testing.assert_array_equal(loss(labels, z, reduction=reduction),
                                  loss(lb.one_hot(labels.ravel(), shape[-1]).reshape(shape), z, reduction=reduction))


@pytest.mark.parametrize("loss", [lb.categorical_cross_entropy, lb.categorical_cross_entropy_grad])
@given(data=st.data(), shape=matrix_shapes, reduction=st.sampled_from(REDUCTIONS))
def test_index_targets_equal_one_hot_rows_probabilities(loss, data, shape, reduction):
    labels = data.draw(arrays(np.int64, shape[:-1], elements=st.integers(0, shape[-1] - 1)))
    q = rows(data.draw, shape)
    np.testing.assert_array_equal(loss(labels, q, reduction=reduction),
                                  loss(lb.one_hot(labels.ravel(), shape[-1]).reshape(shape), q, reduction=reduction))


@given(labels=arrays(np.int64, st.integers(1, 6), elements=st.integers(0, 3)))
def test_one_hot_round_trip(labels):
    np.testing.assert_array_equal(lb.from_one_hot(lb.one_hot(labels, 4)), labels)


def test_cases_cover_every_registered_loss_with_a_reduction():
    """The hypothesis strategies above are per loss; a registered loss without one fails here."""
    covered = {p.values[0] for p in CASES}
    expected = {s.loss for s in lb.registry.LOSSES.values() if s.grad is not None and s.reduces_over}
    assert expected <= covered, sorted(s.__name__ for s in expected - covered)
