"""Figures made for the page: the book style, the column width, crisp output with its 1x size."""

import base64
import struct

import matplotlib
import numpy as np
import pytest

import lossbook as lb

COLUMN_PX = 688  # the website's text column at a 1280 px desktop


def test_figure_refuses_a_width_over_the_column():
    with pytest.raises(ValueError, match="width=9"):
        lb.plotting.figure(1, 2, width=9)
    with pytest.raises(TypeError, match="width"):
        lb.plotting.figure(width="6")
    with pytest.raises(ValueError, match="height"):
        lb.plotting.figure(height=0)
    fig, axes = lb.plotting.figure(1, 3)
    assert fig.get_size_inches()[0] == lb.plotting.COLUMN_WIDTH
    # with the inline backend's 0.1 in padding on each side, at 100 px per inch
    assert (lb.plotting.COLUMN_WIDTH + 0.2) * 100 <= COLUMN_PX


def test_book_style_text_is_at_least_8_pt(monkeypatch):
    with matplotlib.rc_context():
        assert lb.plotting.use_book_style() is None
        rc = matplotlib.rcParams
        fonts = {k: matplotlib.font_manager.FontProperties(size=rc[k]).get_size_in_points()
                 for k in ("font.size", "axes.labelsize", "axes.titlesize", "xtick.labelsize",
                           "ytick.labelsize", "legend.fontsize")}
        assert min(fonts.values()) >= lb.plotting.MIN_FONT_SIZE, fonts
        assert rc["figure.dpi"] == 100
    with pytest.raises(ValueError, match="format"):
        lb.plotting.use_book_style(format="jpg")
    with pytest.raises(TypeError, match="format"):
        lb.plotting.use_book_style(format=2)


def test_plot_curves_never_tells_curves_apart_by_colour_alone():
    fig, ax = lb.plotting.figure()
    x = np.linspace(0, 1, 5)
    lines = lb.plotting.plot_curves(x, {str(i): x * i for i in range(len(lb.plotting.COLORS))}, ax=ax)
    styles = [(ln.get_color(), str(ln.get_linestyle()) + str(ln.get_dashes() if hasattr(ln, "get_dashes") else ""))
              for ln in lines]
    by_colour = dict(styles)
    pal = lb.plotting.PALETTE
    assert by_colour[pal["orange"]] != by_colour[pal["vermillion"]]   # they merge under deuteranopia
    # an alias in a style replaces the default instead of clashing with it
    (line,) = lb.plotting.plot_curves(x, {"a": x}, ax=ax, styles={"a": {"ls": ":", "lw": 1}})
    assert line.get_linestyle() == ":" and line.get_linewidth() == 1


def test_retina_png_records_its_1x_size_in_a_kernel():
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(
        "import matplotlib.pyplot as plt\nimport lossbook as lb\nlb.plotting.use_book_style()\n"
        "fig, ax = lb.plotting.figure(1, 2)\nax[0].plot([0, 1])\nplt.show()")]
    nbclient.NotebookClient(nb, kernel_name="python3", timeout=60).execute()
    (out,) = [o for o in nb.cells[0].outputs if "image/png" in o.get("data", {})]
    png = base64.b64decode(out["data"]["image/png"])
    pixels = struct.unpack(">II", png[16:24])
    shown = out["metadata"]["image/png"]
    assert pixels[0] >= 2 * shown["width"] - 2          # 2x the pixels ...
    assert shown["width"] <= COLUMN_PX                  # ... shown at its 1x size, within the column
