"""Report the size of the text in the book's figures, as a reader sees it on a 1280 px desktop.

    python tools/figure_text_sizes.py                 # every chapter
    python tools/figure_text_sizes.py book/02_*.ipynb

Runs each notebook (as nbclient, in a kernel) with a hook on matplotlib's ``print_figure``
that records, after the figure is drawn, the font size of every visible, non-empty text of
the figure: tick labels, axis labels, titles, legends, annotations. A size in points becomes
pixels at the figure's 1x size (``dpi`` of the book style, 100: px = pt * 100 / 72); the site
test ``test_figures_are_not_scaled_down`` checks that no figure is shown below its 1x size in
the 688 px column, so these are the sizes on the page at 1280 px (on a 390 px phone every
figure is scaled to the phone's width). Prints the smallest, the median and the count per
chapter and for the book, and the smallest texts. Reports only; exits 0.
"""

import json
import statistics
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]

HOOK = r'''
import matplotlib, matplotlib.text, matplotlib.backend_bases as _bb
_lb_sizes = []
_lb_print = _bb.FigureCanvasBase.print_figure
def _lb_record(self, *args, **kwargs):
    out = _lb_print(self, *args, **kwargs)   # draws the figure: tick labels get their text
    fig = self.figure
    for t in fig.findobj(matplotlib.text.Text):
        if t.get_visible() and t.get_text().strip() and (t.axes is None or t.axes.get_visible()):
            _lb_sizes.append((round(t.get_fontsize(), 2), fig.dpi, t.get_text()[:40]))
    return out
_bb.FigureCanvasBase.print_figure = _lb_record
'''
REPORT = "import json as _j; print('LBSIZES' + _j.dumps(_lb_sizes))"


def sizes(path):
    nb = nbformat.read(path, as_version=4)
    nb.cells = [c for c in nb.cells if c.get("id") != "install-lossbook"]
    nb.cells.insert(0, nbformat.v4.new_code_cell(HOOK))
    nb.cells.append(nbformat.v4.new_code_cell(REPORT))
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT / "book")}}).execute()
    text = "".join(o.get("text", "") for o in nb.cells[-1].outputs)
    rows = json.loads(text.split("LBSIZES", 1)[1])
    # display px at the 1x size: the inline backend's 2x PNG is shown at the figure's 1x width
    return [(pt * dpi / 72, pt, label) for pt, dpi, label in rows]


def main(args):
    paths = [Path(a) for a in args] or sorted((ROOT / "book").glob("[0-9][0-9]_*.ipynb"))
    every = []
    for path in paths:
        found = sizes(path)
        every += found
        px = [p for p, _, _ in found]
        print(f"{path.name}: {len(px)} texts, smallest {min(px):.1f} px, median {statistics.median(px):.1f} px")
    px = sorted(p for p, _, _ in every)
    print(f"book: {len(px)} texts in figures; smallest {px[0]:.1f} px, median {statistics.median(px):.1f} px, "
          f"share below 11 px {sum(p < 11 for p in px) / len(px):.1%}")
    for p, pt, label in sorted(every)[:5]:
        print(f"  {p:.1f} px ({pt} pt): {label!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
