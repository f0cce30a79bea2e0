"""Smaller PNG figures: re-encode a PNG with a 256-colour palette when that is smaller.

Used on the notebooks' stored figures (``tools/refresh_notebooks.py``) and on the website's
(``tools/sphinx_lossbook.py``, after the build). The book's figures are line plots and
contour maps on a white background: few colours, and anti-aliased edges that a 256-colour
palette (Pillow's median cut, no dithering) approximates without a visible change. The
resolution (2x, for high-DPI screens) and the dpi recorded in the file are kept; a PNG that
is already a palette, or is transparent somewhere, is left as it is. Deterministic: the
same input gives the same bytes, so a refresh that changes nothing leaves no diff.
"""

import io

from PIL import Image


def palette_png(data):
    """``data`` (PNG bytes) re-encoded with a palette, or ``data`` itself if that is not smaller."""
    with Image.open(io.BytesIO(data)) as image:
        if image.format != "PNG" or image.mode == "P":
            return data
        if image.mode in ("RGBA", "LA") and image.getextrema()[-1][0] < 255:
            return data  # transparent somewhere: a palette would lose it
        info = {"dpi": image.info["dpi"]} if "dpi" in image.info else {}
        small = image.convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        out = io.BytesIO()
        small.save(out, format="PNG", optimize=True, **info)
    return out.getvalue() if out.tell() < len(data) else data
