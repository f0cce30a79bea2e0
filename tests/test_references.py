"""Every registered loss and gradient against an independent implementation, generated from the registry.

``REFERENCES[name](args, kwargs, reduction)`` returns the reference value and the reference
gradients (one per ``grad_wrt`` argument; for ``reduction='none'`` the gradient of the sum).
A registered loss without an entry here fails ``test_every_loss_has_a_reference``.

Provenance: written against torch 2.13.0+cpu (float64 tensors, autograd), scipy 1.17.1 and
scikit-learn 1.9.1; the expected values are computed by those libraries when the test runs,
not copied. Where no library has the loss (log-cosh, contrastive, center, focal), the
reference is the formula of the cited paper written in torch, differentiated by autograd,
so the gradient is never lossbook's hand-derived one. wasserstein_1d's gradient is the
central finite difference of scipy's value.
"""

import numpy as np
import pytest

from lossbook.registry import LOSSES

from registry_inputs import draw_args, hyper_variants

# The references are imported when the first test runs, not when the module is collected:
# torch, scipy and scikit-learn cost every pytest process (each xdist worker collects every
# file) about 3-4 CPU-s
torch = scipy_special = scipy_stats = scipy_distance = sk_metrics = sk_loss = F = None


@pytest.fixture(scope="module", autouse=True)
def _import_references():
    global torch, scipy_special, scipy_stats, scipy_distance, sk_metrics, sk_loss, F
    torch = pytest.importorskip("torch", reason="PyTorch is a test-only reference and is not installed: pip install torch==2.13.0 (for the CPU build on Linux add --index-url https://download.pytorch.org/whl/cpu)")
    scipy_special = pytest.importorskip("scipy.special")
    scipy_stats = pytest.importorskip("scipy.stats")
    scipy_distance = pytest.importorskip("scipy.spatial.distance")
    sk_metrics = pytest.importorskip("sklearn.metrics")
    sk_loss = pytest.importorskip("sklearn._loss.loss")
    F = torch.nn.functional

TOL = dict(rtol=1e-10, atol=1e-12)


def t(a, grad=False):
    return torch.tensor(np.asarray(a, dtype=np.float64), requires_grad=grad)


def reduce_t(x, reduction):
    return {"mean": x.mean, "sum": x.sum, "none": lambda: x}[reduction]()


def autograd(fn, args, wrt):
    """Run ``fn`` on torch tensors of ``args``; return its value and the gradients of its sum w.r.t. ``wrt``."""
    leaves = {i: t(args[i], grad=True) for i in wrt}
    inputs = [leaves.get(i, args[i]) for i in range(len(args))]
    out = fn(*inputs)
    grads = torch.autograd.grad(out.sum(), [leaves[i] for i in wrt]) if wrt else []
    return out.detach().numpy(), [g.numpy() for g in grads]


def elementwise(torch_fn):
    """Reference for an element-wise (y_true, prediction) loss given by a torch function of (pred, target)."""
    def ref(args, kwargs, reduction):
        y = t(args[0])
        return autograd(lambda y_t, p: torch_fn(p, y, reduction, **kwargs), args, [1])
    return ref


def _huber(p, y, reduction, delta=1.0):
    return F.huber_loss(p, y, reduction=reduction, delta=delta)


def _log_cosh(p, y, reduction):
    # tensorflow.keras.losses.log_cosh's formula, x + softplus(-2x) - log 2, written in torch
    x = p - y
    return reduce_t(x + F.softplus(-2.0 * x) - np.log(2.0), reduction)


def _euclidean(args, kwargs, reduction):
    value, grads = autograd(lambda y, p: reduce_t(torch.linalg.vector_norm(p - y, dim=-1), reduction), [t(args[0]), args[1]], [1])
    # and scipy for the per-row values
    rows = [scipy_distance.euclidean(a, b) for a, b in zip(args[0], args[1])]
    expected = {"none": rows, "sum": np.sum(rows), "mean": np.mean(rows)}[reduction]
    np.testing.assert_allclose(value, expected, **TOL)
    return value, grads


