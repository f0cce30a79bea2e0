"""Run at the start of every IPython kernel the tests start (nbval's above all; conftest.py
points IPYTHONDIR at a temporary profile holding this file): every figure a notebook draws
must have its text at least lossbook.plotting.MIN_FONT_SIZE points, i.e. at least 11 px as
displayed at its 1x size (2x PNG shown at 1x: px = pt * dpi / 72 with the book's dpi 100).
The site test ``test_figures_are_not_scaled_down`` checks that no figure is shown smaller than
1x on a 1280 px desktop; together they bound the rendered size of every text in a figure.
A figure with smaller text makes its cell fail with an error naming the text and its size.
"""

import matplotlib.backend_bases as _lb_bb
import matplotlib.text as _lb_text

try:
    from lossbook.plotting import MIN_FONT_SIZE as _LB_MIN_PT
except ImportError:  # a kernel without lossbook: the book's rule all the same
    _LB_MIN_PT = 8

_lb_print_figure = _lb_bb.FigureCanvasBase.print_figure


def _lb_checked_print_figure(self, *args, **kwargs):
    out = _lb_print_figure(self, *args, **kwargs)  # draws: tick labels have their text now
    fig = self.figure
    small = sorted(
        (t.get_fontsize(), t.get_text().strip()[:40])
        for t in fig.findobj(_lb_text.Text)
        if t.get_visible() and t.get_text().strip()
        and (t.axes is None or t.axes.get_visible()) and t.get_fontsize() < _LB_MIN_PT - 1e-9
    )
    if small:
        size, text = small[0]
        raise ValueError(
            f"figure text {text!r} is {size:g} pt ({size * fig.dpi / 72:.1f} px as displayed); "
            f"the book's figures use at least {_LB_MIN_PT} pt ({len(small)} text(s) below)"
        )
    return out


_lb_bb.FigureCanvasBase.print_figure = _lb_checked_print_figure
