"""Input checks shared by every public function (STYLE rule 6).

Each check raises ``ValueError`` or ``TypeError`` with a message that names the
argument and shows the offending value or shapes. Losses call these once, at
the public boundary; the maths below them can then assume clean input.

The contract (as scikit-learn's ``check_scalar``): a value of the wrong *type* raises
``TypeError``; a value of the right type but outside its allowed set raises ``ValueError``.
One helper per kind: :func:`as_array` (numeric arrays), :func:`as_integer_labels`,
:func:`scalar` (real hyper-parameters), :func:`integer` (counts), :func:`choice`
(one of a fixed set of options).
"""

import functools
import inspect

import numpy as np

REDUCTIONS = ("mean", "sum", "none")
DISTRIBUTION_ATOL = 1e-6  # float64 rows may sum to 1 within this; lower precisions get more (see below)


def _preview(a):
    """The offending values for an error message, each printed in full (shortest round-trip repr)."""
    flat = np.asarray(a).ravel()
    items = [repr(float(x)) if np.issubdtype(flat.dtype, np.floating) else repr(x.item()) for x in flat[:5]]
    return "[" + ", ".join(items) + (", ...]" if flat.size > 5 else "]")


def input_dtype(x):
    """The floating dtype a result should have for input ``x``: float16/32/64 kept, anything else float64."""
    dtype = getattr(x, "dtype", None)
    if dtype is not None and dtype in (np.float16, np.float32, np.float64):
        return np.dtype(dtype)
    return np.dtype(np.float64)


def _cast(out, dtype):
    if dtype == np.float64:
        return out
    if isinstance(out, tuple):
        return tuple(_cast(o, dtype) for o in out)
    if isinstance(out, np.ndarray):
        return out.astype(dtype)
    if isinstance(out, float):
        return dtype.type(out)
    return out


def keeps_dtype(arg):
    """Decorator: the result has the floating dtype of argument ``arg`` (float32 in, float32 out).

    The computation itself runs in float64, so a float32 result is the float64 result rounded
    once: as accurate as float32 can hold. Integer, boolean-free and list inputs give float64.
    """
    def wrap(fn):
        params = list(inspect.signature(fn).parameters)
        index = params.index(arg)

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            x = args[index] if index < len(args) else kwargs.get(arg)
            return _cast(fn(*args, **kwargs), input_dtype(x))

        wrapper.prediction_arg = arg
        return wrapper
    return wrap


def as_array(x, name, *, allow_empty=False):
    """Return ``x`` as a float64 array; reject non-numeric, empty, NaN and inf."""
    if isinstance(x, (str, bytes)):
        raise TypeError(f"{name} must be numeric, got a string {x!r}")
    try:
        a = np.asarray(x)
    except ValueError as exc:  # ragged nested lists
        raise TypeError(f"{name} must be a numeric array, got {type(x).__name__} ({exc})") from None
    if a.dtype == bool or not np.issubdtype(a.dtype, np.number) or np.iscomplexobj(a):
        raise TypeError(f"{name} must be a real numeric array, got dtype {a.dtype}")
    a = a.astype(np.float64, copy=False)
    if a.size == 0 and not allow_empty:
        raise ValueError(f"{name} is empty (shape {a.shape}); a loss needs at least one element")
    # Fast path: the sum of finite numbers is finite unless it overflows, so only
    # look element by element when the sum says something may be wrong.
    if not np.isfinite(a.sum()) and not np.isfinite(a).all():
        bad = a[~np.isfinite(a)]
        raise ValueError(f"{name} contains {bad.size} NaN or inf value(s): {_preview(bad)}")
    return a


def as_integer_labels(x, name):
    """Return class indices as an int64 array; reject floats, bools and empties."""
    a = np.asarray(x)
    if a.dtype == bool or not np.issubdtype(a.dtype, np.integer):
        raise TypeError(f"{name} must hold integer class indices, got dtype {a.dtype}: {_preview(a)}")
    if a.size == 0:
        raise ValueError(f"{name} is empty (shape {a.shape})")
    return a.astype(np.int64, copy=False)


def same_shape(a, b, name_a, name_b):
    """Refuse to broadcast: the two arrays must have identical shapes."""
    if a.shape != b.shape:
        raise ValueError(f"{name_a} and {name_b} must have the same shape, got {a.shape} and {b.shape}")


def at_least_ndim(a, ndim, name, hint=""):
    if a.ndim < ndim:
        raise ValueError(f"{name} must have at least {ndim} dimension(s), got shape {a.shape}{hint}")


def in_unit_interval(a, name, what="probabilities"):
    """Values must lie in the closed interval [0, 1]; the message says by how much they miss it."""
    # min and max are cheap passes; the mask of bad values is built only for the message.
    if a.size and (a.min() < 0 or a.max() > 1):
        bad = a[(a < 0) | (a > 1)]
        worst = bad[np.argmax(np.maximum(bad - 1, -bad))]
        off = f"{worst - 1:.3g} above 1" if worst > 1 else f"{-worst:.3g} below 0"
        raise ValueError(f"{name} must be {what} in [0, 1]; {bad.size} value(s) outside, "
                         f"e.g. {float(worst)!r} ({off}): {_preview(bad)}")


