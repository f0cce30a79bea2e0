"""The worked examples of the source articles, recomputed by hand and checked against lossbook.

Each expected value is a formula written out in the test. The article's printed
figure is given in a comment; where the article is wrong, the comment says why and
the test asserts the correct value.
"""

import numpy as np
import pytest

import lossbook as lb

approx = pytest.approx


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def logit(p):
    return np.log(p / (1.0 - p))


# --- distances ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ([170, 65], [165, 60], np.sqrt(5**2 + 5**2)),  # √50 ≈ 7.07: sample 1 is the nearer neighbour
        ([170, 65], [180, 80], np.sqrt(10**2 + 15**2)),  # √(100 + 225) = √325 ≈ 18.03
        ([10, 20], [40, 50], np.sqrt(30**2 + 30**2)),  # game map: √1800 ≈ 42.43
    ],
    ids=["sample1", "sample2", "game-map"],
)
def test_neighbours(a, b, expected):
    assert lb.euclidean(a, b) == approx(expected, rel=1e-12)
    assert lb.euclidean(b, a) == approx(expected, rel=1e-12)


def test_nearest_neighbour_is_sample1():
    new = [170, 65]
    assert lb.euclidean(new, [165, 60]) < lb.euclidean(new, [180, 80])


def test_body_weight():
    y, yhat = [60, 70, 80], [65, 68, 75]
    squares = [(65 - 60) ** 2, (68 - 70) ** 2, (75 - 80) ** 2]  # 25, 4, 25
    np.testing.assert_array_equal(lb.mse(y, yhat, reduction="none"), squares)
    assert lb.mse(y, yhat, reduction="sum") == sum(squares)  # 54
    assert lb.mse(y, yhat) == approx(sum(squares) / 3, rel=1e-12)  # 18
    assert lb.euclidean(y, yhat) == approx(np.sqrt(sum(squares)), rel=1e-12)  # √54 ≈ 7.348


def test_mse_is_symmetric():
    assert lb.mse([100], [90]) == lb.mse([100], [110]) == (100 - 90) ** 2  # 100 each


# --- binary cross-entropy -------------------------------------------------------------------


@pytest.mark.parametrize("p", [0.9, 0.6, 0.1], ids=["confident-right", "unsure", "confident-wrong"])
def test_students_exam_question(p):
    assert lb.binary_cross_entropy([1.0], [p]) == approx(-np.log(p), rel=1e-12)


@pytest.mark.parametrize(
    "y, p, expected",
    [(1.0, 0.9, -np.log(0.9)), (0.0, 0.1, -np.log(1 - 0.1)), (1.0, 0.1, -np.log(0.1))],
    ids=["cat-0.9", "not-cat-0.1", "cat-0.1"],
)
def test_cats(y, p, expected):
    assert lb.binary_cross_entropy([y], [p]) == approx(expected, rel=1e-12)


@pytest.mark.parametrize("p", [0.6, 0.7])
def test_course_pass(p):
    # The article prints 0.51 and 0.36: −ln 0.6 = 0.5108 and −ln 0.7 = 0.3567 rounded, not wrong.
    assert lb.binary_cross_entropy([1.0], [p]) == approx(-np.log(p), rel=1e-12)


@pytest.mark.parametrize("p", [0.99, 0.01, 0.5])
def test_confidence_table(p):
    # −ln 0.99 ≈ 0.01005, −ln 0.01 ≈ 4.605, −ln 0.5 = ln 2 ≈ 0.693
    assert lb.binary_cross_entropy([1.0], [p]) == approx(-np.log(p), rel=1e-12)
    assert lb.information(p) == approx(-np.log(p), rel=1e-12)


# --- categorical cross-entropy ----------------------------------------------------------------


def test_digit_seven():
    probs = np.array([0.01, 0, 0, 0.1, 0, 0, 0, 0.85, 0.04, 0])
    assert probs.sum() == approx(1.0, abs=1e-12)  # a valid distribution: 0.01 + 0.1 + 0.85 + 0.04
    target = np.eye(10)[7]
    # the article prints 0.162: −ln 0.85 = 0.1625 rounded
    assert lb.categorical_cross_entropy([target], [probs]) == approx(-np.log(0.85), rel=1e-12)
    assert lb.categorical_cross_entropy([7], [probs]) == approx(-np.log(0.85), rel=1e-12)


