"""Optimisers, the training loop and the synthetic data sets."""

import numpy as np
import pytest

import lossbook as lb

CENTRE = np.array([1.0, -2.0])


def quadratic(x):
    return float(np.sum((x - CENTRE) ** 2))


def quadratic_grad(x):
    return 2 * (x - CENTRE)


# --- optimisers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "optimizer",
    [lb.GradientDescent(lr=0.1), lb.Momentum(lr=0.05, beta=0.9), lb.RMSprop(lr=0.05), lb.Adam(lr=0.1)],
    ids=["gd", "momentum", "rmsprop", "adam"],
)
def test_optimisers_minimise_a_quadratic(optimizer):
    x0 = np.array([4.0, 3.0])
    path = lb.minimize(quadratic, x0, jac=quadratic_grad, optimizer=optimizer, steps=300)
    assert path.params.shape == (301, 2)
    assert path.values.shape == (301,)
    np.testing.assert_array_equal(path.params[0], x0)
    assert path.values[0] == quadratic(x0)
    assert path.values[-1] < 1e-3 * path.values[0]


def test_gradient_descent_steps():
    lr, x0 = 0.1, np.array([4.0, 3.0])
    path = lb.minimize(quadratic, x0, jac=quadratic_grad, optimizer=lb.GradientDescent(lr=lr), steps=2)
    x1 = x0 - lr * quadratic_grad(x0)
    x2 = x1 - lr * quadratic_grad(x1)
    np.testing.assert_allclose(path.params, [x0, x1, x2], rtol=1e-15)


def test_momentum_steps():
    lr, beta, x0 = 0.05, 0.9, np.array([4.0, 3.0])
    path = lb.minimize(quadratic, x0, jac=quadratic_grad, optimizer=lb.Momentum(lr=lr, beta=beta), steps=2)
    v1 = quadratic_grad(x0)
    x1 = x0 - lr * v1
    v2 = beta * v1 + quadratic_grad(x1)
    np.testing.assert_allclose(path.params[1:], [x1, x1 - lr * v2], rtol=1e-15)


def test_rmsprop_first_step():
    lr, rho, x0 = 0.01, 0.9, np.array([4.0, 3.0])
    path = lb.minimize(quadratic, x0, jac=quadratic_grad, optimizer=lb.RMSprop(lr=lr, rho=rho), steps=1)
    g = quadratic_grad(x0)
    np.testing.assert_allclose(path.params[1], x0 - lr * g / (np.sqrt((1 - rho) * g**2) + 1e-8), rtol=1e-15)


@pytest.mark.parametrize("scale", [1e-3, 1.0, 1e3])
@pytest.mark.parametrize("lr", [0.001, 0.1])
def test_adam_first_step_has_size_lr(scale, lr):
    # bias correction makes m̂ = g and ŝ = g² after one step, so each coordinate moves lr·g/|g|
    g = scale * np.array([3.0, -0.5, 2.0])
    x1 = lb.Adam(lr=lr).step(np.zeros(3), g)
    np.testing.assert_allclose(np.abs(x1), lr, rtol=1e-4)
    np.testing.assert_array_equal(np.sign(x1), -np.sign(g))


def test_minimize_scalar_start():
    path = lb.minimize(lambda x: x**2, 3.0, jac=lambda x: 2 * x, steps=2)  # default: GD with lr = 0.1
    np.testing.assert_allclose(path.params, [3.0, 3.0 * 0.8, 3.0 * 0.8**2], rtol=1e-15)


# --- fit ---------------------------------------------------------------------------------------


def small_problem():
    X, y, _ = lb.line_data(40, noise=0.5, seed=3)
    return X, y


@pytest.mark.parametrize("optimizer", [lambda: lb.GradientDescent(lr=0.01), lambda: lb.Adam(lr=0.05)])
def test_fit_with_batches_is_deterministic(optimizer):
    X, y = small_problem()
    runs = [lb.fit(X, y, lb.mse, optimizer=optimizer(), steps=50, batch_size=8, seed=7) for _ in range(2)]
    np.testing.assert_array_equal(runs[0].path.params, runs[1].path.params)
    other = lb.fit(X, y, lb.mse, optimizer=optimizer(), steps=50, batch_size=8, seed=8)
    assert not np.array_equal(runs[0].path.params, other.path.params)  # the seed does pick the batches


def test_fit_resets_the_optimiser():
    X, y = small_problem()
    opt = lb.Adam(lr=0.05)
    first = lb.fit(X, y, lb.huber, optimizer=opt, steps=30, delta=1.5)
    second = lb.fit(X, y, lb.huber, optimizer=opt, steps=30, delta=1.5)
    np.testing.assert_array_equal(first.path.params, second.path.params)


def test_fit_gradient_is_the_chain_rule():
    # one GD step from zero: the step is -lr times ∂L/∂(w, b) = (Xᵀ g, Σ g) with g = mse_grad
    X, y = small_problem()
    lr = 0.01
    model = lb.fit(X, y, lb.mse, optimizer=lb.GradientDescent(lr=lr), steps=1)
    g = 2 * (0.0 - y) / len(y)
    np.testing.assert_allclose(model.path.params[1], -lr * np.append(X.T @ g, g.sum()), rtol=1e-12)


