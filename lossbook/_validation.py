"""Input checks shared by every public function (STYLE rule 6).

Each check raises ``ValueError`` or ``TypeError`` with a message that names the
argument and shows the offending value or shapes. Losses call these once, at
the public boundary; the maths below them can then assume clean input.
"""

import numpy as np

REDUCTIONS = ("mean", "sum", "none")
DISTRIBUTION_ATOL = 1e-6  # how far a row of probabilities may sum from 1


def _preview(a):
    """A short text of an array's offending values for error messages."""
    flat = np.asarray(a).ravel()
    text = np.array2string(flat[:5], precision=4, separator=", ")
    return text[:-1] + ", ...]" if flat.size > 5 else text


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
    """Values must lie in the closed interval [0, 1]."""
    # min and max are cheap passes; the mask of bad values is built only for the message.
    if a.size and (a.min() < 0 or a.max() > 1):
        bad = (a < 0) | (a > 1)
        raise ValueError(f"{name} must be {what} in [0, 1], got {_preview(a[bad])}")


def distribution_rows(a, name):
    """Rows along the last axis must be probability vectors (sum to 1 within 1e-6)."""
    in_unit_interval(a, name)
    sums = a.sum(axis=-1)
    bad = np.abs(sums - 1.0) > DISTRIBUTION_ATOL
    if bad.any():
        raise ValueError(
            f"{name} must hold probability vectors along the last axis (each summing to 1 "
            f"within {DISTRIBUTION_ATOL:g}), got sums {_preview(np.atleast_1d(sums)[np.atleast_1d(bad)])}"
        )


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


def reduction(value):
    if value not in REDUCTIONS:
        raise ValueError(f"reduction must be one of {REDUCTIONS}, got {value!r}")
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