def _bce(args, kwargs, reduction):
    value, grads = autograd(lambda y, p: F.binary_cross_entropy(p, y, reduction=reduction), [t(args[0]), args[1]], [1])
    if reduction == "mean" and set(np.unique(args[0])) <= {0.0, 1.0}:
        # scikit-learn: the mean log loss of hard labels (one binary problem per element)
        y, p = args[0].ravel(), args[1].ravel()
        np.testing.assert_allclose(value, sk_metrics.log_loss(y, p, labels=[0, 1]), rtol=1e-12)
    return value, grads


def _bce_logits(args, kwargs, reduction):
    pw = kwargs.get("pos_weight")
    pw = None if pw is None else t(pw)
    return autograd(lambda y, z: F.binary_cross_entropy_with_logits(z, y, reduction=reduction, pos_weight=pw),
                    [t(args[0]), args[1]], [1])


def _focal(args, kwargs, reduction):
    alpha, gamma = kwargs.get("alpha", 0.25), kwargs.get("gamma", 2.0)

    def sigmoid_focal_loss(y, z):  # torchvision.ops.sigmoid_focal_loss (v0.20), transcribed
        p = torch.sigmoid(z)
        ce = F.binary_cross_entropy_with_logits(z, y, reduction="none")
        p_t = p * y + (1 - p) * (1 - y)
        loss = ce * ((1 - p_t) ** gamma)
        if alpha is not None:
            loss = (alpha * y + (1 - alpha) * (1 - y)) * loss
        return reduce_t(loss, reduction)
    return autograd(sigmoid_focal_loss, [t(args[0]), args[1]], [1])


def _hinge(args, kwargs, reduction):
    margin = kwargs.get("margin", 1.0)
    value, grads = autograd(lambda y, s: reduce_t(torch.clamp(margin - y * s, min=0), reduction), [t(args[0]), args[1]], [1])
    if reduction == "mean" and margin == 1.0:
        np.testing.assert_allclose(value, sk_metrics.hinge_loss(args[0].ravel(), args[1].ravel()), rtol=1e-12)
    return value, grads


def _exponential(args, kwargs, reduction):
    # scikit-learn's ExponentialLoss takes y in {0, 1}: y·e^{-s} + (1 - y)·e^{s} = e^{-(2y - 1)s}
    y01 = ((args[0] + 1) / 2).ravel()
    raw = np.ascontiguousarray(args[1].ravel())
    loss = sk_loss.ExponentialLoss()
    per, grad = loss.loss(y01, raw), loss.gradient(y01, raw)
    shape = args[1].shape
    value = {"none": per.reshape(shape), "sum": per.sum(), "mean": per.mean()}[reduction]
    grad = grad.reshape(shape) / (args[1].size if reduction == "mean" else 1)
    return value, [grad]


def _zero_one(args, kwargs, reduction):
    y, p = args[0].ravel(), args[1].ravel()
    if reduction == "none":
        return (args[0] != args[1]).astype(float), []
    return sk_metrics.zero_one_loss(y, p, normalize=reduction == "mean"), []


def _cross_entropy(args, kwargs, reduction):
    y = args[0]
    target = torch.tensor(y) if y.ndim == 1 else t(y)
    w = kwargs.get("weight")
    opts = dict(weight=None if w is None else t(w), label_smoothing=kwargs.get("label_smoothing", 0.0),
                ignore_index=kwargs.get("ignore_index", -100), reduction=reduction)
    return autograd(lambda _, z: F.cross_entropy(z, target, **opts), [None, args[1]], [1])


def _categorical(args, kwargs, reduction):
    y = args[0]
    if y.ndim == 1:
        value, grads = autograd(lambda _, p: F.nll_loss(torch.log(p), torch.tensor(y), reduction=reduction), [None, args[1]], [1])
        if reduction == "mean":
            np.testing.assert_allclose(value, sk_metrics.log_loss(y, args[1], labels=range(args[1].shape[1])), rtol=1e-12)
        return value, grads
    return autograd(lambda _, p: reduce_t(-(t(y) * torch.log(p)).sum(dim=-1), reduction), [None, args[1]], [1])


