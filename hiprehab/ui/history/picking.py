"""What is under the mouse on a history plot, found with numpy instead of asking each item.

Hover and click look up the nearest drawn point (or the bar column) in numpy mirrors of the
plotted data, which stays quick with thousands of sessions; the hover box is placed so that it
stays inside the plot.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF

if TYPE_CHECKING:
    import numpy.typing as npt

HOVER_RADIUS_PX = 14.0


def nearest_point(
    view_box: pg.ViewBox,
    xs: npt.NDArray[np.float64],
    ys: npt.NDArray[np.float64],
    scene_pos: QPointF,
) -> int | None:
    """The row whose point is nearest a scene position, if within HOVER_RADIUS_PX pixels.

    `ys` has one column per series drawn at the row's `xs`; missing values (NaN) are never near.
    """
    if not len(xs) or not view_box.sceneBoundingRect().contains(scene_pos):
        return None
    view = view_box.mapSceneToView(scene_pos)
    px_w, px_h = view_box.viewPixelSize()
    dx = (xs - view.x()) / px_w
    dy = (ys - view.y()) / px_h
    dist = np.sqrt(dx[:, None] ** 2 + dy**2)
    best = np.min(np.where(np.isnan(dist), np.inf, dist), axis=1)
    index = int(np.argmin(best))
    return index if best[index] <= HOVER_RADIUS_PX else None


def column_at(
    view_box: pg.ViewBox, xs: npt.NDArray[np.float64], width: float, scene_pos: QPointF
) -> int | None:
    """The index of the bar (centred at `xs`, `width` wide) whose column holds a scene position."""
    if not len(xs) or not view_box.sceneBoundingRect().contains(scene_pos):
        return None
    x = view_box.mapSceneToView(scene_pos).x()
    index = int(np.argmin(np.abs(xs - x)))
    return index if abs(xs[index] - x) <= width / 2 else None


def show_label(label: pg.TextItem, plot: pg.PlotItem, text: str, x: float, y: float) -> None:
    """Show `text` at data point (x, y) of `plot`, on the side of the point facing the middle."""
    label.setText(text)
    (x0, x1), (y0, y1) = plot.getViewBox().viewRange()
    # keep the box inside the plot: to the left of points in the right half, below high ones
    label.setAnchor((1.0 if x > (x0 + x1) / 2 else 0.0, 0.0 if y > (y0 + y1) / 2 else 1.0))
    label.setPos(x, y)
    label.show()
