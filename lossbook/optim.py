"""Small optimisers and a training loop for linear and logistic models (chapters 1, 2, 4, 6).

An optimiser turns a gradient into a step: ``params = opt.step(params, grad)``.
:func:`minimize` walks any differentiable function; :func:`fit` trains
``ŷ = activation(X @ w + b)`` on any lossbook loss, using that loss's ``_grad``.
"""

from dataclasses import dataclass

import numpy as np

from . import _validation as v
from .activations import _sigmoid


class GradientDescent:
    r"""Plain gradient descent (梯度下降): :math:`\theta \leftarrow \theta - \eta\, g`.

    Raises
    ------
    TypeError
        An argument of the wrong type (e.g. a string or a float where an integer is expected).
    ValueError
        An argument outside its allowed values (lr: a real number > 0).

    Notes
    -----
    Taught in chapters 1, 6.

    References
    ----------
    .. [1] J. Nocedal and S. J. Wright, *Numerical Optimization*, 2nd ed., Springer 2006, chapter 3. https://doi.org/10.1007/978-0-387-40065-5
    """

    def __init__(self, lr=0.1):
        self.lr = v.scalar(lr, "lr", minimum=0.0, strict=True)

    def reset(self):
        """Forget any state (plain gradient descent has none)."""

    def step(self, params, grad):
        return params - self.lr * grad

    def __repr__(self):
        return f"{type(self).__name__}(lr={self.lr:g})"


class Momentum(GradientDescent):
    r"""SGD with momentum (动量): :math:`v \leftarrow \beta v + g,\ \theta \leftarrow \theta - \eta v`.

    Raises
    ------
    TypeError
        An argument of the wrong type (e.g. a string or a float where an integer is expected).
    ValueError
        An argument outside its allowed values (lr > 0; beta in [0, 1]).

    Notes
    -----
    Taught in chapter 6.

    References
    ----------
    .. [1] B. T. Polyak, "Some methods of speeding up the convergence of iteration methods", USSR Comput. Math. Math. Phys. 4(5), 1964. https://doi.org/10.1016/0041-5553(64)90137-5
    """

    def __init__(self, lr=0.1, beta=0.9):
        super().__init__(lr)
        self.beta = v.scalar(beta, "beta", minimum=0.0, maximum=1.0)
        self.reset()

    def reset(self):
        self.velocity = 0.0

    def step(self, params, grad):
        self.velocity = self.beta * self.velocity + grad
        return params - self.lr * self.velocity


class RMSprop(GradientDescent):
    r"""RMSprop: divide the step by a running root-mean-square of the gradient.

    :math:`s \leftarrow \rho s + (1-\rho) g^2,\ \theta \leftarrow \theta - \eta\, g/(\sqrt s + \epsilon)`.

    Raises
    ------
    TypeError
        An argument of the wrong type (e.g. a string or a float where an integer is expected).
    ValueError
        An argument outside its allowed values (lr > 0; rho in [0, 1]; eps > 0).

    Notes
    -----
    Taught in chapter 6.

    References
    ----------
    .. [1] T. Tieleman and G. Hinton, Lecture 6.5 of "Neural Networks for Machine Learning", 2012. https://www.cs.toronto.edu/~tijmen/csc321/slides/lecture_slides_lec6.pdf
    """

    def __init__(self, lr=0.01, rho=0.9, eps=1e-8):
        super().__init__(lr)
        self.rho = v.scalar(rho, "rho", minimum=0.0, maximum=1.0)
        self.eps = v.scalar(eps, "eps", minimum=0.0, strict=True)
        self.reset()

    def reset(self):
        self.square_avg = 0.0

    def step(self, params, grad):
        self.square_avg = self.rho * self.square_avg + (1 - self.rho) * grad**2
        return params - self.lr * grad / (np.sqrt(self.square_avg) + self.eps)


class Adam(GradientDescent):
    r"""Adam: momentum on the gradient and RMSprop-style scaling, both bias-corrected.

    Raises
    ------
    TypeError
        An argument of the wrong type (e.g. a string or a float where an integer is expected).
    ValueError
        An argument outside its allowed values (lr > 0; beta1, beta2 in [0, 1]; eps > 0).

    Notes
    -----
    Taught in chapters 2, 6.

    References
    ----------
    .. [1] D. P. Kingma and J. Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015. https://arxiv.org/abs/1412.6980
    """

    def __init__(self, lr=0.01, beta1=0.9, beta2=0.999, eps=1e-8):
        super().__init__(lr)
        self.beta1 = v.scalar(beta1, "beta1", minimum=0.0, maximum=1.0)
        self.beta2 = v.scalar(beta2, "beta2", minimum=0.0, maximum=1.0)
        self.eps = v.scalar(eps, "eps", minimum=0.0, strict=True)
        self.reset()

    def reset(self):
        self.m, self.s, self.t = 0.0, 0.0, 0

    def step(self, params, grad):
        self.t += 1
        self.m = self.beta1 * self.m + (1 - self.beta1) * grad
        self.s = self.beta2 * self.s + (1 - self.beta2) * grad**2
        m_hat = self.m / (1 - self.beta1**self.t)
        s_hat = self.s / (1 - self.beta2**self.t)
        return params - self.lr * m_hat / (np.sqrt(s_hat) + self.eps)


