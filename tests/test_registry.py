"""Tests generated from the loss registry (lossbook/registry.py), one set per row.

Adding a loss to the registry adds it to every test here; a public loss missing from
the registry fails ``test_every_public_loss_is_registered``.
"""

import inspect

import numpy as np
import pytest

import lossbook as lb
from lossbook import classification, distributions, metric_learning, regression
from lossbook.registry import KINDS, LOSSES, NOT_LOSSES, PREDICTIONS

from registry_inputs import draw_args, hyper_variants

SPECS = [pytest.param(s, id=s.name) for s in LOSSES.values()]
DIFFERENTIABLE = [pytest.param(s, id=s.name) for s in LOSSES.values() if s.grad is not None]
REDUCTIONS = ("mean", "sum", "none")
LOSS_MODULES = (regression, classification, distributions, metric_learning)


def reductions(spec):
    return REDUCTIONS if spec.reduces_over else (None,)


def call(fn, args, kwargs, reduction):
    return fn(*args, **kwargs) if reduction is None else fn(*args, reduction=reduction, **kwargs)


def as_tuple(g):
    return g if isinstance(g, tuple) else (g,)


def count(spec, args):
    """How many terms 'mean' divides by: elements, or rows of the prediction."""
    pred = np.asarray(args[spec.array_names.index(spec.loss.prediction_arg)])
    return pred.size if spec.reduces_over == "elements" else pred.size // pred.shape[-1]


# --- the table itself ------------------------------------------------------------------------


def test_every_public_loss_is_registered():
    registered = {s.loss for s in LOSSES.values()} | {s.grad for s in LOSSES.values() if s.grad}
    missing = []
    for module in LOSS_MODULES:
        for name, fn in vars(module).items():
            if (callable(fn) and not name.startswith("_") and getattr(fn, "__module__", None) == module.__name__
                    and inspect.isfunction(fn) and fn not in registered and name not in NOT_LOSSES):
                missing.append(f"{module.__name__}.{name}")
    assert not missing, f"public functions missing from lossbook.registry.LOSSES: {missing}"


@pytest.mark.parametrize("spec", SPECS)
def test_row_is_consistent_with_the_functions(spec):
    assert spec.loss.__name__ == spec.name and getattr(lb, spec.name) is spec.loss
    if spec.grad is not None:
        assert spec.grad.__name__ == spec.name + "_grad" and getattr(lb, spec.name + "_grad") is spec.grad
    assert spec.prediction in PREDICTIONS
    assert all(kind in KINDS for _, kind in spec.arrays)
    assert set(spec.grad_wrt) <= set(spec.array_names)
    assert spec.reference and spec.chapter
    for fn in filter(None, (spec.loss, spec.grad)):
        params = inspect.signature(fn).parameters
        positional = [p for p, v in params.items() if v.kind is v.POSITIONAL_OR_KEYWORD]
        assert tuple(positional[:len(spec.arrays)]) == spec.array_names
        assert ("reduction" in params) == (spec.reduces_over is not None) or fn is spec.grad
        for name, h in spec.hyperparameters.items():
            if fn is spec.grad and name not in params:
                continue  # wasserstein_1d_grad: equal weights only
            assert params[name].default == h.default, (fn.__name__, name)
        assert fn.prediction_arg in spec.array_names  # the dtype policy follows the prediction


def test_markdown_table_has_a_row_per_loss():
    assert lb.registry.table().count("\n| `") == len(LOSSES)


# --- properties --------------------------------------------------------------------------------