def test_digit_seven_given_little_probability():
    probs = np.array([0.01, 0, 0, 0.1, 0, 0, 0, 0.01, 0.88, 0])  # the 0.84 moved to "8"
    assert lb.categorical_cross_entropy([7], [probs]) == approx(-np.log(0.01), rel=1e-12)  # ≈ 4.605


@pytest.mark.parametrize(
    "probs, expected",
    [([0.2, 0.5, 0.3], -np.log(0.3)), ([0.2, 0.2, 0.6], -np.log(0.6))],
    ids=["fail-0.3", "fail-0.6"],
)
def test_exam_grades(probs, expected):
    # true class "fail" is index 2; the article prints 1.2 for −ln 0.3 = 1.204 (rounded)
    assert lb.categorical_cross_entropy([2], [probs]) == approx(expected, rel=1e-12)
    assert lb.cross_entropy_pq([0, 0, 1], probs) == approx(expected, rel=1e-12)


# --- why cross-entropy and not MSE for a sigmoid: the pneumonia doctor ------------------------

Y = np.array([1.0, 1.0, 0.0])
YHAT = np.array([0.2, 0.8, 0.95])  # three stages of training


def test_pneumonia_losses():
    np.testing.assert_allclose(lb.mse(Y, YHAT, reduction="none"), (YHAT - Y) ** 2, rtol=1e-12)  # 0.64, 0.04, 0.9025
    expected_ce = [-np.log(0.2), -np.log(0.8), -np.log(1 - 0.95)]  # 1.609, 0.2231, 2.996
    np.testing.assert_allclose(lb.binary_cross_entropy(Y, YHAT, reduction="none"), expected_ce, rtol=1e-12)
    # the worst stage (confidently wrong) costs most under cross-entropy
    assert np.argmax(lb.binary_cross_entropy(Y, YHAT, reduction="none")) == 2


def test_pneumonia_cross_entropy_gradient():
    # ∂CE/∂z = ŷ − y: −0.8, −0.2, 0.95
    grad = lb.binary_cross_entropy_with_logits_grad(Y, logit(YHAT), reduction="none")
    np.testing.assert_allclose(grad, YHAT - Y, rtol=1e-12, atol=1e-15)


def test_pneumonia_mse_gradient_through_sigmoid():
    z = logit(YHAT)
    dsigmoid = sigmoid(z) * (1 - sigmoid(z))  # σ'(z) = ŷ(1 − ŷ)
    chain = lb.mse_grad(Y, YHAT, reduction="none") * dsigmoid
    # lossbook's MSE has no ½, so the factor 2 stays: 2(ŷ − y)ŷ(1 − ŷ) = −0.256, −0.064, 0.08575.
    # The article drops the 2 (its MSE has a ½) and prints −0.128, −0.032, ≈0.045; its third
    # value is (0.95)(0.0475) = 0.045125.
    np.testing.assert_allclose(chain, 2 * (YHAT - Y) * YHAT * (1 - YHAT), rtol=1e-12)
    # the point of the example: at the confidently wrong stage, MSE's gradient is tiny
    assert abs(chain[2]) < abs(YHAT[2] - Y[2])


# --- gradients of distances and of L1 vs L2 -------------------------------------------------


def test_normalised_gradient():
    errors = np.array([2.0, -3.0, 5.0])
    norm = np.sqrt(2**2 + 3**2 + 5**2)  # √38 ≈ 6.164
    assert lb.euclidean(np.zeros(3), errors) == approx(norm, rel=1e-12)
    unit = lb.euclidean_grad(np.zeros(3), errors)
    # the article prints (0.32, −0.49, 0.81): (0.3244, −0.4867, 0.8111) rounded
    np.testing.assert_allclose(unit, errors / norm, rtol=1e-12)
    assert np.linalg.norm(unit) == approx(1.0, rel=1e-12)