def _optimizer(optimizer):
    if optimizer is None:
        return GradientDescent()
    if not isinstance(optimizer, GradientDescent):
        raise TypeError(f"optimizer must be a lossbook optimiser such as lb.Adam(lr=0.01), got {optimizer!r}")
    optimizer.reset()
    return optimizer


def _steps(steps):
    return v.integer(steps, "steps", minimum=0)


@dataclass
class Path:
    """Where an optimiser went: ``params[k]`` and ``values[k]`` after ``k`` steps (``k = 0`` is the start).

    Raises
    ------
    TypeError
        Not raised by this container itself; the functions that fill it validate their input.

    Notes
    -----
    Taught in chapter 1.

    References
    ----------
    .. [1] J. Nocedal and S. J. Wright, *Numerical Optimization*, 2nd ed., Springer 2006. https://doi.org/10.1007/978-0-387-40065-5
    """

    params: np.ndarray
    values: np.ndarray


def minimize(fun, x0, *, jac=None, optimizer=None, steps=100):
    r"""Minimise ``fun`` from ``x0`` with ``optimizer``, recording every step.

    The argument order is that of ``scipy.optimize.minimize(fun, x0, jac=...)``.

    Parameters
    ----------
    fun : callable
        ``fun(x)`` returns a float. With ``jac=True`` it returns ``(value, gradient)``.
    x0 : float or array_like, any shape
        The start.
    jac : callable, True or None
        ``jac(x)`` returns the gradient, an array shaped like ``x``; ``True`` means
        ``fun`` returns it with the value; ``None`` uses central finite differences
        (:func:`lossbook.numerics.numeric_grad`, two calls of ``fun`` per coordinate).
    optimizer : optimiser, default ``GradientDescent(lr=0.1)``
    steps : int, >= 0

    Returns
    -------
    Path
        ``params`` has shape ``(steps + 1,) + x0.shape``; ``values`` shape ``(steps + 1,)``.

    Raises
    ------
    TypeError
        If ``optimizer`` is not a lossbook optimiser, ``steps`` not an integer, or ``jac``
        neither callable, True nor None.
    ValueError
        If ``steps < 0`` or ``x0`` holds NaN or inf.

    Notes
    -----
    Chapters 1, 3, 4, 5 and 6 walk their losses with it. Unlike scipy it takes a
    fixed number of steps and keeps the whole path, which is what the figures draw.

    References
    ----------
    .. [1] J. Nocedal and S. J. Wright, *Numerical Optimization*, 2nd ed., Springer 2006, chapter 3. https://doi.org/10.1007/978-0-387-40065-5
    .. [2] SciPy, ``scipy.optimize.minimize`` (the argument order). https://docs.scipy.org/doc/scipy/reference/generated/scipy.optimize.minimize.html

    Examples
    --------
    >>> path = minimize(lambda x: x**2, 3.0, jac=lambda x: 2 * x, steps=2)
    >>> path.params.round(3).tolist()
    [3.0, 2.4, 1.92]
    """
    x = v.as_array(x0, "x0")
    opt, steps = _optimizer(optimizer), _steps(steps)
    if jac is True:
        def value_and_grad(p):
            value, grad = fun(p)
            return float(value), np.asarray(grad, dtype=np.float64)
    elif callable(jac) or jac is None:
        from .numerics import numeric_grad

        def value_and_grad(p):
            grad = jac(p) if jac is not None else numeric_grad(fun, p)
            return float(fun(p)), np.asarray(grad, dtype=np.float64)
    else:
        raise TypeError(f"jac must be a callable, True or None, got {jac!r}")
    params, values = [x], []
    for _ in range(steps):
        value, grad = value_and_grad(x)
        values.append(value)
        x = opt.step(x, grad)
        params.append(x)
    values.append(float(fun(x)[0] if jac is True else fun(x)))
    return Path(np.array(params), np.array(values))


