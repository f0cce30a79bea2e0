"""Plotting helpers. They keep no state: no rcParams changes, no ``plt.show()``;
each takes ``ax=None`` and returns what it drew.

Figures get an opaque white background so that they stay readable when the
website is in dark mode.
"""

import matplotlib.pyplot as plt
import numpy as np

# Okabe-Ito: a palette that colour-blind readers can tell apart.
PALETTE = {
    "blue": "#0072B2", "orange": "#E69F00", "green": "#009E73", "vermillion": "#D55E00",
    "purple": "#CC79A7", "sky": "#56B4E9", "yellow": "#F0E442", "black": "#000000",
}
COLORS = [PALETTE[k] for k in ("blue", "vermillion", "green", "orange", "purple", "sky", "black")]


def figure(nrows=1, ncols=1, *, width=None, height=3.2, **kwargs):
    """A new figure with an opaque white background and a grid of axes.

    Parameters
    ----------
    nrows, ncols : int
        The grid of axes, in the order of ``plt.subplots(nrows, ncols)``.
    width : float, optional
        Figure width in inches; ``min(4.2 * ncols, 10)`` by default.
    height : float
        Height of one row of axes, in inches.
    **kwargs
        Passed to ``plt.subplots`` (e.g. ``sharey=True``, ``subplot_kw``).

    Returns
    -------
    fig : matplotlib.figure.Figure
    axes : Axes or ndarray of Axes
        One Axes when there is one, like ``plt.subplots``.

    Raises
    ------
    ValueError
        From matplotlib, if ``nrows`` or ``ncols`` is not a positive integer.

    Notes
    -----
    Used by every chapter. Until issue 11 the first argument was ``ncols``;
    ``tools/migrate_notebooks_issue11.py`` rewrites old calls.

    References
    ----------
    .. [1] matplotlib, ``matplotlib.pyplot.subplots`` (the argument order). https://matplotlib.org/stable/api/_as_gen/matplotlib.pyplot.subplots.html

    """
    width = width or min(4.2 * ncols, 10)
    fig, axes = plt.subplots(nrows, ncols, figsize=(width, height * nrows), facecolor="white",
                             layout="constrained", **kwargs)
    return fig, axes


def plot_curves(x, curves, *, ax=None, xlabel="", ylabel="", title="", styles=None):
    """Plot several named curves over the same ``x``.

    Parameters
    ----------
    x : array_like
    curves : dict of label -> array_like
    styles : dict of label -> dict of line keyword arguments, optional

    Returns
    -------
    list of Line2D

    Raises
    ------
    TypeError
        An argument of the wrong type (e.g. a string or a float where an integer is expected).
    ValueError
        An argument outside its allowed values (ax: a matplotlib Axes or None (errors from matplotlib pass through)).

    Notes
    -----
    Taught in chapters 1-6.

    References
    ----------
    .. [1] M. Okabe and K. Ito, "Color Universal Design" (the palette), 2008. https://jfly.uni-koeln.de/color/
    """
    if ax is None:
        _, ax = figure()
    styles = styles or {}
    lines = []
    for i, (label, values) in enumerate(curves.items()):
        kw = {"color": COLORS[i % len(COLORS)], "lw": 2, **styles.get(label, {})}
        lines.extend(ax.plot(x, values, label=label, **kw))
    ax.set(xlabel=xlabel, ylabel=ylabel, title=title)
    ax.grid(alpha=0.3)
    if len(curves) > 1:
        ax.legend(frameon=False)
    return lines


def plot_contour(W, B, J, *, ax=None, path=None, levels=20, xlabel="w", ylabel="b", log_levels=True):
    """Contour map of a loss ``J`` over a grid ``(W, B)``, with an optional descent path.

    ``path`` is an array of shape ``(k, 2)`` of ``(w, b)`` points. Returns the contour set.

    Raises
    ------
    TypeError
        An argument of the wrong type (e.g. a string or a float where an integer is expected).
    ValueError
        An argument outside its allowed values (J: a 2-D array shaped like W and B, with a positive maximum for log levels (errors from matplotlib pass through)).

    Notes
    -----
    Taught in chapters 1, 2.

    References
    ----------
    .. [1] M. Okabe and K. Ito, "Color Universal Design" (the palette), 2008. https://jfly.uni-koeln.de/color/
    """
    if ax is None:
        _, ax = figure()
    if log_levels:
        levels = np.geomspace(max(J.min(), 1e-3), J.max(), levels)
    cs = ax.contour(W, B, J, levels=levels, cmap="viridis", linewidths=1)
    if path is not None:
        path = np.asarray(path)
        ax.plot(path[:, 0], path[:, 1], "o-", color=PALETTE["vermillion"], ms=3, lw=1.5, label="descent path")
        ax.plot(*path[0], "s", color=PALETTE["black"], ms=6, label="start")
        ax.legend(frameon=False, loc="upper right")
    ax.set(xlabel=xlabel, ylabel=ylabel)
    return cs
