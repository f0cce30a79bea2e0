"""Interactive explorers that work everywhere: live in a kernel, static on the website.

- :mod:`.framework`: words in two languages (:class:`Text`), controls, views, the two
  renderers (ipywidgets + matplotlib live; self-contained HTML/SVG static) and the
  :class:`Explorer` base class;
- :mod:`.chapters`: the book's explorers;
- ``static/explorer.js`` and ``static/explorer.css``: the static renderer's front end,
  shipped as package data and inlined into every static display.

``from lossbook.explorers import LandscapeExplorer`` works as before. The language of the
live widgets is set with :func:`lossbook.set_language`; the static form carries English and
Chinese and shows the language of the page.
"""

from ..i18n import Text
from .chapters import (ChooserExplorer, FocalExplorer, LandscapeExplorer, OutlierExplorer,
                       SigmoidLossExplorer, SoftmaxExplorer, WassersteinExplorer)
from .framework import (Control, Explorer, asset, line, localize, panel, render_matplotlib, render_png,
                        stored, tr)

EXPLORERS = (LandscapeExplorer, OutlierExplorer, SigmoidLossExplorer, SoftmaxExplorer,
             FocalExplorer, WassersteinExplorer, ChooserExplorer)

__all__ = ["Control", "Explorer", "Text", "asset", "line", "localize", "panel", "render_matplotlib",
           "render_png", "stored", "tr", "EXPLORERS", "ChooserExplorer", "FocalExplorer", "LandscapeExplorer",
           "OutlierExplorer", "SigmoidLossExplorer", "SoftmaxExplorer", "WassersteinExplorer"]