def gradient_of(loss):
    """The gradient function of a lossbook ``loss``, from the registry (:mod:`lossbook.registry`).

    Parameters
    ----------
    loss : callable or str
        A loss of the registry, e.g. ``lb.mse`` or ``"mse"``.

    Returns
    -------
    callable
        ``<loss>_grad``, with the same arguments as the loss.

    Raises
    ------
    TypeError
        If ``loss`` is not in the registry, or has no gradient (``zero_one``).

    Notes
    -----
    Taught in chapters 1-6.

    References
    ----------
    .. [1] scikit-learn's loss registry ``_LOSSES`` in ``sklearn/_loss/loss.py``, the model of ``lossbook.registry``. https://github.com/scikit-learn/scikit-learn/blob/main/sklearn/_loss/loss.py

    Examples
    --------
    >>> import lossbook as lb
    >>> gradient_of(lb.mse) is lb.mse_grad
    True
    """
    from .registry import spec_of

    spec = spec_of(loss)
    if spec.grad is None:
        raise TypeError(f"loss must be a differentiable lossbook loss such as lb.mse; {spec.name} has no gradient")
    return spec.grad


ACTIVATIONS = {None: (lambda z: z, lambda z, out: np.ones_like(z)),
               "sigmoid": (_sigmoid, lambda z, out: out * (1.0 - out))}


def _check_loss_for_fit(loss, activation):
    """fit needs a loss of (y, prediction) with a reduction; no sigmoid in front of logits or scores."""
    from .registry import spec_of

    spec = spec_of(loss)
    if spec.reduces_over is None or len(spec.arrays) != 2:
        raise ValueError(f"fit needs a loss of (y, prediction) with a reduction, such as lb.mse; "
                         f"{spec.name} takes {', '.join(spec.array_names)}")
    if activation == "sigmoid" and spec.takes_logits:
        raise ValueError(f"{spec.name} takes {spec.prediction} (the sigmoid is built in or not wanted); "
                         f"activation='sigmoid' would apply it twice. Use activation=None")


@dataclass
class Fit:
    """A trained linear model ``ŷ = activation(X @ w + b)`` and its training history.

    ``path.params[k]`` is ``[w..., b]`` after ``k`` steps (for ``n_outputs=k`` an array of
    shape ``(d + 1, k)`` whose last row is ``b``) and ``path.values[k]`` the training
    objective on the whole training set there (the loss plus the L2 penalty, if any).

    Raises
    ------
    TypeError
        Not raised by this container itself; the functions that fill it validate their input.

    Notes
    -----
    Taught in chapters 1, 2, 4.

    References
    ----------
    .. [1] T. Hastie, R. Tibshirani, J. Friedman, *The Elements of Statistical Learning*, 2nd ed., Springer 2009, chapters 3-4. https://hastie.su.domains/ElemStatLearn/
    """

    w: np.ndarray
    b: object
    path: Path
    activation: str = None

    def predict(self, X):
        """Model output for inputs ``X`` of shape ``(n, d)``: shape ``(n,)``, or ``(n, k)`` with k outputs."""
        X = v.as_array(X, "X")
        return ACTIVATIONS[self.activation][0](X @ self.w + self.b)