def test_fit_is_robust_to_outliers_with_huber():
    X, y, _ = lb.line_data(40, noise=0.1, n_outliers=4, seed=1)
    kw = dict(optimizer=lb.GradientDescent(lr=0.02), steps=3000)
    slope_mse = lb.fit(X, y, lb.mse, **kw).w[0]
    slope_huber = lb.fit(X, y, lb.huber, delta=1.0, **kw).w[0]
    assert abs(slope_huber - 2.0) < abs(slope_mse - 2.0)


LOSSES_WITH_GRAD = [s.loss for s in lb.registry.LOSSES.values() if s.grad is not None]


@pytest.mark.parametrize("loss", LOSSES_WITH_GRAD, ids=lambda f: f.__name__)
def test_gradient_of(loss):
    assert lb.gradient_of(loss) is getattr(lb, loss.__name__ + "_grad")
    assert lb.gradient_of(loss.__name__) is getattr(lb, loss.__name__ + "_grad")


def test_gradient_of_mse():
    assert lb.gradient_of(lb.mse) is lb.mse_grad


@pytest.mark.parametrize("loss", [lb.zero_one, np.mean, lambda y, p: 0.0], ids=["zero_one", "np.mean", "lambda"])
def test_gradient_of_refuses_non_differentiable(loss):
    with pytest.raises(TypeError, match="loss must be a (differentiable )?lossbook loss"):
        lb.gradient_of(loss)


# --- data --------------------------------------------------------------------------------------

GENERATORS = [
    pytest.param(lambda seed: lb.line_data(25, n_outliers=3, seed=seed), id="line_data"),
    pytest.param(lambda seed: lb.two_blobs(31, seed=seed), id="two_blobs"),
    pytest.param(lambda seed: lb.imbalanced_binary(500, seed=seed), id="imbalanced_binary"),
    pytest.param(lambda seed: lb.blobs(60, n_classes=4, seed=seed), id="blobs"),
]


@pytest.mark.parametrize("make", GENERATORS)
def test_generators_are_deterministic(make):
    for a, b in zip(make(0), make(0)):
        np.testing.assert_array_equal(a, b)
    assert not np.array_equal(make(0)[0], make(1)[0])


def test_line_data_shapes_and_outliers():
    n, k, shift = 25, 3, 30.0
    X, y, is_outlier = lb.line_data(n, w=2.0, b=1.0, noise=0.0, n_outliers=k, outlier_shift=shift, seed=0)
    assert (X.shape, y.shape, is_outlier.shape, is_outlier.dtype) == ((n, 1), (n,), (n,), np.dtype(bool))
    assert is_outlier.sum() == k
    assert np.all(is_outlier[-k:]) and X[-k:, 0].min() >= X[:-k, 0].max()  # the largest x
    line = 2.0 * X[:, 0] + 1.0
    np.testing.assert_allclose(y[~is_outlier], line[~is_outlier], rtol=1e-12)  # no noise: on the line
    np.testing.assert_allclose(y[is_outlier] - line[is_outlier], shift, rtol=1e-12)
    assert np.all((X >= 0) & (X <= 10))


def test_line_data_without_outliers():
    _, _, is_outlier = lb.line_data(10)
    assert not is_outlier.any()


