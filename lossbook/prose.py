"""Numbers for the prose of the book, formatted once, the same on every machine.

A chapter computes a result in a code cell and shows it in the text with an inline role,
``{eval}`name```, where ``name`` holds a *string* made here. The rule for every number the
book stores as text (inline values, printed lines, Markdown tables):

- a result is shown at the precision the prose uses (:func:`number`), never with all the
  digits of a float: the last bits of floating-point arithmetic differ between CPUs, BLAS
  kernels and SIMD paths, and a stored ``20.00000000000001`` is a test that fails elsewhere;
- a value that is zero up to rounding is shown as a bound (:func:`bound`), not as digits:
  ``3.8e-17`` on one machine is ``4.5e-17`` on another;
- a chaotic quantity (a diverging run, anything decided by the last bit) is shown as
  something robust (:func:`magnitude`, a count, a yes/no), and the exact claim is kept in an
  ``assert`` in the code cell.

>>> number(2 / 3, ".3f")
'0.667'
>>> number(-1e-9, ".2f")      # no "-0.00": the sign of a rounded-away residue is noise
'0.00'
>>> bound(3.8e-17)
'< 1e-12'
>>> magnitude(2.73e6)
'10⁶'
>>> print(markdown_table(["loss", "value"], [["MSE", number(18, ".1f")]]))
| loss | value |
| --- | ---: |
| MSE | 18.0 |
"""

import math
import numbers

__all__ = ["bound", "magnitude", "markdown_table", "number"]

_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _real(value, name):
    """``value`` as a finite Python float; TypeError for a non-number, ValueError for NaN/inf."""
    if hasattr(value, "shape") and getattr(value, "shape") != ():
        if getattr(value, "size", None) == 1:
            value = value.reshape(()).item()
        else:
            raise TypeError(f"{name} must be a single number, got an array of shape {value.shape}")
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__} {value!r}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    return value


def number(value, spec=".3g"):
    """A result as text, rounded to the precision the prose shows.

    Parameters
    ----------
    value : real number or 0-d/size-1 array
        The computed result.
    spec : str, default ".3g"
        A Python format specification (``".2f"``, ``".3g"``, ``",.0f"``, ``".1%"``, ``"d"``).
        ``"d"`` requires an integer value (an integer-valued float is accepted).

    Returns
    -------
    str
        The formatted number. A value that rounds to zero is shown without a minus sign.

    Raises
    ------
    TypeError
        If ``value`` is not a real number, or ``spec`` is not a string.
    ValueError
        If ``value`` is NaN or infinite, if ``spec`` is not a valid format for a number,
        or if ``spec`` is ``"d"`` and ``value`` is not an integer.

    Examples
    --------
    >>> number(12.3456, ".2f"), number(0.0845, ".2g"), number(1234567, ",.0f"), number(7.0, "d")
    ('12.35', '0.085', '1,234,567', '7')
    """
    value = _real(value, "value")
    if not isinstance(spec, str):
        raise TypeError(f"spec must be a format string such as '.3f', got {spec!r}")
    if spec.endswith("d"):
        if value != int(value):
            raise ValueError(f"spec {spec!r} needs an integer value, got {value!r}")
        value = int(value)
    try:
        text = format(value, spec)
    except ValueError as exc:
        raise ValueError(f"spec {spec!r} is not a format for a number: {exc}") from None
    # "-0.00": a negative residue rounded away; which sign it has depends on the machine
    if text.startswith("-") and not any(ch in "123456789" for ch in text.split("e")[0]):
        text = text[1:]
    return text


def bound(value, below=1e-12):
    """A value that is zero up to rounding, shown as the bound it satisfies: ``"< 1e-12"``.

    Use it for differences that only measure floating-point error (a derivation checked
    numerically, two implementations of one formula): their digits depend on the machine,
    the bound does not.

    Parameters
    ----------
    value : real number
        The residue, e.g. ``abs(a - b)``; its absolute value is compared with ``below``.
    below : float, default 1e-12
        The bound claimed; must be positive.

    Returns
    -------
    str
        ``"< {below}"``, with ``below`` in ``g`` format.

    Raises
    ------
    ValueError
        If ``|value| >= below`` (the claim is false), or ``below`` is not positive.
    TypeError
        If ``value`` or ``below`` is not a real number.

    Examples
    --------
    >>> bound(2.2e-16), bound(3e-9, below=1e-6)
    ('< 1e-12', '< 1e-06')
    """
    value, below = _real(value, "value"), _real(below, "below")
    if below <= 0:
        raise ValueError(f"below must be positive, got {below}")
    if not abs(value) < below:
        raise ValueError(f"value {value!r} is not below {below:g} in absolute value")
    return f"< {below:g}"


def magnitude(value):
    """The order of magnitude of a value, ``"10⁶"``, for results whose digits are chaotic.

    A run that diverges, or any result decided by the last bits of the arithmetic, has
    digits that change from one CPU to another; its order of magnitude usually does not.

    Parameters
    ----------
    value : real number
        Non-zero.

    Returns
    -------
    str
        ``"10ᵏ"`` with ``k = floor(log10(|value|))``, preceded by ``"−"`` for a negative value.

    Raises
    ------
    ValueError
        If ``value`` is zero, NaN or infinite.
    TypeError
        If ``value`` is not a real number.

    Examples
    --------
    >>> magnitude(2.73e6), magnitude(0.004), magnitude(-350)
    ('10⁶', '10⁻³', '−10²')
    """
    value = _real(value, "value")
    if value == 0:
        raise ValueError("value must be non-zero to have an order of magnitude, got 0")
    k = math.floor(math.log10(abs(value)))
    return ("−" if value < 0 else "") + "10" + str(k).translate(_SUPERSCRIPT)


def markdown_table(header, rows, *, left=1):
    """A Markdown table as text: the first ``left`` columns left-aligned, the rest right-aligned.

    Parameters
    ----------
    header : sequence of str
        Column titles.
    rows : sequence of sequences
        One sequence per row, as long as ``header``. Cells are converted with ``str``: format
        numbers first (:func:`number`), so the stored table does not depend on the machine.
    left : int, default 1
        How many leading columns are text (left-aligned).

    Returns
    -------
    str
        The table, one line per row. Display it with ``IPython.display.Markdown``.

    Raises
    ------
    ValueError
        If a row's length differs from the header's, ``left`` is outside
        ``[0, len(header)]``, or a column title is blank (a table header without text
        leaves screen-reader users without the column's name).
    TypeError
        If ``left`` is not an integer.

    Examples
    --------
    >>> markdown_table(["", "MSE"], [["outliers", "high"]])
    Traceback (most recent call last):
    ...
    ValueError: header[0] is blank: every column needs a title, got header=['', 'MSE']
    """
    header = [str(h) for h in header]
    blank = [i for i, h in enumerate(header) if not h.strip()]
    if blank:
        raise ValueError(f"header[{blank[0]}] is blank: every column needs a title, got header={header!r}")
    if isinstance(left, bool) or not isinstance(left, numbers.Integral):
        raise TypeError(f"left must be an integer, got {left!r}")
    if not 0 <= left <= len(header):
        raise ValueError(f"left must be between 0 and {len(header)}, got {left}")
    lines = ["| " + " | ".join(header) + " |",
             "|" + " --- |" * left + " ---: |" * (len(header) - left)]
    for i, row in enumerate(rows):
        row = list(row)
        if len(row) != len(header):
            raise ValueError(f"rows[{i}] has {len(row)} cells, the header has {len(header)}")
        lines.append("| " + " | ".join(str(cell) for cell in row) + " |")
    return "\n".join(lines)
