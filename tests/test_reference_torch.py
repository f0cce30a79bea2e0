"""lossbook against PyTorch: values and autograd gradients, float64, all reductions.

For ``reduction='none'`` the gradient compared is that of ``loss.sum()``, which is
the element-wise derivative that lossbook's ``_grad(..., reduction='none')`` returns.
"""

import numpy as np
import pytest

import lossbook as lb

# torch is imported when the first test runs, not when the module is collected: the import
# costs every pytest process (each xdist worker collects every file) about 2-3 CPU-s
torch = F = None


@pytest.fixture(scope="module", autouse=True)
def _import_torch():
    global torch, F
    torch = pytest.importorskip("torch", reason="PyTorch is a test-only reference and is not installed: pip install torch==2.13.0 (for the CPU build on Linux add --index-url https://download.pytorch.org/whl/cpu)")
    F = torch.nn.functional

REDUCTIONS = ["mean", "sum", "none"]
TOL = dict(rtol=1e-10, atol=1e-12)


def rng(seed=0):
    return np.random.default_rng(seed)


def t(a, grad=False):
    return torch.tensor(np.asarray(a, dtype=np.float64), requires_grad=grad)


def torch_value_and_grad(fn, *arrays):
    """Evaluate ``fn`` on torch copies of ``arrays``; return the value and the gradients of its sum."""
    leaves = [t(a, grad=True) for a in arrays]
    out = fn(*leaves)
    grads = torch.autograd.grad(out.sum(), leaves)
    return out.detach().numpy(), [g.numpy() for g in grads]


def check(lb_value, lb_grad, torch_fn, *arrays):
    """Compare lossbook's value and gradient(s) with torch on the given prediction argument(s)."""
    value, grads = torch_value_and_grad(torch_fn, *arrays)
    np.testing.assert_allclose(lb_value, value, **TOL)
    lb_grads = lb_grad if isinstance(lb_grad, tuple) else (lb_grad,)
    assert len(lb_grads) == len(grads)
    for mine, theirs in zip(lb_grads, grads):
        assert mine.shape == theirs.shape
        np.testing.assert_allclose(mine, theirs, **TOL)


# --- regression ---------------------------------------------------------------------------


def regression_data(shape=(6, 3), seed=0):
    r = rng(seed)
    return r.normal(size=shape), r.normal(scale=2.0, size=shape)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize(
    "loss, grad, torch_loss",
    [(lb.mse, lb.mse_grad, "mse_loss"), (lb.mae, lb.mae_grad, "l1_loss")],  # torch.nn.functional's
    ids=["mse", "mae"],
)
def test_mse_mae(loss, grad, torch_loss, reduction):
    torch_loss = getattr(F, torch_loss)
    y, yhat = regression_data()
    check(loss(y, yhat, reduction=reduction), grad(y, yhat, reduction=reduction),
          lambda p: torch_loss(p, t(y), reduction=reduction), yhat)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("delta", [0.1, 0.5, 1.0, 2.5])
def test_huber(delta, reduction):
    y, yhat = regression_data(seed=1)
    check(lb.huber(y, yhat, reduction=reduction, delta=delta),
          lb.huber_grad(y, yhat, reduction=reduction, delta=delta),
          lambda p: F.huber_loss(p, t(y), reduction=reduction, delta=delta), yhat)


def torch_reduce(x, reduction):
    return {"mean": x.mean, "sum": x.sum, "none": lambda: x}[reduction]()


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_log_cosh(reduction):
    y, yhat = regression_data(seed=2)  # errors of a few units: cosh does not overflow
    check(lb.log_cosh(y, yhat, reduction=reduction), lb.log_cosh_grad(y, yhat, reduction=reduction),
          lambda p: torch_reduce(torch.log(torch.cosh(p - t(y))), reduction), yhat)


# --- binary classification -----------------------------------------------------------------


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("soft", [False, True], ids=["hard", "soft"])
def test_binary_cross_entropy(reduction, soft):
    r = rng(3)
    y = r.uniform(size=(5, 4)) if soft else r.integers(0, 2, size=(5, 4)).astype(float)
    prob = r.uniform(0.01, 0.99, size=(5, 4))
    check(lb.binary_cross_entropy(y, prob, reduction=reduction),
          lb.binary_cross_entropy_grad(y, prob, reduction=reduction),
          lambda p: F.binary_cross_entropy(p, t(y), reduction=reduction), prob)


def bce_logits_data(extreme, seed=4):
    r = rng(seed)
    if extreme:  # hard targets with huge logits: exact answers exist, no soft-target rounding
        y = r.integers(0, 2, size=(4, 3)).astype(float)
        z = r.choice([-1e4, 1e4], size=(4, 3))
        z[0] = [-1e4, 0.0, 1e4]
        return y, z
    return r.uniform(size=(4, 3)), r.normal(scale=3.0, size=(4, 3))


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("extreme", [False, True], ids=["moderate", "logits-1e4"])
@pytest.mark.parametrize("pos_weight", [None, 3.0, [0.5, 1.0, 4.0]], ids=["no-weight", "scalar-weight", "per-class-weight"])
def test_binary_cross_entropy_with_logits(reduction, extreme, pos_weight):
    y, z = bce_logits_data(extreme)
    pw = None if pos_weight is None else t(pos_weight)
    check(lb.binary_cross_entropy_with_logits(y, z, reduction=reduction, pos_weight=pos_weight),
          lb.binary_cross_entropy_with_logits_grad(y, z, reduction=reduction, pos_weight=pos_weight),
          lambda p: F.binary_cross_entropy_with_logits(p, t(y), reduction=reduction, pos_weight=pw), z)


