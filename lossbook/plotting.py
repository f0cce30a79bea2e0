"""Plotting helpers. They keep no state: no rcParams changes, no ``plt.show()``;
each takes ``ax=None`` and returns what it drew. The one exception is
:func:`use_book_style`, an explicit call in each chapter's import cell that sets the
book's figure style for the session and says so.

Figures get an opaque white background so that they stay readable when the
website is in dark mode.

Figures are made for the page: the website's text column is 688 px wide at a
1280 px desktop, and a figure is shown at 100 px per inch, so :func:`figure` refuses
a width over :data:`COLUMN_WIDTH` (6.6 in, plus the 0.1 in that the inline backend
pads on each side: 680 px). A figure that is never scaled down shows its text at
its size in points times 100/72: the book's smallest text, 8 pt, is 11.1 px.
"""

import matplotlib as mpl
import matplotlib.pyplot as plt
from matplotlib import cbook
from matplotlib.lines import Line2D
import numpy as np

# Okabe-Ito: a palette that colour-blind readers can tell apart.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "sky": "#56B4E9",
    "yellow": "#F0E442",
    "black": "#000000",
}
COLORS = [
    PALETTE[k]
    for k in ("blue", "vermillion", "green", "orange", "purple", "sky", "black")
]
# One dash pattern per colour of COLORS: orange and vermillion, which merge under
# deuteranopia, also differ in their dashes (vermillion "--", orange ":").
LINESTYLES = ["-", "--", "-.", ":", (0, (5, 1, 1, 1, 1, 1)), (0, (1, 1)), "-"]

#: Widest figure, in inches, that fits the website's text column unscaled.
COLUMN_WIDTH = 6.6
#: Smallest font size, in points, that the book's figures use (11.1 px at 1x).
MIN_FONT_SIZE = 8

#: The rcParams that :func:`use_book_style` sets.
BOOK_STYLE = {
    "figure.dpi": 100,  # 1 in = 100 px as displayed: the sizes above hold
    "savefig.dpi": "figure",
    "figure.facecolor": "white",
    "font.size": 10,
    "axes.titlesize": 10.5,
    "axes.labelsize": 10,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "legend.fontsize": 9,
    "legend.title_fontsize": 9,
    "figure.titlesize": 11,
    "legend.frameon": False,
    "axes.prop_cycle": mpl.cycler(color=COLORS),
}
FORMATS = ("retina", "svg", "png")


def use_book_style(*, format="retina"):
    """Set the book's figure style for this session: fonts, colours, crisp output.

    The one helper that changes global state, and only when called: each chapter calls
    it once in its import cell. It updates ``matplotlib.rcParams`` with
    :data:`BOOK_STYLE` (font sizes of at least :data:`MIN_FONT_SIZE` points, the
    Okabe-Ito colour cycle, 100 dpi) and, inside IPython/Jupyter, selects the inline
    backend's figure format. ``"retina"`` stores a PNG at twice the resolution with its
    1x size in the output's metadata (``{"image/png": {"width": w, "height": h}}``);
    JupyterLab and the website (myst-nb) show it at that size, so it is crisp on
    high-DPI screens and never larger than the column.

    Parameters
    ----------
    format : {"retina", "svg", "png"}
        The inline figure format.

    Returns
    -------
    None
        Nothing, so that the call can end the import cell without printing anything;
        the settings are :data:`BOOK_STYLE`.

    Raises
    ------
    TypeError
        ``format`` is not a string.
    ValueError
        ``format`` is not one of ``"retina"``, ``"svg"``, ``"png"``.

    Notes
    -----
    Called in the import cell of every chapter (chapters 0-6). Outside IPython only
    the rcParams are set.

    References
    ----------
    .. [1] matplotlib-inline, ``set_matplotlib_formats``. https://github.com/ipython/matplotlib-inline

    Examples
    --------
    >>> import lossbook as lb
    >>> import matplotlib as mpl
    >>> lb.plotting.use_book_style()
    >>> mpl.rcParams["xtick.labelsize"] >= lb.plotting.MIN_FONT_SIZE
    True
    """
    if not isinstance(format, str):
        raise TypeError(
            f"format must be a string, one of {FORMATS}; got {type(format).__name__}"
        )
    if format not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}; got {format!r}")
    mpl.rcParams.update(BOOK_STYLE)
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python: the rcParams are all there is to set
        return
    if get_ipython() is not None:
        from matplotlib_inline.backend_inline import set_matplotlib_formats

        set_matplotlib_formats(format)


