"""tools/png_palette.py: smaller figures that look the same, deterministically."""

import io
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
from png_palette import palette_png  # noqa: E402


def _figure_png(transparent=False):
    fig, ax = plt.subplots(figsize=(4, 3), dpi=100, facecolor="white")
    x = np.linspace(-3, 3, 200)
    for k in range(4):
        ax.plot(x, np.sin(x + k), lw=2, label=f"line {k}")
    ax.legend()
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=200, transparent=transparent)
    plt.close(fig)
    return out.getvalue()


def test_a_figure_gets_smaller_keeps_its_size_and_dpi_and_looks_the_same():
    png = _figure_png()
    small = palette_png(png)
    assert len(small) < 0.7 * len(png)
    with Image.open(io.BytesIO(png)) as a, Image.open(io.BytesIO(small)) as b:
        assert b.mode == "P" and a.size == b.size
        assert b.info["dpi"] == a.info["dpi"]
        diff = np.abs(np.asarray(a.convert("RGB"), float) - np.asarray(b.convert("RGB"), float))
    assert diff.mean() < 1.0 and np.percentile(diff, 99.9) < 40   # 0-255 scale


def test_same_input_same_bytes_and_a_palette_is_left_alone():
    png = _figure_png()
    small = palette_png(png)
    assert palette_png(png) == small
    assert palette_png(small) == small


def test_a_transparent_png_is_left_alone():
    png = _figure_png(transparent=True)
    assert palette_png(png) == png