@pytest.mark.parametrize("spec", SPECS)
@pytest.mark.parametrize("seed", range(3))
def test_values_are_finite_non_negative_and_reductions_agree(spec, seed):
    rng = np.random.default_rng(seed)
    args = draw_args(spec, rng)
    for kwargs in hyper_variants(spec):
        if spec.reduces_over is None:
            assert np.isfinite(spec.loss(*args, **kwargs)) and spec.loss(*args, **kwargs) >= 0
            continue
        none = np.asarray(spec.loss(*args, reduction="none", **kwargs))
        assert np.all(np.isfinite(none)) and np.all(none >= -1e-12)
        norm = none.size
        if kwargs.get("ignore_index", -100) != -100 and np.asarray(args[0]).ndim == 1:
            norm = int(np.sum(np.asarray(args[0]) != kwargs["ignore_index"]))
        if spec.name == "cross_entropy" and kwargs.get("weight") is not None and np.asarray(args[0]).ndim == 1:
            norm = float(np.sum(np.asarray(kwargs["weight"])[args[0]]))
        else:
            assert none.size == count(spec, args)
        assert spec.loss(*args, reduction="sum", **kwargs) == pytest.approx(none.sum(), rel=1e-12, abs=1e-12)
        assert spec.loss(*args, reduction="mean", **kwargs) == pytest.approx(none.sum() / norm, rel=1e-12, abs=1e-12)
        if spec.grad is None:
            continue
        g_none, g_sum, g_mean = (as_tuple(spec.grad(*args, reduction=r, **kwargs)) for r in ("none", "sum", "mean"))
        for gn, gs, gm, wrt in zip(g_none, g_sum, g_mean, spec.grad_wrt):
            assert gn.shape == np.shape(args[spec.array_names.index(wrt)])
            assert np.all(np.isfinite(gn))
            np.testing.assert_allclose(gs, gn, rtol=1e-12)
            np.testing.assert_allclose(gm, gn / norm, rtol=1e-12, atol=1e-300)


# --- gradients against finite differences ----------------------------------------------------------


@pytest.mark.parametrize("spec", DIFFERENTIABLE)
@pytest.mark.parametrize("seed", range(2))
def test_grad_matches_finite_differences(spec, seed):
    rng = np.random.default_rng(100 + seed)
    args = draw_args(spec, rng)
    # probability rows may leave the simplex by at most 1e-6, so their steps stay well inside that
    for kwargs in hyper_variants(spec):
        for r in reductions(spec):
            if spec.name == "wasserstein_1d" and kwargs:
                continue  # the gradient is for equal weights only
            grads = as_tuple(call(spec.grad, args, {k: w for k, w in kwargs.items()}, r))
            for g, wrt in zip(grads, spec.grad_wrt):
                i = spec.array_names.index(wrt)
                h = 1e-8 if dict(spec.arrays)[wrt] == "distribution" else 1e-6

                def f(x, i=i):
                    new = list(args)
                    new[i] = x
                    return float(np.sum(call(spec.loss, new, kwargs, r)))

                np.testing.assert_allclose(g, lb.numeric_grad(f, args[i], h=h), rtol=1e-5, atol=1e-6 if h < 1e-7 else 1e-7,
                                           err_msg=f"{spec.name}_grad w.r.t. {wrt}, {kwargs}, reduction={r}")


# --- bad input --------------------------------------------------------------------------------------


def _bad_calls(spec):
    rng = np.random.default_rng(7)
    args = draw_args(spec, rng, index_targets=True)
    fns = [f for f in (spec.loss, spec.grad) if f is not None]
    red = {} if spec.reduces_over is None else {"reduction": "mean"}
    for fn in fns:
        tag = fn.__name__
        for i, (name, kind) in enumerate(spec.arrays):
            a = np.asarray(args[i])
            if a.dtype.kind == "f":
                bad = a.copy()
                bad.flat[0] = np.nan
                yield pytest.param(fn, _replace(args, i, bad), red, ValueError, rf"{name} contains 1 NaN", id=f"{tag}-{name}-nan")
            yield pytest.param(fn, _replace(args, i, "abc"), red, TypeError, name, id=f"{tag}-{name}-string")
            if kind != "samples" and kind != "centers":  # 1-D samples may differ in size; centres are per class
                fewer = a[:-1]  # one sample fewer: nothing may broadcast or truncate silently
                yield pytest.param(fn, _replace(args, i, fewer), red, ValueError, r"shape", id=f"{tag}-{name}-shape")
        if spec.reduces_over is not None:
            yield pytest.param(fn, args, {"reduction": "avg"}, ValueError, r"reduction must be one of", id=f"{tag}-reduction-avg")
            yield pytest.param(fn, args, {"reduction": 0}, TypeError, r"reduction must be one of", id=f"{tag}-reduction-int")
        params = inspect.signature(fn).parameters
        for hname, h in spec.hyperparameters.items():
            if hname not in params:
                continue
            for value, exc in h.bad:
                yield pytest.param(fn, args, {**red, hname: value}, exc, hname, id=f"{tag}-{hname}-{value!r}")