def fit(X, y, loss, *, activation=None, optimizer=None, steps=100, batch_size=None,
        w0=None, b0=0.0, seed=0, l2=0.0, schedule=None, n_outputs=None, **loss_kwargs):
    r"""Train :math:`\hat y = a(Xw + b)` by minimising ``loss(y, ŷ) + (l2/2)‖w‖²`` with ``optimizer``.

    Parameters
    ----------
    X : array_like, shape (n, d)
    y : array_like, shape (n,), or what ``loss`` takes for ``n_outputs`` outputs
        (class indices of shape (n,) or rows of shape (n, k) for :func:`lossbook.cross_entropy`).
    loss : lossbook loss, e.g. ``lb.mse`` or ``lb.binary_cross_entropy_with_logits``
        Its ``_grad`` gives :math:`\partial L/\partial\hat y`; the chain rule does the rest:
        :math:`\partial L/\partial w = X^\top (\partial L/\partial\hat y \cdot a'(z))`.
    activation : {None, 'sigmoid'}
        Applied to :math:`z = Xw + b`. Use None with losses that take logits or scores
        (a sigmoid in front of them is refused: it would be applied twice).
    optimizer : optimiser, default ``GradientDescent(lr=0.1)``
    steps : int, >= 0
    batch_size : int in [1, n], optional
        Mini-batch size for the gradient (drawn with ``seed``); all data by default.
    w0, b0 : starting parameters (zeros by default); shapes (d,) and scalar, or (d, k) and (k,).
    seed : int
    l2 : float, >= 0
        Weight of the L2 penalty :math:`\tfrac{\lambda}{2}\lVert w\rVert^2` (weight decay:
        it adds :math:`\lambda w` to the gradient). The bias is not penalised.
    schedule : callable, optional
        ``schedule(k)`` for step ``k = 0, 1, ...`` returns a factor (>= 0) on the optimiser's
        learning rate, e.g. ``lambda k: 0.5 ** (k // 100)`` (step decay) or ``lambda k: 1 / (1 + k)``.
    n_outputs : int, optional
        Train k outputs at once, :math:`Z = XW + \mathbf b` with :math:`W` of shape (d, k):
        softmax regression with ``lb.cross_entropy``, or k regressions with ``lb.mse``.
    **loss_kwargs : passed to the loss, e.g. ``delta=1.5``.

    Returns
    -------
    Fit

    Raises
    ------
    TypeError
        ``loss`` not a differentiable lossbook loss; ``steps``, ``batch_size``,
        ``n_outputs`` not integers; ``l2`` not a real number; ``schedule`` not callable.
    ValueError
        Shapes that do not match, NaN or inf in the data, ``activation`` not None or
        'sigmoid', a sigmoid in front of logits or scores, ``l2 < 0``, a schedule factor
        that is negative or not finite.

    Notes
    -----
    Chapters 1, 2, 4, 5 and 6. Where writing the loop is the lesson, the chapter writes it;
    ``fit`` is for the experiments after that.

    References
    ----------
    .. [1] A. Krogh and J. Hertz, "A Simple Weight Decay Can Improve Generalization", NIPS 1991.
       https://proceedings.neurips.cc/paper/1991/hash/8eefcfdf5990e441f0fb6f3fad709e21-Abstract.html

    Examples
    --------
    >>> from lossbook import mse
    >>> X = np.arange(1.0, 6.0)[:, None]
    >>> model = fit(X, 2 * X[:, 0] + 1, mse, optimizer=GradientDescent(lr=0.05), steps=2000)
    >>> np.round([model.w[0], model.b], 3).tolist()
    [2.0, 1.0]
    """
    X = v.as_array(X, "X")
    if X.ndim != 2:
        raise ValueError(f"X must have shape (n, d), got {X.shape}")
    n, d = X.shape
    if n_outputs is None:
        y = v.as_array(y, "y")
        if y.shape != X.shape[:1]:
            raise ValueError(f"X must have shape (n, d) and y shape (n,), got {X.shape} and {y.shape}")
        out_shape = ()
    else:
        out_shape = (v.integer(n_outputs, "n_outputs", minimum=1),)
        y = np.asarray(y)
        if y.shape[:1] != (n,):
            raise ValueError(f"y must have one row per row of X ({n}), got shape {y.shape}")
    v.choice(activation, "activation", tuple(ACTIVATIONS))
    loss_grad = gradient_of(loss)
    _check_loss_for_fit(loss, activation)
    act, act_grad = ACTIVATIONS[activation]
    opt, steps = _optimizer(optimizer), _steps(steps)
    l2 = v.scalar(l2, "l2", minimum=0.0)
    if schedule is not None and not callable(schedule):
        raise TypeError(f"schedule must be a callable step -> factor, got {schedule!r}")
    if batch_size is not None:
        batch_size = v.integer(batch_size, "batch_size", minimum=1, maximum=n)
    theta = np.zeros((d + 1,) + out_shape)
    if w0 is not None:
        theta[:-1] = v.as_array(w0, "w0").reshape((d,) + out_shape)
    theta[-1] = v.as_array(b0, "b0") if out_shape else v.scalar(b0, "b0")
    rng = np.random.default_rng(seed)
    base_lr = opt.lr

    def objective(th):
        value = loss(y, act(X @ th[:-1] + th[-1]), **loss_kwargs)
        return value + 0.5 * l2 * float(np.sum(th[:-1] ** 2)) if l2 else value

    params, values = [theta], [objective(theta)]
    try:
        for k in range(steps):
            if schedule is not None:
                factor = v.scalar(schedule(k), f"schedule({k})", minimum=0.0)
                opt.lr = base_lr * factor
            rows = slice(None) if batch_size is None else rng.choice(n, size=batch_size, replace=False)
            Xb, yb = X[rows], y[rows]
            z = Xb @ theta[:-1] + theta[-1]
            out = act(z)
            dz = loss_grad(yb, out, **loss_kwargs) * act_grad(z, out)
            grad = np.concatenate([Xb.T @ dz + l2 * theta[:-1], dz.sum(axis=0)[None] if out_shape else [dz.sum()]])
            theta = opt.step(theta, grad)
            params.append(theta)
            values.append(objective(theta))
    finally:
        opt.lr = base_lr
    b = theta[-1].copy() if out_shape else float(theta[-1])
    return Fit(theta[:-1].copy(), b, Path(np.array(params), np.array(values)), activation)
