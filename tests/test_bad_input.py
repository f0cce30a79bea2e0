"""Bad input is refused at the public boundary with a message that names the argument.

One table: each row calls a public function with one thing wrong, and gives the
exception type and a regex the message must match (the regex names the argument).
"""

import numpy as np
import pytest

import lossbook as lb

NAN, INF = np.nan, np.inf
P3 = [0.2, 0.3, 0.5]  # a valid distribution
LOGITS = [[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]]  # (2, 3)
X = [[0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
Y = [0.0, 1.0, 1.0]
E2 = [[0.0, 0.0]]  # one 2-d embedding


def _quad(x):
    return float(np.sum(x**2))


def row(call, exc, match, id):
    return pytest.param(call, exc, match, id=id)


V, T = ValueError, TypeError

BAD_INPUT = [
    # --- shapes must match exactly: nothing is broadcast -------------------------------
    row(lambda: lb.mse([1.0, 2, 3], [[1.0], [2], [3]]), V, r"y_true and y_pred must have the same shape.*\(3,\).*\(3, 1\)", "mse-(3,)-vs-(3,1)"),
    row(lambda: lb.mae_grad([1.0, 2], [1.0, 2, 3]), V, r"y_true and y_pred .*same shape", "mae_grad-length"),
    row(lambda: lb.binary_cross_entropy([1.0, 0.0], [[0.5, 0.5]]), V, r"y_true and y_prob .*same shape", "bce-shape"),
    row(lambda: lb.hinge([1.0, -1.0], [0.5]), V, r"y_true and scores .*same shape", "hinge-shape"),
    row(lambda: lb.kl_divergence([P3, P3], P3), V, r"p and q .*same shape", "kl-shape"),
    row(lambda: lb.triplet(E2, E2, [0.0, 1.0, 2.0]), V, r"anchor and negative .*same shape", "triplet-shape"),
    row(lambda: lb.contrastive(E2, E2, [1.0, 0.0]), V, r"similar must have shape", "contrastive-similar-shape"),
    row(lambda: lb.cross_entropy([[0, 1]], LOGITS), V, r"y_true must be class indices of shape \(2,\)", "ce-target-shape"),
    row(lambda: lb.center([[0.0, 1.0]], [0], [[0.0, 0.0, 0.0]]), V, r"features .*centers .*same d", "center-dims"),
    # --- empty arrays ----------------------------------------------------------------------
    row(lambda: lb.mae([], []), V, r"y_true is empty", "mae-empty"),
    row(lambda: lb.cross_entropy(np.zeros(0, dtype=int), np.zeros((0, 3))), V, r"logits is empty", "ce-empty"),
    row(lambda: lb.entropy([]), V, r"p is empty", "entropy-empty"),
    row(lambda: lb.wasserstein_1d([], [1.0]), V, r"u_values is empty", "w1-empty"),
    # --- NaN and inf, in every argument position --------------------------------------------
    row(lambda: lb.mse([1.0, NAN], [1.0, 2.0]), V, r"y_true contains 1 NaN or inf", "mse-y_true-nan"),
    row(lambda: lb.mse([1.0, 2.0], [INF, 2.0]), V, r"y_pred contains 1 NaN or inf", "mse-y_pred-inf"),
    row(lambda: lb.huber_grad([1.0], [-INF]), V, r"y_pred contains .*inf", "huber_grad-y_pred-inf"),
    row(lambda: lb.huber([1.0], [2.0], delta=NAN), V, r"delta must be finite", "huber-delta-nan"),
    row(lambda: lb.binary_cross_entropy([1.0], [NAN]), V, r"y_prob contains", "bce-y_prob-nan"),
    row(lambda: lb.binary_cross_entropy_with_logits([NAN], [0.0]), V, r"y_true contains", "bce_logits-y_true-nan"),
    row(lambda: lb.binary_cross_entropy_with_logits([1.0], [INF]), V, r"logits contains", "bce_logits-logits-inf"),
    row(lambda: lb.cross_entropy([0, 1], [[NAN, 0.0, 0.0], [0.0, 0.0, 0.0]]), V, r"logits contains", "ce-logits-nan"),
    row(lambda: lb.cross_entropy([[NAN, 0.5, 0.5], P3], LOGITS), V, r"y_true contains", "ce-prob-target-nan"),
    row(lambda: lb.kl_divergence([NAN, 0.5, 0.5], P3), V, r"p contains", "kl-p-nan"),
    row(lambda: lb.kl_divergence_grad(P3, [INF, 0.5, 0.5]), V, r"q contains", "kl_grad-q-inf"),
    row(lambda: lb.hinge([1.0], [NAN]), V, r"scores contains", "hinge-scores-nan"),
    row(lambda: lb.triplet(E2, E2, [[0.0, NAN]]), V, r"negative contains", "triplet-negative-nan"),
    row(lambda: lb.contrastive(E2, E2, [NAN]), V, r"similar contains", "contrastive-similar-nan"),
    row(lambda: lb.center([[0.0, 1.0]], [0], [[INF, 0.0]]), V, r"centers contains", "center-centers-inf"),
    row(lambda: lb.binary_cross_entropy_with_logits([1.0], [0.0], pos_weight=NAN), V, r"pos_weight contains", "pos_weight-nan"),
    row(lambda: lb.wasserstein_1d([0.0, 1.0], [1.0], v_weights=[INF]), V, r"v_weights contains", "w1-weights-inf"),
    row(lambda: lb.fit([[NAN], [1.0]], [0.0, 1.0], lb.mse), V, r"X contains", "fit-X-nan"),
    row(lambda: lb.sigmoid([0.0, NAN]), V, r"z contains", "sigmoid-nan"),
    # --- non-numeric input ---------------------------------------------------------------------
    row(lambda: lb.mse([1.0], "abc"), T, r"y_pred must be numeric, got a string", "mse-string"),
    row(lambda: lb.mse(["1", "2"], [1.0, 2.0]), T, r"y_true must be a real numeric array", "mse-string-array"),
    row(lambda: lb.mse([1.0, None], [1.0, 2.0]), T, r"y_true must be a real numeric array, got dtype object", "mse-object-array"),
    row(lambda: lb.mae(None, [1.0]), T, r"y_true must be a real numeric array", "mae-None"),
    row(lambda: lb.binary_cross_entropy([True, False], [0.5, 0.5]), T, r"y_true must be a real numeric array, got dtype bool", "bce-bool-target"),
    row(lambda: lb.mse([[1.0, 2.0], [3.0]], [1.0, 2.0]), T, r"y_true must be a numeric array", "mse-ragged"),
    row(lambda: lb.huber([1.0], [2.0], delta="1"), T, r"delta must be a real number", "huber-delta-string"),
    row(lambda: lb.hinge([1.0], [2.0], margin=True), T, r"margin must be a real number", "hinge-margin-bool"),
    # --- probabilities outside [0, 1] -----------------------------------------------------------
    row(lambda: lb.binary_cross_entropy([1.0], [1.2]), V, r"y_prob must be probabilities in \[0, 1\]", "bce-y_prob-above-1"),
    row(lambda: lb.binary_cross_entropy_grad([0.0], [-0.1]), V, r"y_prob must be probabilities", "bce_grad-y_prob-negative"),
    row(lambda: lb.kl_divergence([1.5, -0.5], [0.5, 0.5]), V, r"p must be probabilities in \[0, 1\]", "kl-p-outside"),
    row(lambda: lb.js_divergence([0.5, 0.5], [-0.5, 1.5]), V, r"q must be probabilities", "js-q-outside"),
    row(lambda: lb.information(2.0), V, r"p must be probabilities", "information-p-above-1"),
    # --- rows that are not distributions -----------------------------------------------------------
    row(lambda: lb.categorical_cross_entropy([0], [[0.2, 0.2, 0.2]]), V, r"y_prob must hold probability vectors", "cce-row-sum"),
    row(lambda: lb.kl_divergence(P3, [0.3, 0.3, 0.3]), V, r"q must hold probability vectors", "kl-q-row-sum"),
    row(lambda: lb.kl_divergence([[0.5, 0.6], [0.5, 0.5]], [[0.5, 0.5], [0.5, 0.5]]), V, r"p must hold probability vectors.*1\.1", "kl-p-row-sum"),
    row(lambda: lb.js_divergence([0.5, 0.6], [0.5, 0.5]), V, r"p must hold probability vectors", "js-p-row-sum"),
    row(lambda: lb.js_divergence_grad([0.5, 0.5], [0.7, 0.7]), V, r"q must hold probability vectors", "js_grad-q-row-sum"),
    row(lambda: lb.entropy([0.1, 0.1]), V, r"p must hold probability vectors", "entropy-row-sum"),
    row(lambda: lb.cross_entropy_pq(P3, [0.5, 0.5, 0.5]), V, r"q must hold probability vectors", "ce_pq-q-row-sum"),
    row(lambda: lb.cross_entropy([[0.5, 0.4, 0.0], P3], LOGITS), V, r"y_true must hold probability vectors", "ce-prob-target-row-sum"),
    # --- labels outside their set ---------------------------------------------------------------
    row(lambda: lb.binary_cross_entropy([2.0], [0.5]), V, r"y_true must be binary targets", "bce-target-2"),
    row(lambda: lb.binary_cross_entropy_with_logits([-1.0], [0.0]), V, r"y_true must be binary targets", "bce_logits-target-minus1"),
    row(lambda: lb.focal([1.5], [0.0]), V, r"y_true must be binary targets", "focal-target-1.5"),
    row(lambda: lb.hinge([0.0, 1.0], [0.5, 0.5]), V, r"y_true must hold labels -1 or \+1", "hinge-label-0"),
    row(lambda: lb.exponential_grad([2.0], [0.5]), V, r"y_true must hold labels -1 or \+1", "exponential-label-2"),
    row(lambda: lb.cross_entropy([0, 3], LOGITS), V, r"y_true holds class indices outside \[0, 3\)", "ce-index-3"),
    row(lambda: lb.categorical_cross_entropy([-1], [P3]), V, r"y_true holds class indices outside", "cce-index-negative"),
    row(lambda: lb.one_hot([0, 5], 3), V, r"labels holds class indices outside \[0, 3\)", "one_hot-index-5"),
    row(lambda: lb.cross_entropy([0.0, 1.0], LOGITS), T, r"y_true must hold integer class indices, got dtype float64", "ce-float-indices"),
    row(lambda: lb.categorical_cross_entropy_grad([1.0], [P3]), T, r"y_true must hold integer class indices", "cce_grad-float-indices"),
    row(lambda: lb.from_one_hot([[0.5, 0.5, 0.0]]), V, r"rows must be one-hot rows", "from_one_hot-soft"),
    row(lambda: lb.from_one_hot([[1, 0, 0], [1, 1, 0]]), V, r"rows must be one-hot rows.*\[1\]", "from_one_hot-two-ones"),
    row(lambda: lb.center([[0.0, 1.0]], [2], [[0.0, 0.0], [1.0, 1.0]]), V, r"labels holds class indices outside \[0, 2\)", "center-label-2"),
    row(lambda: lb.center_grad([[0.0, 1.0]], [0.0], [[0.0, 0.0]]), T, r"labels must hold integer class indices", "center-float-label"),
    # --- unknown reduction -----------------------------------------------------------------------
    row(lambda: lb.mse([1.0], [2.0], reduction="avg"), V, r"reduction must be one of .*'avg'", "mse-reduction-avg"),
    row(lambda: lb.cross_entropy([0], [[0.0, 1.0]], reduction=None), V, r"reduction must be one of .*None", "ce-reduction-None"),
    row(lambda: lb.mse([1.0], [2.0], reduction=1), T, r"reduction must be one of .*got int 1", "mse-reduction-int"),
    row(lambda: lb.kl_divergence(P3, P3, reduction="batchmean"), V, r"reduction must be one of", "kl-reduction-batchmean"),
    row(lambda: lb.triplet_grad(E2, E2, E2, reduction="MEAN"), V, r"reduction must be one of", "triplet_grad-reduction-MEAN"),
    # --- hyper-parameters -------------------------------------------------------------------------
    row(lambda: lb.huber([1.0], [2.0], delta=-1.0), V, r"delta must be > 0, got -1", "huber-delta-negative"),
    row(lambda: lb.huber_grad([1.0], [2.0], delta=0), V, r"delta must be > 0", "huber_grad-delta-zero"),
    row(lambda: lb.hinge([1.0], [2.0], margin=-1.0), V, r"margin must be >= 0", "hinge-margin-negative"),
    row(lambda: lb.contrastive(E2, E2, [1.0], margin=-0.5), V, r"margin must be >= 0", "contrastive-margin-negative"),
    row(lambda: lb.triplet(E2, E2, E2, margin=-1.0), V, r"margin must be >= 0", "triplet-margin-negative"),
    row(lambda: lb.focal([1.0], [0.0], gamma=-1.0), V, r"gamma must be >= 0", "focal-gamma-negative"),
    row(lambda: lb.focal([1.0], [0.0], alpha=1.5), V, r"alpha must be <= 1", "focal-alpha-above-1"),
    row(lambda: lb.focal_grad([1.0], [0.0], alpha=-0.1), V, r"alpha must be >= 0", "focal_grad-alpha-negative"),
    row(lambda: lb.binary_cross_entropy_with_logits([[1.0, 0.0]], [[0.0, 0.0]], pos_weight=-2.0), V, r"pos_weight must be >= 0", "pos_weight-negative"),
    row(lambda: lb.binary_cross_entropy_with_logits(np.ones((2, 3)), np.zeros((2, 3)), pos_weight=[1.0, 2.0]), V, r"pos_weight must be a scalar or have one weight per class", "pos_weight-shape"),
    row(lambda: lb.cross_entropy(0, [1.0, 2.0, 3.0]), V, r"logits must have at least 2 dimension", "ce-logits-1d"),
    row(lambda: lb.euclidean(3.0, 5.0), V, r"y_pred must have at least 1 dimension", "euclidean-scalar"),
    row(lambda: lb.euclidean_grad(3.0, 5.0), V, r"y_pred must have at least 1 dimension", "euclidean_grad-scalar"),
    row(lambda: lb.softmax(1.0), V, r"z must have at least 1 dimension", "softmax-scalar"),
    row(lambda: lb.one_hot([0, 1], 0), V, r"n_classes must be an integer >= 1, got 0", "one_hot-n_classes-0"),
    row(lambda: lb.one_hot([0, 1], 2.0), T, r"n_classes must be an integer, got float", "one_hot-n_classes-float"),
    # --- optimisers, fit and data --------------------------------------------------------------
    row(lambda: lb.GradientDescent(lr=0.0), V, r"lr must be > 0", "gd-lr-zero"),
    row(lambda: lb.Adam(lr=-0.1), V, r"lr must be > 0", "adam-lr-negative"),
    row(lambda: lb.Momentum(lr=0.1, beta=1.5), V, r"beta must be <= 1", "momentum-beta"),
    row(lambda: lb.minimize(_quad, 1.0, jac=lambda x: 2 * x, optimizer="adam"), T, r"optimizer must be a lossbook optimiser", "minimize-optimizer-string"),
    row(lambda: lb.fit(X, Y, lb.mse, steps=-1), V, r"steps must be an integer >= 0, got -1", "fit-steps-negative"),
    row(lambda: lb.fit(X, Y, lb.mse, steps=2.5), T, r"steps must be an integer, got float 2.5", "fit-steps-float"),
    row(lambda: lb.fit(X, Y, lb.mse, batch_size=0), V, r"batch_size must be an integer >= 1", "fit-batch-zero"),
    row(lambda: lb.fit(X, Y, lb.mse, batch_size=4), V, r"batch_size must be an integer <= 3", "fit-batch-too-big"),
    row(lambda: lb.fit(X, Y, lb.mse, batch_size="2"), T, r"batch_size must be an integer, got str", "fit-batch-string"),
    row(lambda: lb.fit(X, Y, lb.mse, activation="relu"), V, r"activation must be one of \(None, 'sigmoid'\), got 'relu'", "fit-activation"),
    row(lambda: lb.fit(X, Y, lb.binary_cross_entropy_with_logits, activation="sigmoid"), V, r"binary_cross_entropy_with_logits takes logits.*apply it twice", "fit-sigmoid-before-logits"),
    row(lambda: lb.fit(X, Y, lb.hinge, activation="sigmoid"), V, r"hinge takes scores", "fit-sigmoid-before-scores"),
    row(lambda: lb.fit(X, Y, lb.triplet), V, r"fit needs a loss of \(y, prediction\)", "fit-triplet"),
    row(lambda: lb.fit(X, [0.0, 1.0], lb.mse), V, r"X must have shape \(n, d\) and y shape \(n,\)", "fit-y-length"),
    row(lambda: lb.fit(X, Y, lb.zero_one), T, r"loss must be a differentiable lossbook loss.*zero_one has no gradient", "fit-loss-no-grad"),
    row(lambda: lb.fit(X, Y, np.mean), T, r"loss must be a lossbook loss", "fit-loss-not-registered"),
    row(lambda: lb.line_data(n=0), V, r"n must be an integer >= 1", "line_data-n-0"),
    row(lambda: lb.line_data(n=5, n_outliers=6), V, r"n_outliers must be <= n", "line_data-outliers"),
    row(lambda: lb.two_blobs(n=1), V, r"n must be an integer >= 2", "two_blobs-n-1"),
    row(lambda: lb.blobs(n=-5), V, r"n must be an integer >= 1", "blobs-n-negative"),
    row(lambda: lb.imbalanced_binary(n=10.5), T, r"n must be an integer, got float", "imbalanced-n-float"),
    row(lambda: lb.imbalanced_binary(positive_fraction=1.5), V, r"positive_fraction must be <= 1", "imbalanced-fraction"),
]


def test_table_is_large():
    assert len(BAD_INPUT) >= 40


@pytest.mark.parametrize("call, exc, match", BAD_INPUT)
def test_bad_input_is_refused(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda: lb.binary_cross_entropy([0.3, 0.7], [0.5, 0.5]), id="bce"),
        pytest.param(lambda: lb.binary_cross_entropy_grad([0.0, 0.25, 1.0], [0.5, 0.5, 0.5]), id="bce_grad"),
        pytest.param(lambda: lb.binary_cross_entropy_with_logits([0.1, 0.9], [0.0, 2.0]), id="bce_logits"),
        pytest.param(lambda: lb.focal([0.5], [1.0]), id="focal"),
        pytest.param(lambda: lb.cross_entropy([[0.1, 0.2, 0.7]], [[0.0, 1.0, 2.0]]), id="ce-soft-rows"),
    ],
)
def test_soft_targets_are_accepted(call):
    assert np.all(np.isfinite(call()))


def test_soft_target_value():
    # y = 0.3, p = 0.5: -(0.3 ln 0.5 + 0.7 ln 0.5) = ln 2
    assert lb.binary_cross_entropy([0.3], [0.5]) == pytest.approx(np.log(2))