def test_absolute_vs_squared():
    labels = [1, 1, 1]
    assert lb.mae(labels, [1, 2, 3], reduction="sum") == 0 + 1 + 2  # 3
    assert lb.mse(labels, [1, 2, 3], reduction="sum") == 0 + 1 + 4  # 5
    assert lb.mae(labels, [1, 3, 3], reduction="sum") == 0 + 2 + 2  # 4
    assert lb.mse(labels, [1, 3, 3], reduction="sum") == 0 + 4 + 4  # 8
    ratio_abs = lb.mae(labels, [1, 3, 3], reduction="sum") / lb.mae(labels, [1, 2, 3], reduction="sum")
    ratio_sq = lb.mse(labels, [1, 3, 3], reduction="sum") / lb.mse(labels, [1, 2, 3], reduction="sum")
    assert (ratio_abs, ratio_sq) == (approx(4 / 3), approx(8 / 5))  # squared error punishes the change more


# --- training from the article's starting points ---------------------------------------------

X_LIN = np.arange(1.0, 6.0)
Y_LIN = 2 * X_LIN + 1  # 3, 5, 7, 9, 11


def test_linear_regression_start():
    theta0, theta1 = 0.0, 1.0
    predictions = theta0 + theta1 * X_LIN  # 1, 2, 3, 4, 5
    squares = [(3 - 1) ** 2, (5 - 2) ** 2, (7 - 3) ** 2, (9 - 4) ** 2, (11 - 5) ** 2]  # 4, 9, 16, 25, 36
    np.testing.assert_array_equal(lb.mse(Y_LIN, predictions, reduction="none"), squares)
    # The article prints (4 + 1 + 0 + 1 + 16)/5 = 4.4; those are not the squared errors of
    # predictions 1..5 against 3, 5, 7, 9, 11 (the errors are 2, 3, 4, 5, 6). The MSE is 90/5 = 18.
    assert lb.mse(Y_LIN, predictions) == approx(sum(squares) / 5, rel=1e-12)
    assert 0.5 * lb.mse(Y_LIN, predictions) == approx(sum(squares) / 10, rel=1e-12)  # J = 9 with the ½


def test_linear_regression_converges():
    model = lb.fit(X_LIN[:, None], Y_LIN, lb.mse, optimizer=lb.GradientDescent(lr=0.05), steps=2000)
    assert model.w[0] == approx(2.0, abs=1e-3)
    assert model.b == approx(1.0, abs=1e-3)
    assert model.path.values[-1] < 1e-5 < model.path.values[0]


X_LOG = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
Y_LOG = np.array([0.0, 1.0, 1.0])


def test_logistic_regression_start():
    theta = np.zeros(2)
    z = X_LOG @ theta
    np.testing.assert_array_equal(sigmoid(z), [0.5, 0.5, 0.5])
    np.testing.assert_allclose(lb.binary_cross_entropy(Y_LOG, sigmoid(z), reduction="none"), np.log(2), rtol=1e-12)
    assert lb.binary_cross_entropy_with_logits(Y_LOG, z) == approx(np.log(2), rel=1e-12)  # ≈ 0.6931


@pytest.mark.parametrize("loss, activation", [(lb.binary_cross_entropy_with_logits, None),
                                              (lb.binary_cross_entropy, "sigmoid")])
def test_logistic_regression_learns(loss, activation):
    # the article's model has no bias; lb.fit has one (starting at 0), which does no harm here
    model = lb.fit(X_LOG, Y_LOG, loss, activation=activation, optimizer=lb.GradientDescent(lr=0.5), steps=300)
    assert model.path.values[0] == approx(np.log(2), rel=1e-12)
    assert model.path.values[-1] < model.path.values[0]
    assert np.all(np.diff(model.path.values) <= 1e-12)  # full-batch GD with a small step goes down
    prob = model.predict(X_LOG) if activation else sigmoid(model.predict(X_LOG))
    np.testing.assert_array_equal(prob > 0.5, Y_LOG == 1)
