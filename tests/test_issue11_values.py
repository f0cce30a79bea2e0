"""The inputs of issue 11 (from public bug reports of peer libraries) give the right values.

Each expected value is derived by hand in the comment next to it, or computed by PyTorch
2.13.0 (float64) where the comment says so.
"""

import math

import numpy as np
import pytest

import lossbook as lb


# --- one-hot rows are never built from a C x C identity ---------------------------------------


def test_categorical_cross_entropy_with_200000_classes():
    C = 200_000
    y_prob = np.full((4, C), 1 / C)
    # every sample gives -ln(1/C) = ln C; ln 200000 = 12.206072645530174 (math.log)
    assert lb.categorical_cross_entropy(np.zeros(4, int), y_prob) == pytest.approx(math.log(C), rel=1e-12)
    g = lb.categorical_cross_entropy_grad(np.zeros(4, int), y_prob)
    # d/dp of mean(-ln p_0) = -1/(4 p_0) = -C/4 at the true class, 0 elsewhere
    assert g.shape == (4, C) and g[0, 0] == pytest.approx(-C / 4, rel=1e-12) and not g[:, 1:].any()


def test_one_hot_with_many_classes():
    rows = lb.one_hot([3, 199_999], 200_000)
    assert rows.shape == (2, 200_000) and rows.sum() == 2 and rows[0, 3] == rows[1, 199_999] == 1


# --- probability checks in the precision of the input ----------------------------------------------


def test_float16_probability_rows_are_accepted():
    q = np.array([[0.3333, 0.3333, 0.3333]], np.float16)  # each rounds to 0.333251953125; the row sums to 0.99976
    out = lb.categorical_cross_entropy([0], q)
    assert isinstance(out, np.float16)
    # -ln(0.333251953125) = 1.0988564591... (math.log), rounded once to float16
    assert out == np.float16(-math.log(0.333251953125))


def test_float32_softmax_over_50000_classes_is_accepted():
    z = np.random.default_rng(0).normal(scale=3.0, size=(2, 50_000)).astype(np.float32)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    q = (e / e.sum(axis=1, keepdims=True, dtype=np.float32)).astype(np.float32)
    out = lb.categorical_cross_entropy([1, 2], q, reduction="none")
    assert out.dtype == np.float32 and np.all(np.isfinite(out))
    assert lb.kl_divergence(q, q) == 0


def test_float64_rows_keep_the_1e_6_tolerance():
    with pytest.raises(ValueError, match=r"miss by \[-1e-05\]|miss by \[-1.0000000000065512e-05\]"):
        lb.kl_divergence([0.5, 0.49999], [0.5, 0.5])


def test_messages_show_the_deviation_not_a_rounded_copy():
    with pytest.raises(ValueError, match=r"1\.0000001 \(1e-07 above 1\)"):
        lb.binary_cross_entropy([1.0], [1.0000001])
    with pytest.raises(ValueError, match=r"-1e-09 below 0|1e-09 below 0"):
        lb.binary_cross_entropy([1.0], [-1e-9])
    with pytest.raises(ValueError, match=r"miss by \[0\.0009999999999998899\] \(sums \[1\.001\]\)"):
        lb.categorical_cross_entropy([0], [[0.5, 0.501]])


# --- sigma(z) - y and other subtractions that cancel -------------------------------------------------


@pytest.mark.parametrize("z", [30.0, 40.0, 700.0])
def test_bce_with_logits_grad_far_in_the_tail(z):
    # y = 1: the gradient is sigma(z) - 1 = -sigma(-z) = -e^{-z} / (1 + e^{-z})
    expected = -math.exp(-z) / (1 + math.exp(-z))
    assert lb.binary_cross_entropy_with_logits_grad([1.0], [z])[0] == pytest.approx(expected, rel=1e-12)
    assert lb.binary_cross_entropy_with_logits_grad([0.0], [-z])[0] == pytest.approx(-expected, rel=1e-12)
    w = 3.0  # with pos_weight: (1 - y) sigma(z) - w y sigma(-z) = -3 sigma(-z)
    assert lb.binary_cross_entropy_with_logits_grad([1.0], [z], pos_weight=w)[0] == pytest.approx(w * expected, rel=1e-12)


@pytest.mark.parametrize("gamma", [0.5, 2.0])
def test_focal_grad_far_in_the_tail(gamma):
    # y = 1, alpha = None, z = 40, q = sigma(-z), ce = ln(1 + e^{-z}):
    # l = q^g ce;  dl/dz = g q^{g-1} (dq/dz) ce + q^g (dce/dz),  dq/dz = -q(1 - q),  dce/dz = -q
    #               = -g q^g (1 - q) ce - q^{g+1}          (every term negative: no cancellation)
    z = 40.0
    q = math.exp(-z) / (1 + math.exp(-z))
    ce = math.log1p(math.exp(-z))
    expected = -gamma * q**gamma * (1 - q) * ce - q ** (gamma + 1)
    assert lb.focal_grad([1.0], [z], alpha=None, gamma=gamma)[0] == pytest.approx(expected, rel=1e-10)


def test_softmax_cross_entropy_grad_when_the_true_class_has_all_the_mass():
    # p_1 = sigma(-40) = e^{-40}/(1 + e^{-40}); gradient at the true class is p_0 - 1 = -p_1
    p1 = math.exp(-40) / (1 + math.exp(-40))
    g = lb.cross_entropy_grad([0], [[40.0, 0.0]])
    np.testing.assert_allclose(g, [[-p1, p1]], rtol=1e-12)
    g_rows = lb.cross_entropy_grad([[1.0, 0.0]], [[40.0, 0.0]])  # the same target as a one-hot row
    np.testing.assert_allclose(g_rows, [[-p1, p1]], rtol=1e-12)


