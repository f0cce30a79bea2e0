"""Finite differences and the loss over a grid (lossbook/numerics.py) against values derived by hand."""

import numpy as np
import pytest

import lossbook as lb


@pytest.mark.parametrize("order", [2, 4])
def test_numeric_grad_of_a_polynomial(order):
    # f(x) = x0^3 + 2 x0 x1: grad = (3 x0^2 + 2 x1, 2 x0) = (3 + 4, 2) at (1, 2)
    g = lb.numeric_grad(lambda x: x[0] ** 3 + 2 * x[0] * x[1], [1.0, 2.0], order=order, h=1e-4)
    # central differences of a cubic: the order-2 error is h^2 f'''/6 = 1e-8, order 4 is exact up to rounding
    np.testing.assert_allclose(g, [7.0, 2.0], rtol=1e-7 if order == 2 else 1e-10)


def test_numeric_grad_of_a_scalar_and_a_matrix():
    assert lb.numeric_grad(np.sin, 0.0) == pytest.approx(1.0, rel=1e-9)  # d/dx sin x = cos 0 = 1
    x = np.arange(6.0).reshape(2, 3)
    np.testing.assert_allclose(lb.numeric_grad(lambda a: float(np.sum(a**2)), x), 2 * x, rtol=1e-8, atol=1e-8)


def test_check_grad_passes_and_reports_the_gap():
    gap = lb.check_grad(lambda p: lb.mse([1.0, 2.0], p), lambda p: lb.mse_grad([1.0, 2.0], p), [0.5, 3.0])
    assert 0 <= gap < 1e-8


def test_check_grad_names_the_worst_coordinate():
    with pytest.raises(ValueError, match=r"index \(1,\): analytic 0\.0, numeric 4\.0000000000\d*"):
        # f = x0^2 + x1^2 at (1, 2); a wrong gradient that forgets x1
        lb.check_grad(lambda x: float(np.sum(x**2)), lambda x: np.array([2 * x[0], 0.0]), [1.0, 2.0])
    with pytest.raises(ValueError, match="grad has shape"):
        lb.check_grad(lambda x: float(np.sum(x**2)), lambda x: np.zeros(3), [1.0, 2.0])


@pytest.mark.parametrize("call, exc, match", [
    (lambda: lb.numeric_grad(np.sum, [1.0], h=0.0), ValueError, r"h must be > 0"),
    (lambda: lb.numeric_grad(np.sum, [1.0], h="1"), TypeError, r"h must be a real number"),
    (lambda: lb.numeric_grad(np.sum, [1.0], order=3), ValueError, r"order must be 2 or 4"),
    (lambda: lb.numeric_grad(lambda x: x, [1.0, 2.0]), ValueError, r"fun must return a single number"),
    (lambda: lb.loss_grid(lb.mse, [1.0, 2.0], [1.0], np.zeros(2), np.zeros(2)), ValueError, r"X must have shape"),
    (lambda: lb.loss_grid(lb.mse, [1.0], [1.0], np.zeros(2), np.zeros(3)), ValueError, r"weights and biases"),
])
def test_bad_input(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


@pytest.mark.parametrize("loss, kwargs", [(lb.mse, {}), (lb.mae, {}), (lb.huber, {"delta": 0.7})])
def test_loss_grid_is_the_loss_at_each_grid_point(loss, kwargs):
    X, y, _ = lb.line_data(12, seed=4)
    W, B = np.meshgrid(np.linspace(-1, 3, 5), np.linspace(-2, 2, 4))
    J = lb.loss_grid(loss, y, X, W, B, **kwargs)
    expected = np.array([[loss(y, w * X[:, 0] + b, **kwargs) for w, b in zip(rw, rb)] for rw, rb in zip(W, B)])
    assert J.shape == W.shape
    np.testing.assert_allclose(J, expected, rtol=1e-12)


def test_minimize_without_jac_uses_finite_differences():
    # f(x) = (x - 3)^2, GD with lr 0.25 from 0: x_{k+1} = x_k - 0.5 (x_k - 3), so x_k = 3 (1 - 0.5^k)
    path = lb.minimize(lambda x: float((x - 3) ** 2), 0.0, steps=4, optimizer=lb.GradientDescent(lr=0.25))
    np.testing.assert_allclose(path.params, [3 * (1 - 0.5**k) for k in range(5)], rtol=1e-7)
    both = lb.minimize(lambda x: (float((x - 3) ** 2), 2 * (x - 3)), 0.0, jac=True, steps=4,
                       optimizer=lb.GradientDescent(lr=0.25))
    np.testing.assert_allclose(both.params, [3 * (1 - 0.5**k) for k in range(5)], rtol=1e-12)
    with pytest.raises(TypeError, match="jac must be a callable, True or None"):
        lb.minimize(lambda x: x**2, 0.0, jac="2-point")
