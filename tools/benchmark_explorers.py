"""Benchmark the explorers: live update time and the size of each static form.

    python tools/benchmark_explorers.py

Live update = compute the view with lossbook + draw it with matplotlib + encode the PNG,
i.e. what one slider move costs in JupyterLab or Binder (median over states spread across
the grid). Budgets: live update <= 150 ms, static form <= 600 KB per explorer, and all
notebooks in book/ together <= 12 MB. What is over budget is named at the end; the script
reports and always exits 0 (wall time on a shared machine cannot gate anything).
"""

import argparse
import time
from pathlib import Path

import matplotlib

matplotlib.use("agg")

import numpy as np  # noqa: E402

from lossbook import explorers  # noqa: E402
from lossbook.explorers import render_png  # noqa: E402

LIVE_BUDGET_MS, STATIC_BUDGET_KB, BOOK_BUDGET_MB = 150, 600, 12
BOOK = Path(__file__).resolve().parents[1] / "book"


def measure(explorer, repeats=5):
    """Median time (s) of a live update (view + PNG, as the widget does) and the static form's size (bytes)."""
    import time

    states = [s for _, s in explorer.states()]
    picks = [states[i] for i in np.linspace(0, len(states) - 1, repeats).astype(int)]
    times = []
    for state in picks:
        t0 = time.perf_counter()
        view = explorer.view(**state)
        if view.get("panels"):
            render_png(view)
        times.append(time.perf_counter() - t0)
    return float(np.median(times)), len(explorer.static_html().encode())


def main():
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    print("| explorer | states | live update ms | static form KB | precompute s |")
    print("|---|---:|---:|---:|---:|")
    over = []
    for cls in explorers.EXPLORERS:
        explorer = cls()
        start = time.perf_counter()
        explorer.static_html()
        precompute = time.perf_counter() - start
        live, size = measure(explorer, repeats=9)
        states = sum(1 for _ in explorer.states())
        print(f"| {cls.__name__} | {states} | {1000 * live:.0f} | {size / 1000:.0f} | {precompute:.2f} |")
        if 1000 * live > LIVE_BUDGET_MS or size / 1000 > STATIC_BUDGET_KB:
            over.append(cls.__name__)
    total = sum(p.stat().st_size for p in BOOK.glob("*.ipynb")) / 1e6
    print(f"\nall notebooks in book/: {total:.1f} MB (budget {BOOK_BUDGET_MB} MB)")
    if total > BOOK_BUDGET_MB:
        over.append("book size")
    if over:
        print("over budget:", ", ".join(over))


if __name__ == "__main__":
    main()