@pytest.mark.parametrize("e", [1e-8, 1e-4, 0.5, 0.999, 1.0, 3.0, 800.0])
def test_log_cosh_is_accurate_for_small_and_large_errors(e):
    # small e: ln cosh e = e^2/2 - e^4/12 + e^6/45 - ...;  otherwise |e| + ln(1 + e^{-2|e|}) - ln 2
    expected = e**2 / 2 - e**4 / 12 + e**6 / 45 if e < 1e-3 else e + math.log1p(math.exp(-2 * e)) - math.log(2)
    assert lb.log_cosh([0.0], [e]) == pytest.approx(expected, rel=1e-13)
    assert lb.log_cosh([e], [0.0]) == pytest.approx(expected, rel=1e-13)


def test_binary_cross_entropy_of_a_tiny_probability():
    # -ln(1 - p) = p + p^2/2 + ... = 1e-20 for p = 1e-20 (ln of a rounded 1 - p would give 0)
    assert lb.binary_cross_entropy([0.0], [1e-20]) == pytest.approx(1e-20, rel=1e-12)


def test_kl_divergence_of_nearly_equal_distributions():
    # p = (1/2, 1/2), q = (1/2 + d, 1/2 - d): KL = -1/2 ln(1 - 4 d^2) = 2 d^2 + 4 d^4 + ...
    d = 1e-6
    assert lb.kl_divergence([0.5, 0.5], [0.5 + d, 0.5 - d]) == pytest.approx(2 * d**2, rel=1e-6)


# --- masked classes (-inf logits) and the options of cross_entropy ----------------------------------------


def test_masked_classes():
    # class 1 masked: softmax over classes 0 and 2 only; ln(e^0 + e^1) - 0 = ln(1 + e) = 1.3132616875182228
    z = [[0.0, -np.inf, 1.0]]
    assert lb.cross_entropy([0], z) == pytest.approx(math.log(1 + math.e), rel=1e-12)
    g = lb.cross_entropy_grad([0], z)
    np.testing.assert_allclose(g, [[1 / (1 + math.e) - 1, 0.0, math.e / (1 + math.e)]], rtol=1e-12)
    assert lb.cross_entropy([1], z) == np.inf  # the target class is masked: -ln 0
    with pytest.raises(ValueError, match="every class is masked"):
        lb.cross_entropy([0], [[-np.inf, -np.inf]])
    with pytest.raises(ValueError, match="logits contains 1 NaN or inf"):
        lb.cross_entropy([0], [[np.inf, 0.0]])


def test_masked_classes_equal_pytorch():
    torch = pytest.importorskip("torch", reason="PyTorch is a test-only reference and is not installed: pip install torch==2.13.0 (for the CPU build on Linux add --index-url https://download.pytorch.org/whl/cpu)")
    z = np.array([[0.0, -np.inf, 1.0, 2.0], [3.0, 0.5, -np.inf, -np.inf]])
    labels = np.array([3, 0])
    zt = torch.tensor(z, requires_grad=True)  # float64
    ref = torch.nn.functional.cross_entropy(zt, torch.tensor(labels))
    (g,) = torch.autograd.grad(ref, zt)
    assert lb.cross_entropy(labels, z) == pytest.approx(ref.item(), rel=1e-13)
    np.testing.assert_allclose(lb.cross_entropy_grad(labels, z), g.numpy(), rtol=1e-12, atol=1e-300)


def test_everything_ignored_gives_nan_like_pytorch():
    # PyTorch 2.13.0 returns nan for reduction='mean' when every target equals ignore_index (0/0)
    assert math.isnan(lb.cross_entropy([-100, -100], [[0.0, 1.0], [1.0, 0.0]]))
    assert lb.cross_entropy([-100, -100], [[0.0, 1.0], [1.0, 0.0]], reduction="sum") == 0.0


def test_float32_in_float32_out():
    z = np.array([[1.0, 2.0, 3.0]], np.float32)
    out = lb.cross_entropy([2], z)
    assert isinstance(out, np.float32)
    # ln(e^1 + e^2 + e^3) - 3 = 0.40760596444438, rounded once to float32
    assert out == np.float32(math.log(math.exp(1) + math.exp(2) + math.exp(3)) - 3)
    assert lb.cross_entropy_grad([2], z).dtype == np.float32


def test_weighted_bce_with_logits_of_a_confident_negative():
    # y = 0, z = -40: the loss is -ln sigma(40) = ln(1 + e^{-40}) = 4.248354255291589e-18 (math.log1p);
    # with pos_weight it used to be computed as ln sigma(z) - z, which cancels to 0
    expected = math.log1p(math.exp(-40))
    assert lb.binary_cross_entropy_with_logits([0.0], [-40.0], pos_weight=2.0) == pytest.approx(expected, rel=1e-12)
    assert lb.binary_cross_entropy_with_logits([0.0], [-40.0]) == pytest.approx(expected, rel=1e-12)


def test_kl_divergence_with_a_vanishing_q_does_not_overflow():
    # p = (1/2, 1/2), q = (1 - 1e-310, 1e-310): the ratio p/q overflows; KL = 1/2 ln(1/2 / (1 - 1e-310))
    # + 1/2 ln(1/2 / 1e-310) = 1/2 (ln 0.5 - ln 1e-310) + 1/2 ln 0.5 = ln 0.5 + 155 ln 10 (math.log)
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no RuntimeWarning either
        value = lb.kl_divergence([0.5, 0.5], [1.0, 1e-310])
    assert value == pytest.approx(math.log(0.5) + 0.5 * 310 * math.log(10), rel=1e-12)
    assert lb.kl_divergence([0.5, 0.5], [1.0, 0.0]) == np.inf  # q = 0 < p