def _replace(args, i, value):
    out = list(args)
    out[i] = value
    return out


@pytest.mark.parametrize("fn, args, kwargs, exc, match", [p for s in LOSSES.values() for p in _bad_calls(s)])
def test_bad_input_is_refused_with_the_argument_named(fn, args, kwargs, exc, match):
    with pytest.raises(exc, match=match):
        fn(*args, **kwargs)


# --- dtype policy: float32 in, float32 out, computed in float64 ------------------------------------------


@pytest.mark.parametrize("spec", SPECS)
@pytest.mark.parametrize("dtype", [np.float32, np.float16])
def test_dtype_follows_the_prediction(spec, dtype):
    rng = np.random.default_rng(3)
    args = draw_args(spec, rng, index_targets=True)
    if dtype == np.float16 and spec.name in ("exponential",):
        args = [np.clip(a, -5, 5) for a in args]  # e^{|s|} must stay inside float16's range
    low = [np.asarray(a).astype(dtype) if np.asarray(a).dtype.kind == "f" else a for a in args]
    for r in reductions(spec):
        for fn in filter(None, (spec.loss, spec.grad)):
            if fn is spec.grad and spec.name == "wasserstein_1d":
                r = None
            if dtype == np.float16:  # float16 rows are refused by float64's 1e-6 tolerance: compare loosely
                out64 = as_tuple(call(fn, args, {}, r))
                for o, o64 in zip(as_tuple(call(fn, low, {}, r)), out64):
                    assert np.asarray(o).dtype == dtype, (fn.__name__, r, type(o))
                    np.testing.assert_allclose(np.asarray(o, dtype=float), o64, rtol=2e-2, atol=2e-2)
                continue
            out64 = as_tuple(call(fn, [np.asarray(a, dtype=np.float64) if np.asarray(a).dtype.kind == "f" else a for a in low], {}, r))
            out = as_tuple(call(fn, low, {}, r))
            for o, o64 in zip(out, out64):
                assert np.asarray(o).dtype == dtype, (fn.__name__, r, type(o))
                # the same number as float64 arithmetic on the same (rounded) inputs, rounded once
                np.testing.assert_array_equal(np.asarray(o), np.asarray(o64).astype(dtype))
            if r == "mean" and fn is spec.loss:
                assert isinstance(out[0], dtype)
        plain = call(spec.loss, [a.tolist() if isinstance(a, np.ndarray) else a for a in args], {}, r)
        assert isinstance(plain, (float, np.ndarray)) and np.asarray(plain).dtype == np.float64


# --- the registry drives the library --------------------------------------------------------------


@pytest.mark.parametrize("spec", DIFFERENTIABLE)
def test_gradient_of_reads_the_registry(spec):
    assert lb.gradient_of(spec.loss) is spec.grad
    assert lb.gradient_of(spec.name) is spec.grad


@pytest.mark.parametrize("spec", [s for s in SPECS if s.values[0].takes_logits and s.values[0].reduces_over == "elements"])
def test_fit_refuses_a_sigmoid_before_logits_or_scores(spec):
    X, y = np.array([[0.0], [1.0], [2.0]]), np.array([0.0, 1.0, 1.0])
    if spec.arrays[0][1] == "signed":
        y = 2 * y - 1
    with pytest.raises(ValueError, match="apply it twice"):
        lb.fit(X, y, spec.loss, activation="sigmoid", steps=1)
    lb.fit(X, y, spec.loss, activation=None, steps=1)  # without the sigmoid it trains
