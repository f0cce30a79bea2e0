"""Re-execute the book's notebooks in place so their stored outputs are current.

    python tools/refresh_notebooks.py              # every notebook in book/
    python tools/refresh_notebooks.py book/02_*.ipynb

nbval compares these stored outputs with a fresh run, so run this after changing a
chapter or the lossbook package. No timestamps are recorded, so an unchanged
notebook produces no diff.
"""

import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
from nbclient import NotebookClient

BOOK = Path(__file__).resolve().parents[1] / "book"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def refresh(path):
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        # An explorer's live widget exists only in a running kernel: keep its static HTML
        # form in the stored output and drop the widget view, whose model id changes on
        # every run (and points at nothing once the kernel is gone).
        for out in cell.get("outputs", []):
            out.get("data", {}).pop(WIDGET_VIEW, None)
    # Likewise the widgets' saved state: stale without the kernel, and it would make the
    # website load the ipywidgets JavaScript from a CDN.
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)
    return path.name


def main(args):
    paths = [Path(a) for a in args] or sorted(BOOK.glob("*.ipynb"))
    with ProcessPoolExecutor(max_workers=2) as pool:
        for name in pool.map(refresh, paths):
            print("refreshed", name)


if __name__ == "__main__":
    main(sys.argv[1:])
