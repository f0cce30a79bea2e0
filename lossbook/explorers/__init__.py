"""Interactive explorers that work everywhere: live in a kernel, static on the website.

- :mod:`.framework`: controls, views, the two renderers (ipywidgets + matplotlib live;
  self-contained HTML/SVG static) and the :class:`Explorer` base class;
- :mod:`.chapters`: the book's explorers;
- ``static/explorer.js`` and ``static/explorer.css``: the static renderer's front end,
  shipped as package data and inlined into every static display.

``from lossbook.explorers import LandscapeExplorer`` works as before.
"""

from .chapters import (ChooserExplorer, FocalExplorer, LandscapeExplorer, OutlierExplorer,
                       SigmoidLossExplorer, SoftmaxExplorer, WassersteinExplorer)
from .framework import Control, Explorer, asset, line, panel, render_matplotlib, render_png

EXPLORERS = (LandscapeExplorer, OutlierExplorer, SigmoidLossExplorer, SoftmaxExplorer,
             FocalExplorer, WassersteinExplorer, ChooserExplorer)

__all__ = ["Control", "Explorer", "asset", "line", "panel", "render_matplotlib", "render_png", "EXPLORERS",
           "ChooserExplorer", "FocalExplorer", "LandscapeExplorer", "OutlierExplorer",
           "SigmoidLossExplorer", "SoftmaxExplorer", "WassersteinExplorer"]