def _reduce_np(rows, reduction):
    return {"none": rows, "sum": np.sum(rows), "mean": np.mean(rows)}[reduction]


def _cross_entropy_pq(args, kwargs, reduction):
    p, q = args
    rows = scipy_stats.entropy(p, axis=-1) + scipy_stats.entropy(p, q, axis=-1)  # H(p) + KL(p||q)
    _, grads = autograd(lambda pp, qq: reduce_t(-torch.special.xlogy(t(p), qq).sum(dim=-1), reduction), args, [1])
    return _reduce_np(rows, reduction), grads


def _kl(args, kwargs, reduction):
    p, q = args
    rows = scipy_special.rel_entr(p, q).sum(axis=-1)
    tr = {"mean": "batchmean", "sum": "sum", "none": "none"}[reduction]

    def torch_kl(_, qq):
        out = F.kl_div(torch.log(qq), t(p), reduction=tr)
        return out.sum(dim=-1) if reduction == "none" else out
    value, grads = autograd(torch_kl, args, [1])
    np.testing.assert_allclose(value, _reduce_np(rows, reduction), **TOL)
    return value, grads


def _js(args, kwargs, reduction):
    p, q = args
    rows = scipy_distance.jensenshannon(p, q, axis=-1) ** 2  # natural log: the divergence is the distance squared

    def torch_js(_, qq):
        pp = t(p)
        m = 0.5 * (pp + qq)
        kl = lambda a: (torch.special.xlogy(a, a) - torch.special.xlogy(a, m)).sum(dim=-1)  # noqa: E731
        return reduce_t(0.5 * kl(pp) + 0.5 * kl(qq), reduction)
    _, grads = autograd(torch_js, args, [1])
    return _reduce_np(rows, reduction), grads


def _wasserstein(args, kwargs, reduction):
    u, v = args
    uw, vw = kwargs.get("u_weights"), kwargs.get("v_weights")
    value = scipy_stats.wasserstein_distance(u, v, uw, vw)
    h, grad = 1e-6, np.zeros_like(u)
    for i in range(u.size):  # central differences of scipy's value: independent of lossbook's gradient
        e = np.zeros_like(u)
        e[i] = h
        grad[i] = (scipy_stats.wasserstein_distance(u + e, v, uw, vw) - scipy_stats.wasserstein_distance(u - e, v, uw, vw)) / (2 * h)
    return value, [grad]


def _contrastive(args, kwargs, reduction):
    m = kwargs.get("margin", 1.0)

    def hadsell(h1, h2, y):  # Hadsell, Chopra, LeCun (2006), eq. 4, with the Euclidean distance
        d = torch.linalg.vector_norm(h1 - h2, dim=-1)
        y = t(y)
        return reduce_t(0.5 * y * d**2 + 0.5 * (1 - y) * torch.clamp(m - d, min=0) ** 2, reduction)
    return autograd(hadsell, args, [0, 1])


def _triplet(args, kwargs, reduction):
    m = kwargs.get("margin", 1.0)
    if m == 0:  # torch 2.13 refuses margin 0; the same loss from its own pairwise distances
        def torch_triplet(a, p, n):
            d = lambda x, y: F.pairwise_distance(x, y, eps=0.0)  # noqa: E731
            return reduce_t(torch.clamp(d(a, p) - d(a, n), min=0), reduction)
        return autograd(torch_triplet, args, [0, 1, 2])
    return autograd(lambda a, p, n: F.triplet_margin_loss(a, p, n, margin=m, eps=0.0, reduction=reduction), args, [0, 1, 2])


def _center(args, kwargs, reduction):
    labels = torch.tensor(args[1])

    def wen(x, _, c):  # Wen et al. (2016), eq. 2, per sample
        return reduce_t(0.5 * ((x - c[labels]) ** 2).sum(dim=-1), reduction)
    return autograd(wen, args, [0, 2])


