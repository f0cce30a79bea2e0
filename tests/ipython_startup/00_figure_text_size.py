"""Run at the start of every IPython kernel the tests start (nbval's above all; conftest.py
points IPYTHONDIR at a temporary profile holding this file): every figure a notebook draws
must have its text at least 11 px as displayed at its 1x size (px = pt * dpi / 72 with the
figure's own dpi: the chapters' 2x PNGs are shown at their 1x size, dpi 100, where the book's
smallest size, lossbook.plotting.MIN_FONT_SIZE = 8 pt, is 11.1 px; the live explorers' images
have dpi 80 and are shown at their own size).
The site test ``test_figures_are_not_scaled_down`` checks that no figure is shown smaller than
1x on a 1280 px desktop; together they bound the rendered size of every text in a figure.
A figure with smaller text makes its cell fail with an error naming the text and its size.
"""

import matplotlib.backend_bases as _lb_bb
import matplotlib.text as _lb_text

_LB_MIN_PX = 11.0

_lb_print_figure = _lb_bb.FigureCanvasBase.print_figure


def _lb_checked_print_figure(self, *args, **kwargs):
    out = _lb_print_figure(self, *args, **kwargs)  # draws: tick labels have their text now
    fig = self.figure
    small = sorted(
        (t.get_fontsize(), t.get_text().strip()[:40])
        for t in fig.findobj(_lb_text.Text)
        if t.get_visible() and t.get_text().strip()
        and (t.axes is None or t.axes.get_visible())
        and t.get_fontsize() * fig.dpi / 72 < _LB_MIN_PX - 1e-9
    )
    if small:
        size, text = small[0]
        raise ValueError(
            f"figure text {text!r} is {size * fig.dpi / 72:.1f} px as displayed ({size:g} pt at "
            f"{fig.dpi:g} dpi); the book's figures use at least {_LB_MIN_PX:g} px "
            f"({len(small)} text(s) below)"
        )
    return out


_lb_bb.FigureCanvasBase.print_figure = _lb_checked_print_figure
