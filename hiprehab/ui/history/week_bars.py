"""The adherence plot's weekly bars, coloured by how close each week came to the plan.

All weeks are one `BarGraphItem` whose data is replaced on refresh (no item per week); the week in
progress is drawn paler. While few enough weeks are in view each bar shows "done/planned" above it,
from a pool of text items that grows to the most ever shown and is reused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor

from hiprehab.history.pane_data import (
    BAR_WIDTH_DAYS,
    PaneSnapshot,
    bar_heights,
    bar_level,
)
from hiprehab.i18n.formats import format_number
from hiprehab.ui.history.guidance import format_sessions
from hiprehab.ui.history.theme import HistoryTheme

if TYPE_CHECKING:
    import numpy.typing as npt

BAR_LABELS_MAX = 20  # weeks in view up to which each bar shows "done/planned"


class WeekBars:
    """The bars of every week and their "done/planned" labels, on the adherence `plot`."""

    def __init__(self, plot: pg.PlotItem, theme: HistoryTheme, label_fill: QColor) -> None:
        self._plot = plot
        self._theme = theme
        self._label_fill = label_fill
        self.item = pg.BarGraphItem(x=[], height=[], width=BAR_WIDTH_DAYS, brushes=[])
        plot.addItem(self.item)
        self.labels: list[pg.TextItem] = []  # the pool; those beyond the weeks shown are hidden

    def apply_theme(self, theme: HistoryTheme, label_fill: QColor) -> None:
        """Take new colours; the caller redraws the bars and their labels."""
        self._theme = theme
        self._label_fill = label_fill
        for label in self.labels:
            label.fill = pg.mkBrush(label_fill)

    def draw(self, snapshot: PaneSnapshot, xs: npt.NDArray[np.float64]) -> None:
        """One bar per week of `snapshot`, at `xs`; the week in progress is drawn paler."""
        theme = self._theme
        colours = {
            "full": theme.bar_full,
            "close": theme.bar_close,
            "low": theme.bar_low,
            "none": theme.bar_none,
        }
        current = snapshot.this_week
        brushes = []
        for week in snapshot.weeks:
            colour = QColor(colours[bar_level(week.ratio, week.done)])
            if week is current:
                colour.setAlpha(120)
            brushes.append(pg.mkBrush(colour))
        self.item.setOpts(
            x=xs,
            height=np.asarray(bar_heights(snapshot.weeks, current), float),
            width=BAR_WIDTH_DAYS,
            brushes=brushes,
            pen=pg.mkPen(None),
        )

    def show_labels(self, snapshot: PaneSnapshot | None, x0: float, x1: float) -> None:
        """Label the bars in the x-range [x0, x1], or none when more than a few are in it."""
        shown = []
        if snapshot is not None:
            current = snapshot.this_week
            heights = bar_heights(snapshot.weeks, current)
            shown = [(w, h) for w, h in zip(snapshot.weeks, heights, strict=True) if x0 < w.x < x1]
            if len(shown) > BAR_LABELS_MAX:
                shown = []
        while len(self.labels) < len(shown):
            label = pg.TextItem(anchor=(0.5, 1.0))
            label.setZValue(5)
            label.fill = pg.mkBrush(self._label_fill)
            self._plot.addItem(label, ignoreBounds=True)
            self.labels.append(label)
        for label, (week, height) in zip(self.labels, shown, strict=False):
            text = f"{format_sessions(week.done)}/{format_number(week.planned)}"
            label.setText(text, color=self._theme.foreground)
            label.setPos(week.x, height)
            label.show()
        for label in self.labels[len(shown) :]:
            label.hide()

    def label_texts(self) -> list[str]:
        return [label.toPlainText() for label in self.labels if label.isVisible()]