def sum_tolerance(dtype, n_terms):
    """How far a row of ``n_terms`` probabilities stored in ``dtype`` may sum from 1.

    1e-6 for float64 (room for rows typed by hand); for lower precisions the worst-case
    rounding of summing ``n_terms`` numbers in that precision, ``n_terms · eps``.
    """
    return max(DISTRIBUTION_ATOL, n_terms * float(np.finfo(dtype).eps)) if dtype != np.float64 else DISTRIBUTION_ATOL


def distribution_rows(a, name, dtype=np.float64):
    """Rows along the last axis must be probability vectors, summing to 1 within :func:`sum_tolerance`.

    ``dtype`` is the dtype the caller received (before any cast to float64).
    """
    in_unit_interval(a, name)
    sums = np.atleast_1d(a.sum(axis=-1))
    tol = sum_tolerance(dtype, a.shape[-1] if a.ndim else 1)
    off = sums - 1.0
    bad = np.abs(off) > tol
    if bad.any():
        rows = np.argwhere(bad.reshape(np.shape(bad))).tolist()[:5]
        raise ValueError(
            f"{name} must hold probability vectors along the last axis, each summing to 1 within "
            f"{tol:.3g} ({np.dtype(dtype).name}, {a.shape[-1] if a.ndim else 1} classes); "
            f"{int(bad.sum())} row(s) miss by {_preview(off[bad])} (sums {_preview(sums[bad])}), rows {rows}"
        )


def as_distribution(x, name, *, min_ndim=1):
    """Probability rows along the last axis, checked with the tolerance of their own dtype."""
    dtype = input_dtype(x)
    a = as_array(x, name)
    at_least_ndim(a, min_ndim, name)
    distribution_rows(a, name, dtype)
    return a


def signed_labels(a, name):
    """Labels for margin losses must be -1 or +1."""
    bad = (a != 1) & (a != -1)
    if bad.any():
        raise ValueError(f"{name} must hold labels -1 or +1, got {_preview(a[bad])}")


def class_indices(a, n_classes, name):
    bad = (a < 0) | (a >= n_classes)
    if bad.any():
        raise ValueError(f"{name} holds class indices outside [0, {n_classes}): {_preview(a[bad])}")


def one_hot_rows(a, name):
    """Each row must contain exactly one 1 and zeros elsewhere."""
    ok = np.all((a == 0) | (a == 1), axis=-1) & (a.sum(axis=-1) == 1)
    if not np.all(ok):
        rows = np.argwhere(~np.atleast_1d(ok)).ravel()
        raise ValueError(f"{name} must be one-hot rows (a single 1, zeros elsewhere); rows {rows[:5].tolist()} are not")


def choice(value, name, options):
    """One of a fixed set of options; a value of another type is a TypeError."""
    types = {type(o) for o in options if o is not None}
    if value is not None and not isinstance(value, tuple(types)):
        raise TypeError(f"{name} must be one of {options}, got {type(value).__name__} {value!r}")
    if value not in options:
        raise ValueError(f"{name} must be one of {options}, got {value!r}")
    return value


def reduction(value):
    return choice(value, "reduction", REDUCTIONS)


def integer(value, name, *, minimum=None, maximum=None):
    """A count: an int (not a bool, not a float such as 2.0), optionally bounded."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__} {value!r}")
    value = int(value)
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be an integer <= {maximum}, got {value!r}")
    return value


def scalar(value, name, *, minimum=None, maximum=None, strict=False):
    """A finite real hyper-parameter, optionally bounded below (strictly or not) and above."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a real number, got {value!r}")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value!r}")
    if minimum is not None and (value < minimum or (strict and value == minimum)):
        bound = f"> {minimum:g}" if strict else f">= {minimum:g}"
        raise ValueError(f"{name} must be {bound}, got {value!r}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be <= {maximum:g}, got {value!r}")
    return value


def reduce(values, how):
    """Apply a reduction to per-element or per-sample loss values.

    Adding 0.0 turns a -0.0 (from e.g. -ln 1) into 0.0, so a perfect prediction prints as 0.
    """
    if how == "mean":
        return float(values.mean()) + 0.0  # a plain float reads better than np.float64(...)
    if how == "sum":
        return float(values.sum()) + 0.0
    return values + 0.0


def reduce_grad(grad, how, count):
    """Scale element-wise derivatives to the gradient of the reduced loss.

    ``grad`` must be a new float array made by the caller: the mean divides it in
    place, which saves allocating another array of the same size.
    """
    if how == "mean":
        grad /= count
    return grad