def torch_sigmoid_focal_loss(inputs, targets, alpha, gamma, reduction):
    """torchvision.ops.sigmoid_focal_loss, transcribed (torchvision is not installed)."""
    p = torch.sigmoid(inputs)
    ce_loss = F.binary_cross_entropy_with_logits(inputs, targets, reduction="none")
    p_t = p * targets + (1 - p) * (1 - targets)
    loss = ce_loss * ((1 - p_t) ** gamma)
    if alpha >= 0:
        alpha_t = alpha * targets + (1 - alpha) * (1 - targets)
        loss = alpha_t * loss
    return torch_reduce(loss, reduction)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("alpha, gamma", [(0.25, 2.0), (None, 0.0), (0.5, 0.5), (0.9, 3.0)])
@pytest.mark.parametrize("soft", [False, True], ids=["hard", "soft"])
def test_focal(reduction, alpha, gamma, soft):
    r = rng(5)
    y = r.uniform(size=(6, 2)) if soft else r.integers(0, 2, size=(6, 2)).astype(float)
    z = r.normal(scale=2.0, size=(6, 2))
    check(lb.focal(y, z, reduction=reduction, alpha=alpha, gamma=gamma),
          lb.focal_grad(y, z, reduction=reduction, alpha=alpha, gamma=gamma),
          lambda p: torch_sigmoid_focal_loss(p, t(y), -1 if alpha is None else alpha, gamma, reduction), z)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("margin", [0.0, 1.0, 2.0])
def test_hinge(reduction, margin):
    r = rng(6)
    y = r.choice([-1.0, 1.0], size=(5, 3))
    s = r.normal(scale=2.0, size=(5, 3))
    check(lb.hinge(y, s, reduction=reduction, margin=margin),
          lb.hinge_grad(y, s, reduction=reduction, margin=margin),
          lambda p: torch_reduce(torch.clamp(margin - t(y) * p, min=0), reduction), s)


# --- multi-class --------------------------------------------------------------------------


def class_data(seed=7, n=6, c=4):
    r = rng(seed)
    return r.integers(0, c, size=n), r.dirichlet(np.ones(c), size=n), r.normal(scale=3.0, size=(n, c))


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("target", ["index", "probability"])
def test_cross_entropy(reduction, target):
    labels, probs, z = class_data()
    y = labels if target == "index" else probs
    ty = torch.tensor(labels) if target == "index" else t(probs)
    check(lb.cross_entropy(y, z, reduction=reduction), lb.cross_entropy_grad(y, z, reduction=reduction),
          lambda p: F.cross_entropy(p, ty, reduction=reduction), z)


def test_cross_entropy_huge_logits():
    labels, _, z = class_data(seed=8)
    z = z * 1e4 / np.abs(z).max()
    check(lb.cross_entropy(labels, z), lb.cross_entropy_grad(labels, z),
          lambda p: F.cross_entropy(p, torch.tensor(labels)), z)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("target", ["index", "probability"])
def test_categorical_cross_entropy(reduction, target):
    labels, targets, _ = class_data(seed=9)
    _, q, _ = class_data(seed=10)
    if target == "index":
        def torch_fn(p):
            return F.nll_loss(torch.log(p), torch.tensor(labels), reduction=reduction)
        y = labels
    else:
        def torch_fn(p):
            return torch_reduce(-(t(targets) * torch.log(p)).sum(dim=-1), reduction)
        y = targets
    check(lb.categorical_cross_entropy(y, q, reduction=reduction),
          lb.categorical_cross_entropy_grad(y, q, reduction=reduction), torch_fn, q)


@pytest.mark.parametrize("reduction, torch_reduction", [("mean", "batchmean"), ("sum", "sum")])
def test_kl_divergence(reduction, torch_reduction):
    _, p, _ = class_data(seed=11)
    _, q, _ = class_data(seed=12)
    check(lb.kl_divergence(p, q, reduction=reduction), lb.kl_divergence_grad(p, q, reduction=reduction),
          lambda qq: F.kl_div(torch.log(qq), t(p), reduction=torch_reduction), q)


def test_kl_divergence_none():
    _, p, _ = class_data(seed=13)
    _, q, _ = class_data(seed=14)
    check(lb.kl_divergence(p, q, reduction="none"), lb.kl_divergence_grad(p, q, reduction="none"),
          lambda qq: F.kl_div(torch.log(qq), t(p), reduction="none").sum(dim=-1), q)


# --- metric learning ----------------------------------------------------------------------


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("margin", [0.5, 1.0, 3.0])
def test_triplet(reduction, margin):
    r = rng(15)
    a, p, n = (r.normal(size=(8, 3)) for _ in range(3))
    check(lb.triplet(a, p, n, margin=margin, reduction=reduction),
          lb.triplet_grad(a, p, n, margin=margin, reduction=reduction),
          lambda aa, pp, nn: F.triplet_margin_loss(aa, pp, nn, margin=margin, eps=0.0, reduction=reduction),
          a, p, n)


def test_triplet_has_active_and_inactive_rows():
    # the comparison above means something only if both branches occur
    r = rng(15)
    a, p, n = (r.normal(size=(8, 3)) for _ in range(3))
    losses = lb.triplet(a, p, n, margin=0.5, reduction="none")
    assert (losses > 0).any() and (losses == 0).any()
