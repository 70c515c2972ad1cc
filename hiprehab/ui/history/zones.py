"""The zones of the pain-monitoring model as coloured bands behind the pain plot, each labelled.

The bands come from `safety.PAIN_ZONES` (safe, caution, high), reach half a point past each zone's
scores so neighbouring bands meet, and their labels stay at the plot's right edge as it pans.
"""

from __future__ import annotations

import pyqtgraph as pg

from hiprehab.i18n import _
from hiprehab.safety import PAIN_ZONES
from hiprehab.ui.history.theme import HistoryTheme


class PainZoneBands:
    """One fixed horizontal band and one label per pain zone, added to `plot` behind the data."""

    def __init__(self, plot: pg.PlotItem, top: float) -> None:
        self.bands = [
            pg.LinearRegionItem(
                values=(max(z.low - 0.5, 0), min(z.high + 0.5, top)),
                orientation="horizontal",
                movable=False,
            )
            for z in PAIN_ZONES
        ]
        for band in self.bands:
            band.setZValue(-20)
            for line in band.lines:
                line.setPen(pg.mkPen(None))
                line.setHoverPen(pg.mkPen(None))
            plot.addItem(band)
        self.labels = [pg.TextItem(anchor=(1, 0.5)) for _ in PAIN_ZONES]
        for label, zone in zip(self.labels, PAIN_ZONES, strict=True):
            label.setPos(0, (zone.low + min(zone.high, 10)) / 2)
            label.setZValue(-10)
            plot.addItem(label, ignoreBounds=True)

    def apply_theme(self, theme: HistoryTheme) -> None:
        for band, colour in zip(
            self.bands, (theme.zone_safe, theme.zone_caution, theme.zone_high), strict=True
        ):
            band.setBrush(pg.mkBrush(colour))
            band.setHoverBrush(pg.mkBrush(colour))
        for label, zone in zip(self.labels, PAIN_ZONES, strict=True):
            # the zone's name is marked where it is declared (safety.py) and translated here
            # Translators: a band of the pain scale, beside the pain plot: "0–3: gering"
            text = _("{low}-{high}: {zone}").format(
                low=zone.low, high=zone.high, zone=_(zone.label).lower()
            )
            label.setText(text, color=theme.muted)

    def place_labels(self, x0: float, x1: float) -> None:
        """Keep the labels just inside the right edge of the x-range [x0, x1] in view."""
        for label in self.labels:
            label.setPos(x1 - (x1 - x0) * 0.005, label.pos().y())