def test_two_blobs():
    X, y = lb.two_blobs(31, distance=6.0, std=0.5)
    assert X.shape == (31, 2) and y.shape == (31,)
    assert (np.sum(y == 0), np.sum(y == 1)) == (31 - 31 // 2, 31 // 2)
    centres = np.array([X[y == c].mean(axis=0) for c in (0, 1)])
    assert np.linalg.norm(centres[1] - centres[0]) == pytest.approx(6.0, abs=0.6)


@pytest.mark.parametrize("n, fraction", [(5000, 0.01), (1000, 0.1), (200, 0.5)])
@pytest.mark.parametrize("n_features", [1, 2, 5])
def test_imbalanced_binary(n, fraction, n_features):
    X, y = lb.imbalanced_binary(n, positive_fraction=fraction, n_features=n_features)
    assert X.shape == (n, n_features) and y.shape == (n,)
    assert set(np.unique(y)) <= {0.0, 1.0}
    assert y.mean() == pytest.approx(fraction, abs=1 / n)
    # positives are shifted along the diagonal: their mean feature sum is larger
    assert X[y == 1].sum(axis=1).mean() > X[y == 0].sum(axis=1).mean()


def test_blobs():
    X, y = lb.blobs(60, n_classes=4, n_features=3)
    assert X.shape == (60, 3) and y.shape == (60,)
    np.testing.assert_array_equal(np.bincount(y), [15, 15, 15, 15])
    assert np.issubdtype(y.dtype, np.integer)


@pytest.mark.parametrize("fraction", [0.0, 0.3, 0.5, 1.0])
def test_train_test_split(fraction):
    X, y = lb.blobs(40, seed=2)
    X_train, X_test, y_train, y_test = lb.train_test_split(X, y, test_fraction=fraction, seed=5)
    n_test = int(round(fraction * 40))
    assert (len(X_test), len(y_test), len(X_train), len(y_train)) == (n_test, n_test, 40 - n_test, 40 - n_test)
    # a permutation: every row appears exactly once, with its own label
    together = np.concatenate([np.column_stack([X_train, y_train]), np.column_stack([X_test, y_test])])
    assert sorted(map(tuple, together)) == sorted(map(tuple, np.column_stack([X, y])))


# --- what fit can express now: an L2 penalty, a step-size schedule, several outputs ---------------


def test_fit_l2_penalty_is_ridge():
    # ridge on centred data, no bias penalty: the minimiser of mean((Xw + b - y)^2) + (l2/2)|w|^2 is
    # w = (Xc'Xc/n + (l2/2) I)^-1 Xc'yc/n (from setting the gradient 2/n Xc'(Xc w - yc) + l2 w to 0), b = mean(y) - mean(X) w
    X, y = small_problem()
    l2 = 0.5
    model = lb.fit(X, y, lb.mse, l2=l2, optimizer=lb.GradientDescent(lr=0.01), steps=5000)
    Xc, yc, n = X - X.mean(0), y - y.mean(), len(y)
    w = np.linalg.solve(Xc.T @ Xc / n + l2 / 2 * np.eye(1), Xc.T @ yc / n)
    np.testing.assert_allclose(model.w, w, rtol=1e-6)
    assert model.b == pytest.approx(y.mean() - X.mean(0) @ w, rel=1e-6)
    assert model.path.values[-1] == pytest.approx(lb.mse(y, model.predict(X)) + l2 / 2 * float(model.w @ model.w), rel=1e-12)


def test_fit_l2_matches_scikit_learn_ridge():
    linear_model = pytest.importorskip("sklearn.linear_model")
    X, y = small_problem()
    # sklearn's Ridge minimises |Xw + b - y|^2 + alpha |w|^2 (a sum): with mean MSE, alpha = n l2 / 2
    l2 = 0.5
    model = lb.fit(X, y, lb.mse, l2=l2, optimizer=lb.GradientDescent(lr=0.01), steps=5000)
    ridge = linear_model.Ridge(alpha=len(y) * l2 / 2).fit(X, y)  # scikit-learn 1.9.1
    np.testing.assert_allclose(model.w, ridge.coef_, rtol=1e-6)
    assert model.b == pytest.approx(ridge.intercept_, rel=1e-6)


def test_fit_schedule_scales_each_step():
    X, y = small_problem()
    lr = 0.01
    factors = [1.0, 0.5, 0.25]
    model = lb.fit(X, y, lb.mse, optimizer=lb.GradientDescent(lr=lr), steps=3, schedule=lambda k: factors[k])
    theta = np.zeros(2)
    for f in factors:  # by hand: theta <- theta - lr f grad
        g = lb.mse_grad(y, X @ theta[:1] + theta[1])
        theta = theta - lr * f * np.append(X.T @ g, g.sum())
        np.testing.assert_allclose(model.path.params[factors.index(f) + 1], theta, rtol=1e-12)
    opt = lb.GradientDescent(lr=lr)
    lb.fit(X, y, lb.mse, optimizer=opt, steps=2, schedule=lambda k: 0.1)
    assert opt.lr == lr  # the optimiser is left as it was given


def test_fit_several_outputs_is_softmax_regression():
    X, y = lb.blobs(90, n_classes=3, seed=1)
    model = lb.fit(X, y, lb.cross_entropy, n_outputs=3, optimizer=lb.Adam(lr=0.1), steps=300)
    assert model.w.shape == (2, 3) and model.b.shape == (3,) and model.path.params.shape == (301, 3, 3)
    assert lb.accuracy(y, model.predict(X).argmax(axis=1)) > 0.9
    # one step by hand: dL/dW = X' (softmax(Z) - Y)/n at W = 0, b = 0
    one = lb.fit(X, y, lb.cross_entropy, n_outputs=3, optimizer=lb.GradientDescent(lr=1.0), steps=1)
    g = lb.cross_entropy_grad(y, np.zeros((90, 3)))
    np.testing.assert_allclose(one.w, -(X.T @ g), rtol=1e-12)
    np.testing.assert_allclose(one.b, -g.sum(axis=0), rtol=1e-12)


@pytest.mark.parametrize("kwargs, exc, match", [
    (dict(l2=-1.0), ValueError, r"l2 must be >= 0"),
    (dict(l2="0.1"), TypeError, r"l2 must be a real number"),
    (dict(schedule=0.5), TypeError, r"schedule must be a callable"),
    (dict(schedule=lambda k: -1.0), ValueError, r"schedule\(0\) must be >= 0"),
    (dict(n_outputs=2.0), TypeError, r"n_outputs must be an integer"),
])
def test_fit_refuses_bad_options(kwargs, exc, match):
    X, y = small_problem()
    with pytest.raises(exc, match=match):
        lb.fit(X, y, lb.mse, steps=2, **kwargs)