REFERENCES = {
    "mse": elementwise(lambda p, y, r: F.mse_loss(p, y, reduction=r)),
    "mae": elementwise(lambda p, y, r: F.l1_loss(p, y, reduction=r)),
    "huber": elementwise(_huber),
    "log_cosh": elementwise(_log_cosh),
    "euclidean": _euclidean,
    "binary_cross_entropy": _bce,
    "binary_cross_entropy_with_logits": _bce_logits,
    "focal": _focal,
    "hinge": _hinge,
    "exponential": _exponential,
    "zero_one": _zero_one,
    "cross_entropy": _cross_entropy,
    "categorical_cross_entropy": _categorical,
    "cross_entropy_pq": _cross_entropy_pq,
    "kl_divergence": _kl,
    "js_divergence": _js,
    "wasserstein_1d": _wasserstein,
    "contrastive": _contrastive,
    "triplet": _triplet,
    "center": _center,
}


def test_every_loss_has_a_reference():
    assert set(REFERENCES) == set(LOSSES)


def _cases():
    for spec in LOSSES.values():
        for seed in range(2):
            for kwargs in hyper_variants(spec):
                for r in (("mean", "sum", "none") if spec.reduces_over else (None,)):
                    yield pytest.param(spec, seed, kwargs, r, id=f"{spec.name}-{seed}-{kwargs}-{r}")
    cross = LOSSES["cross_entropy"]
    all_options = {"weight": (0.5, 1.0, 2.0), "label_smoothing": 0.2, "ignore_index": 2}
    for r in ("mean", "sum", "none"):
        yield pytest.param(cross, 5, all_options, r, id=f"cross_entropy-all-options-{r}")
    w1 = LOSSES["wasserstein_1d"]
    for seed in range(3):  # the book uses weighted W1: weights on both sides
        yield pytest.param(w1, seed, "weighted", None, id=f"wasserstein_1d-weighted-{seed}")


@pytest.mark.parametrize("spec, seed, kwargs, reduction", list(_cases()))
def test_matches_reference(spec, seed, kwargs, reduction):
    rng = np.random.default_rng(seed)
    args = draw_args(spec, rng, index_targets=True if "ignore_index" in kwargs or "all" in str(kwargs) else None)
    if kwargs == "weighted":
        kwargs = {"u_weights": rng.uniform(0.1, 2, size=args[0].size), "v_weights": rng.uniform(0.1, 2, size=args[1].size)}
    if spec.name == "cross_entropy" and "ignore_index" in kwargs:
        args[0] = rng.integers(0, 3, size=args[0].shape) if np.asarray(args[0]).ndim == 1 else args[0]
    kw_call = dict(kwargs)
    expected, expected_grads = REFERENCES[spec.name]([np.asarray(a) if a is not None else a for a in args], kwargs, reduction)
    value = spec.loss(*args, **kw_call) if reduction is None else spec.loss(*args, reduction=reduction, **kw_call)
    np.testing.assert_allclose(value, expected, **TOL, err_msg=f"{spec.name} value vs {spec.reference}")
    if spec.grad is None or (spec.name == "wasserstein_1d" and "u_weights" in kwargs):
        return
    grads = spec.grad(*args, **kw_call) if reduction is None else spec.grad(*args, reduction=reduction, **kw_call)
    grads = grads if isinstance(grads, tuple) else (grads,)
    assert len(grads) == len(expected_grads)
    tol = dict(rtol=1e-6, atol=1e-8) if spec.name == "wasserstein_1d" else TOL  # finite differences of scipy
    for mine, theirs, wrt in zip(grads, expected_grads, spec.grad_wrt):
        assert mine.shape == theirs.shape
        np.testing.assert_allclose(mine, theirs, **tol, err_msg=f"{spec.name}_grad w.r.t. {wrt} vs {spec.reference}")
