"""The two history plots (adherence per week above, pain per session below) on one linked time axis.

Built for thousands of sessions: every series is one pyqtgraph item whose data is replaced with
`setData`/`setOpts` on refresh (one BarGraphItem for all weeks, one curve per pain series, no
per-point items), curves clip to the view, and hover and click find the nearest point with numpy
instead of asking each item.

This widget lays the plots out, fills and styles them and handles selection and the mouse; its
parts live beside it: the date axis (`week_axis`), the weekly bars (`week_bars`), the pain zone
bands (`zones`), the legends (`legends`) and the lookups under the mouse (`picking`).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsSceneMouseEvent, QWidget

from hiprehab.history.pane_data import BAR_WIDTH_DAYS, PaneSnapshot
from hiprehab.i18n import _
from hiprehab.ui.history.legends import adherence_legend, pain_legend
from hiprehab.ui.history.picking import column_at, nearest_point, show_label
from hiprehab.ui.history.theme import HistoryTheme
from hiprehab.ui.history.week_axis import WeekAxis
from hiprehab.ui.history.week_bars import WeekBars
from hiprehab.ui.history.zones import PainZoneBands

MARKERS_MAX = 250  # sessions in view up to which each score gets a marker
PAIN_TOP = 10.4  # a little room above 10 so the top markers are not cut


class HistoryPlots(pg.GraphicsLayoutWidget):
    """Adherence bars and pain scores sharing one x-range; hover shows a session's values.

    Emits `sessionClicked(id)` when a pain point or a week's bar is clicked; `highlight(id)`
    marks a session chosen elsewhere (the table).
    """

    sessionClicked = Signal(int)  # noqa: N815 (Qt signal naming)

    def __init__(self, theme: HistoryTheme, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self._theme = theme
        self._snapshot: PaneSnapshot | None = None
        self._selected: int | None = None
        # numpy mirrors of the drawn data, for hover and click lookup
        self._pain_x = np.empty(0)
        self._pain_y = np.empty((0, 3))
        self._pain_ids: list[int] = []
        self._week_x = np.empty(0)
        self._symbols: dict[pg.PlotDataItem, str] = {}
        self._markers_on = True
        self._filling = False  # set_snapshot in progress: range reactions wait for the data
        self.ci.setContentsMargins(4, 8, 14, 4)
        self.ci.setSpacing(2)

        # enableMenu=False: pyqtgraph then builds no context menus for the views (never shown)
        self.adherence = self.addPlot(
            row=0, col=0, axisItems={"bottom": WeekAxis("bottom")}, enableMenu=False
        )
        self.pain = self.addPlot(
            row=1, col=0, axisItems={"bottom": WeekAxis("bottom")}, enableMenu=False
        )
        self.ci.layout.setRowStretchFactor(0, 2)
        self.ci.layout.setRowStretchFactor(1, 3)
        for plot in (self.adherence, self.pain):
            plot.setMenuEnabled(False)
            # pyqtgraph makes its "Plot Options" menu (and six submenus) without a parent: owned
            # by this widget, they go when it does instead of staying behind as windows
            plot.getMenu().setParent(self, Qt.WindowType.Popup)
            plot.hideButtons()
            plot.setMouseEnabled(x=True, y=False)
            plot.showGrid(x=True, y=True, alpha=0.1)
            plot.getAxis("left").setWidth(54)
            for name in ("left", "bottom"):
                # dates, percent and pain need no k/M prefixes; without them pyqtgraph does not
                # re-render each axis label as HTML on every range change
                plot.getAxis(name).enableAutoSIPrefix(False)
        self.pain.setXLink(self.adherence)
        for plot in (self.adherence, self.pain):
            # ranges are always set explicitly; this also lets curves clip to the view
            plot.disableAutoRange()
        self.adherence.setLabel("left", _("Sessions vs plan (%)"))
        self.pain.setLabel("left", _("Pain (0-10)"))
        self.adherence.setYRange(0, 120, padding=0)
        self.pain.setYRange(0, PAIN_TOP, padding=0)
        self.pain.getAxis("left").setTicks([[(v, str(v)) for v in range(0, 11, 2)]])

        # adherence: the bars of every week, the 100 % plan line, the share of sets done
        self.week_bars = WeekBars(self.adherence, theme, self._label_fill())
        self.bars = self.week_bars.item
        self.target = pg.InfiniteLine(pos=100, angle=0, movable=False)
        self.adherence.addItem(self.target)
        self.work_share = pg.PlotDataItem()
        self.adherence.addItem(self.work_share)
        self.adherence.getViewBox().sigXRangeChanged.connect(self._on_x_range)

        # pain: the zones of the pain-monitoring model, three series, the moving average
        self.zones = PainZoneBands(self.pain, top=PAIN_TOP)
        self.before = pg.PlotDataItem()
        self.after = pg.PlotDataItem()
        self.morning = pg.PlotDataItem()
        self.average = pg.PlotDataItem()
        self.series = (self.before, self.after, self.morning)
        for item in (*self.series, self.average):
            self.pain.addItem(item)
        # after addItem, which applies the plot's own (menu) settings to its items
        self.pain.setClipToView(True)
        self.average.setDownsampling(auto=True, method="mean")

        # selection and hover decorations
        self.cursor_top = pg.InfiniteLine(angle=90, movable=False)
        self.cursor_bottom = pg.InfiniteLine(angle=90, movable=False)
        self.adherence.addItem(self.cursor_top, ignoreBounds=True)
        self.pain.addItem(self.cursor_bottom, ignoreBounds=True)
        self.ring = pg.ScatterPlotItem(size=18, brush=pg.mkBrush(None))
        self.pain.addItem(self.ring)
        self.hover_label = pg.TextItem(anchor=(0, 1))
        self.adherence_hover = pg.TextItem(anchor=(0, 1))
        self.pain.addItem(self.hover_label, ignoreBounds=True)
        self.adherence.addItem(self.adherence_hover, ignoreBounds=True)
        for item in (self.cursor_top, self.cursor_bottom, self.hover_label, self.adherence_hover):
            item.setZValue(50)
            item.hide()

        self.scene().sigMouseMoved.connect(self.handle_hover)
        self.scene().sigMouseClicked.connect(self._on_click)
        self.pain.getViewBox().sigXRangeChanged.connect(self._place_zone_labels)
        self.apply_theme(theme)

    # --- looks -------------------------------------------------------------------------------
    def apply_theme(self, theme: HistoryTheme) -> None:
        """Recolour everything from the palette-derived theme (light or dark)."""
        self._theme = theme
        self.setBackground(theme.background)
        fg = theme.foreground
        for plot in (self.adherence, self.pain):
            for name in ("left", "bottom"):
                axis = plot.getAxis(name)
                axis.setPen(pg.mkPen(theme.muted))
                axis.setTextPen(pg.mkPen(fg))
            plot.getAxis("left").label.setDefaultTextColor(fg)
        self.target.setPen(pg.mkPen(theme.target, width=1.5, style=Qt.PenStyle.DashLine))
        self.work_share.setPen(pg.mkPen(theme.work_share, width=2))
        self.work_share.setSymbol("d")
        self.work_share.setSymbolSize(9)
        self.work_share.setSymbolBrush(pg.mkBrush(theme.work_share))
        self.work_share.setSymbolPen(pg.mkPen(theme.background, width=1))
        self.zones.apply_theme(theme)
        styles = (
            (self.before, theme.before, "o"),
            (self.after, theme.after, "t1"),
            (self.morning, theme.next_morning, "s"),
        )
        for item, colour, symbol in styles:
            line = QColor(colour)
            line.setAlpha(110)
            item.setPen(pg.mkPen(line, width=1))
            self._symbols[item] = symbol
            item.setSymbol(symbol if self._markers_on else None)
            item.setSymbolSize(9)
            item.setSymbolBrush(pg.mkBrush(colour))
            item.setSymbolPen(pg.mkPen(theme.background, width=1))
        self.average.setPen(pg.mkPen(theme.average, width=3))
        cursor = pg.mkPen(theme.highlight, width=1, style=Qt.PenStyle.DotLine)
        self.cursor_top.setPen(cursor)
        self.cursor_bottom.setPen(cursor)
        self.ring.setPen(pg.mkPen(theme.highlight, width=2.5))
        for label in (self.hover_label, self.adherence_hover):
            label.fill = pg.mkBrush(self._label_fill())
            label.border = pg.mkPen(theme.muted)
            label.setColor(fg)
        # the legends are the plots' titles: above the data, never over it
        for plot, title in ((self.adherence, adherence_legend), (self.pain, pain_legend)):
            plot.setTitle(title(theme), justify="left", color=fg.name())
        self.week_bars.apply_theme(theme, self._label_fill())
        if self._snapshot is not None:
            self.week_bars.draw(self._snapshot, self._week_x)
            self._on_x_range()

    def _label_fill(self) -> QColor:
        fill = QColor(self._theme.background)
        fill.setAlpha(225)
        return fill

    # --- data --------------------------------------------------------------------------------
    def set_snapshot(
        self, snapshot: PaneSnapshot, x_range: tuple[float, float] | None = None
    ) -> None:
        """Replace the data of the existing items (no items are created per point).

        With `x_range`, the range is set first, so curves clipped to the view only ever
        process the points in view.
        """
        self._snapshot = snapshot
        self._filling = True  # the range reactions run once, at the end, on the new data
        try:
            if x_range is not None:
                self.set_x_range(*x_range)
            self._fill(snapshot)
        finally:
            self._filling = False
        self.highlight(self._selected)
        self._on_x_range()

    def _fill(self, snapshot: PaneSnapshot) -> None:
        weeks = snapshot.weeks
        self._week_x = np.fromiter((w.x for w in weeks), float, len(weeks))
        self.week_bars.draw(snapshot, self._week_x)
        share = np.fromiter((_nan(w.work_share) * 100 for w in weeks), float, len(weeks))
        present = ~np.isnan(share)
        self.work_share.setData(self._week_x[present], share[present])

        rows = snapshot.pain
        n = len(rows)
        self._pain_x = np.fromiter((r.x for r in rows), float, n)
        # None becomes NaN as numpy makes floats (many times faster than one call per score)
        self._pain_y = np.array(
            [(r.before, r.after, r.next_morning) for r in rows], dtype=float
        ).reshape(n, 3)
        self._pain_ids = [r.session_id for r in rows]
        for col, item in enumerate(self.series):
            # a missing score is left out, so the line joins the scores either side of it
            present = ~np.isnan(self._pain_y[:, col])
            item.setData(self._pain_x[present], self._pain_y[present, col])
        avg = np.array([r.average for r in rows], dtype=float).reshape(n)
        present = ~np.isnan(avg)
        self.average.setData(self._pain_x[present], avg[present])

    def set_x_range(self, x0: float, x1: float) -> None:
        """Show [x0, x1] on both plots and fit the adherence axis to the bars in view."""
        snap = self._snapshot
        if snap is not None:
            # panning stops a week beyond the data, or beyond the range asked for
            lo, hi = snap.x_bounds()
            for plot in (self.adherence, self.pain):
                plot.setLimits(xMin=min(lo, x0) - 7, xMax=max(hi, x1) + 7, minXRange=7)
        self.adherence.setXRange(x0, x1, padding=0)
        visible = [w.percent for w in (snap.weeks if snap else ()) if x0 <= w.x <= x1]
        top = max([125.0, *(p * 1.15 + 10 for p in visible)])
        self.adherence.setYRange(0, top, padding=0)
        ticks = [(v, str(v)) for v in range(0, int(top) + 1, 50 if top <= 250 else 100)]
        self.adherence.getAxis("left").setTicks([ticks])

    def _on_x_range(self) -> None:
        if self._filling:
            return
        self._update_markers()
        self.week_bars.show_labels(self._snapshot, *self.x_range())

    def _update_markers(self) -> None:
        """Markers while they can be told apart; lines only for long, dense ranges.

        Thousands of markers are unreadable and slow to paint; the lines, the moving average
        and hovering still show every session.
        """
        x0, x1 = self.x_range()
        visible = int(np.searchsorted(self._pain_x, x1) - np.searchsorted(self._pain_x, x0))
        on = visible <= MARKERS_MAX
        if on == self._markers_on:
            return
        self._markers_on = on
        for item, symbol in self._symbols.items():
            item.setSymbol(symbol if on else None)

    @property
    def markers_shown(self) -> bool:
        return self._markers_on

    def bar_label_texts(self) -> list[str]:
        return self.week_bars.label_texts()

    def x_range(self) -> tuple[float, float]:
        (x0, x1), _y_range = self.pain.getViewBox().viewRange()
        return float(x0), float(x1)

    def _place_zone_labels(self) -> None:
        self.zones.place_labels(*self.x_range())

    # --- selection -----------------------------------------------------------------------------
    @property
    def selected(self) -> int | None:
        return self._selected

    def highlight(self, session_id: int | None) -> None:
        """Mark a session: a vertical cursor through both plots and rings on its pain points.

        A session outside the visible range is brought into view.
        """
        snap = self._snapshot
        x = None
        if snap is not None and session_id is not None:
            x = snap.session_x.get(session_id)
        if x is None:
            self._selected = None
            self.cursor_top.hide()
            self.cursor_bottom.hide()
            self.ring.setData([], [])
            return
        self._selected = session_id
        for cursor in (self.cursor_top, self.cursor_bottom):
            cursor.setValue(x)
            cursor.show()
        ys: list[float] = []
        if session_id in self._pain_ids:
            row = self._pain_y[self._pain_ids.index(session_id)]
            ys = [float(v) for v in row if not np.isnan(v)]
        self.ring.setData([x] * len(ys), ys)
        x0, x1 = self.x_range()
        if not x0 <= x <= x1:
            half = (x1 - x0) / 2
            self.set_x_range(x - half, x + half)

    def ring_points(self) -> list[tuple[float, float]]:
        xs, ys = self.ring.getData()
        return [(float(a), float(b)) for a, b in zip(xs, ys, strict=True)]

    # --- hover and click -----------------------------------------------------------------------
    def nearest_session(self, scene_pos: QPointF) -> int | None:
        """The index of the pain row nearest a scene position, if within a few pixels."""
        return nearest_point(self.pain.getViewBox(), self._pain_x, self._pain_y, scene_pos)

    def nearest_week(self, scene_pos: QPointF) -> int | None:
        """The index of the week whose bar column contains a scene position."""
        return column_at(self.adherence.getViewBox(), self._week_x, BAR_WIDTH_DAYS, scene_pos)

    def handle_hover(self, scene_pos: QPointF) -> str | None:
        """Show the values under the mouse; returns the text shown (None when nothing is near)."""
        self.hide_hover()
        snap = self._snapshot
        if snap is None:
            return None
        index = self.nearest_session(scene_pos)
        if index is not None:
            row = snap.pain[index]
            text = row.hover_text()
            y = float(np.nanmax(self._pain_y[index]))
            show_label(self.hover_label, self.pain, text, row.x, y)
            return text
        week = self.nearest_week(scene_pos)
        if week is not None:
            bar = snap.weeks[week]
            text = bar.hover_text()
            show_label(self.adherence_hover, self.adherence, text, bar.x, 0.0)
            return text
        return None

    def hide_hover(self) -> None:
        self.hover_label.hide()
        self.adherence_hover.hide()

    def _on_click(self, event: QGraphicsSceneMouseEvent) -> None:
        scene_pos = event.scenePos()
        index = self.nearest_session(scene_pos)
        if index is not None:
            self.sessionClicked.emit(self._pain_ids[index])
            return
        week = self.nearest_week(scene_pos)
        snap = self._snapshot
        if week is not None and snap is not None:
            in_week = snap.sessions_in_week(snap.weeks[week].monday)
            if in_week:
                self.sessionClicked.emit(in_week[0])

    def view_to_scene(self, x: float, y: float, plot: str = "pain") -> QPointF:
        """Where data point (x, y) of a plot sits in the scene (for tests and tooling)."""
        item = self.pain if plot == "pain" else self.adherence
        point: QPointF = item.getViewBox().mapViewToScene(QPointF(x, y))
        return point


def _nan(value: float | None) -> float:
    return float("nan") if value is None else float(value)