def figure(nrows=1, ncols=1, *, width=None, height=3.2, **kwargs):
    """A new figure with an opaque white background and a grid of axes.

    Parameters
    ----------
    nrows, ncols : int
        The grid of axes, in the order of ``plt.subplots(nrows, ncols)``.
    width : float, optional
        Figure width in inches, at most :data:`COLUMN_WIDTH` (the text column);
        ``min(4.2 * ncols, COLUMN_WIDTH)`` by default. Lay out wider grids in more
        rows, or split them.
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
    TypeError
        ``width`` or ``height`` is not a number.
    ValueError
        ``width`` is over :data:`COLUMN_WIDTH` or not positive, ``height`` is not
        positive; from matplotlib, ``nrows`` or ``ncols`` is not a positive integer.

    Notes
    -----
    Used by every chapter. Until issue 11 the first argument was ``ncols``;
    ``tools/migrate_notebooks_issue11.py`` rewrites old calls.

    References
    ----------
    .. [1] matplotlib, ``matplotlib.pyplot.subplots`` (the argument order). https://matplotlib.org/stable/api/_as_gen/matplotlib.pyplot.subplots.html

    """
    if width is None:
        width = min(4.2 * ncols, COLUMN_WIDTH)
    for name, value in (("width", width), ("height", height)):
        if isinstance(value, bool) or not isinstance(value, (int, float, np.number)):
            raise TypeError(
                f"{name} must be a number of inches; got {type(value).__name__}"
            )
        if not value > 0:
            raise ValueError(f"{name} must be positive; got {value!r}")
    if width > COLUMN_WIDTH:
        raise ValueError(
            f"width={width!r} in is wider than the text column ({COLUMN_WIDTH} in): "
            "the page would scale the figure and its text down. Use more rows "
            "(e.g. figure(2, 2) instead of figure(1, 4)) or split the figure."
        )
    fig, axes = plt.subplots(
        nrows,
        ncols,
        figsize=(width, height * nrows),
        facecolor="white",
        layout="constrained",
        **kwargs,
    )
    return fig, axes


def plot_curves(x, curves, *, ax=None, xlabel="", ylabel="", title="", styles=None):
    """Plot several named curves over the same ``x``.

    Parameters
    ----------
    x : array_like
    curves : dict of label -> array_like
    styles : dict of label -> dict of line keyword arguments, optional
        By default the i-th curve gets ``COLORS[i]`` and ``LINESTYLES[i]``: no two
        curves differ by colour alone.

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
        # a style's aliases ("ls", "c", "lw") replace the defaults, never clash with them
        style = cbook.normalize_kwargs(styles.get(label, {}), Line2D)
        kw = {
            "color": COLORS[i % len(COLORS)],
            "linestyle": LINESTYLES[i % len(LINESTYLES)],
            "linewidth": 2,
            **style,
        }
        lines.extend(ax.plot(x, values, label=label, **kw))
    ax.set(xlabel=xlabel, ylabel=ylabel, title=title)
    ax.grid(alpha=0.3)
    if len(curves) > 1:
        ax.legend(frameon=False)
    return lines


def plot_contour(
    W, B, J, *, ax=None, path=None, levels=20, xlabel="w", ylabel="b", log_levels=True
):
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
        ax.plot(
            path[:, 0],
            path[:, 1],
            "o-",
            color=PALETTE["vermillion"],
            ms=3,
            lw=1.5,
            label="descent path",
        )
        ax.plot(*path[0], "s", color=PALETTE["black"], ms=6, label="start")
        # beside the map, not on it: the path ends where the reader looks
        ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set(xlabel=xlabel, ylabel=ylabel)
    return cs
