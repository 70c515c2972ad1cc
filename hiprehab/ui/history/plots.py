"""The two history plots (adherence per week above, pain per session below) on one linked time axis.

Built for thousands of sessions: every series is one pyqtgraph item whose data is replaced with
`setData`/`setOpts` on refresh (one BarGraphItem for all weeks, one curve per pain series, no
per-point items), curves clip to the view, and hover and click find the nearest point with numpy
instead of asking each item.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsSceneMouseEvent, QWidget

from hiprehab.history.pane_data import (
    BAR_WIDTH_DAYS,
    PaneSnapshot,
    bar_heights,
    bar_level,
    format_count,
    x_date,
)
from hiprehab.safety import PAIN_ZONES
from hiprehab.ui.history.pg import np, pg  # imported the quick way
from hiprehab.ui.history.theme import HistoryTheme

HOVER_RADIUS_PX = 14.0
MARKERS_MAX = 250  # sessions in view up to which each score gets a marker
BAR_LABELS_MAX = 20  # weeks in view up to which each bar shows "done/planned"
PAIN_TOP = 10.4  # a little room above 10 so the top markers are not cut


class WeekAxis(pg.AxisItem):
    """A date axis with ticks on Mondays, labelled '5 Jan' (with the year where it changes)."""

    STEPS_WEEKS = (1, 2, 4, 8, 13, 26, 52, 104, 208)
    LABEL_PX = 64.0

    def tickValues(  # noqa: N802 (pyqtgraph's name)
        self,
        minVal: float,  # noqa: N803
        maxVal: float,  # noqa: N803
        size: float,
    ) -> list[tuple[float, list[float]]]:
        span_weeks = max((maxVal - minVal) / 7.0, 1e-9)
        fits = max(size / self.LABEL_PX, 1.0)
        step = next((s for s in self.STEPS_WEEKS if span_weeks / s <= fits), self.STEPS_WEEKS[-1])
        # x = 4 is Monday 1970-01-05; labelled Mondays are whole multiples of the step from it
        weeks = range(int(np.ceil((minVal - 4) / 7.0)), int(np.floor((maxVal - 4) / 7.0)) + 1)
        major = [4.0 + 7.0 * w for w in weeks if w % step == 0]
        minor = [4.0 + 7.0 * w for w in weeks if w % step] if span_weeks <= 60 else []
        return [(7.0 * step, major), (7.0, minor)]

    def tickStrings(  # noqa: N802 (pyqtgraph's name)
        self, values: list[float], scale: float, spacing: float
    ) -> list[str]:
        if spacing < 7.0 * 1.5 and len(values) > 30:
            return [""] * len(values)  # the weekly minor ticks of a long range: no labels
        labels = []
        previous_year: int | None = None
        for v in values:
            day = x_date(v + 1e-6)
            if spacing >= 7 * 26:
                labels.append(f"{day:%b %Y}")
            elif day.year != previous_year:
                labels.append(f"{day.day} {day:%b %Y}")
            else:
                labels.append(f"{day.day} {day:%b}")
            previous_year = day.year
        return labels


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
        self.adherence.setLabel("left", "Sessions vs plan (%)")
        self.pain.setLabel("left", "Pain (0-10)")
        self.adherence.setYRange(0, 120, padding=0)
        self.pain.setYRange(0, PAIN_TOP, padding=0)
        self.pain.getAxis("left").setTicks([[(v, str(v)) for v in range(0, 11, 2)]])

        # adherence: one bar item for every week, the 100 % plan line, the share of sets done
        self.bars = pg.BarGraphItem(x=[], height=[], width=BAR_WIDTH_DAYS, brushes=[])
        self.adherence.addItem(self.bars)
        self.target = pg.InfiniteLine(pos=100, angle=0, movable=False)
        self.adherence.addItem(self.target)
        self.work_share = pg.PlotDataItem()
        self.adherence.addItem(self.work_share)
        # "done/planned" above each bar while few enough weeks are in view (a reused pool)
        self.bar_labels: list[pg.TextItem] = []
        self.adherence.getViewBox().sigXRangeChanged.connect(self._on_x_range)

        # pain: the zones of the pain-monitoring model, three series, the moving average
        self.zones = [
            pg.LinearRegionItem(
                values=(max(z.low - 0.5, 0), min(z.high + 0.5, PAIN_TOP)),
                orientation="horizontal",
                movable=False,
            )
            for z in PAIN_ZONES
        ]
        for zone in self.zones:
            zone.setZValue(-20)
            for line in zone.lines:
                line.setPen(pg.mkPen(None))
                line.setHoverPen(pg.mkPen(None))
            self.pain.addItem(zone)
        self.zone_labels = [pg.TextItem(anchor=(1, 0.5)) for _ in PAIN_ZONES]
        for label, zone in zip(self.zone_labels, PAIN_ZONES, strict=True):
            label.setPos(0, (zone.low + min(zone.high, 10)) / 2)
            label.setZValue(-10)
            self.pain.addItem(label, ignoreBounds=True)
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
        for zone, colour in zip(
            self.zones, (theme.zone_safe, theme.zone_caution, theme.zone_high), strict=True
        ):
            zone.setBrush(pg.mkBrush(colour))
            zone.setHoverBrush(pg.mkBrush(colour))
        for label, zone in zip(self.zone_labels, PAIN_ZONES, strict=True):
            label.setText(f"{zone.low}-{zone.high}: {zone.label.lower()}", color=theme.muted)
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
        for label in self.bar_labels:
            label.fill = pg.mkBrush(self._label_fill())
        if self._snapshot is not None:
            self._draw_bars(self._snapshot)
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
        self._draw_bars(snapshot)
        share = np.fromiter((_nan(w.work_share) * 100 for w in weeks), float, len(weeks))
        present = ~np.isnan(share)
        self.work_share.setData(self._week_x[present], share[present])

        rows = snapshot.pain
        n = len(rows)
        self._pain_x = np.fromiter((r.x for r in rows), float, n)
        self._pain_y = np.array(
            [[_nan(r.before), _nan(r.after), _nan(r.next_morning)] for r in rows], dtype=float
        ).reshape(n, 3)
        self._pain_ids = [r.session_id for r in rows]
        for col, item in enumerate(self.series):
            # a missing score is left out, so the line joins the scores either side of it
            present = ~np.isnan(self._pain_y[:, col])
            item.setData(self._pain_x[present], self._pain_y[present, col])
        avg = np.fromiter((_nan(r.average) for r in rows), float, n)
        present = ~np.isnan(avg)
        self.average.setData(self._pain_x[present], avg[present])

    def _draw_bars(self, snapshot: PaneSnapshot) -> None:
        """One BarGraphItem for all weeks; the week in progress is drawn paler."""
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
        self.bars.setOpts(
            x=self._week_x,
            height=np.asarray(bar_heights(snapshot.weeks, current), float),
            width=BAR_WIDTH_DAYS,
            brushes=brushes,
            pen=pg.mkPen(None),
        )

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
        self._update_bar_labels()

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

    def _update_bar_labels(self) -> None:
        snap = self._snapshot
        x0, x1 = self.x_range()
        shown = []
        if snap is not None:
            current = snap.this_week
            heights = bar_heights(snap.weeks, current)
            shown = [(w, h) for w, h in zip(snap.weeks, heights, strict=True) if x0 < w.x < x1]
            if len(shown) > BAR_LABELS_MAX:
                shown = []
        while len(self.bar_labels) < len(shown):
            label = pg.TextItem(anchor=(0.5, 1.0))
            label.setZValue(5)
            label.fill = pg.mkBrush(self._label_fill())
            self.adherence.addItem(label, ignoreBounds=True)
            self.bar_labels.append(label)
        for label, (week, height) in zip(self.bar_labels, shown, strict=False):
            label.setText(f"{format_count(week.done)}/{week.planned}", color=self._theme.foreground)
            label.setPos(week.x, height)
            label.show()
        for label in self.bar_labels[len(shown) :]:
            label.hide()

    def bar_label_texts(self) -> list[str]:
        return [label.toPlainText() for label in self.bar_labels if label.isVisible()]

    def x_range(self) -> tuple[float, float]:
        (x0, x1), _ = self.pain.getViewBox().viewRange()
        return float(x0), float(x1)

    def _place_zone_labels(self) -> None:
        x0, x1 = self.x_range()
        for label in self.zone_labels:
            label.setPos(x1 - (x1 - x0) * 0.005, label.pos().y())

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
        vb = self.pain.getViewBox()
        if not len(self._pain_x) or not vb.sceneBoundingRect().contains(scene_pos):
            return None
        view = vb.mapSceneToView(scene_pos)
        px_w, px_h = vb.viewPixelSize()
        dx = (self._pain_x - view.x()) / px_w
        dy = (self._pain_y - view.y()) / px_h
        dist = np.sqrt(dx[:, None] ** 2 + dy**2)
        best = np.min(np.where(np.isnan(dist), np.inf, dist), axis=1)
        index = int(np.argmin(best))
        return index if best[index] <= HOVER_RADIUS_PX else None

    def nearest_week(self, scene_pos: QPointF) -> int | None:
        """The index of the week whose bar column contains a scene position."""
        vb = self.adherence.getViewBox()
        if not len(self._week_x) or not vb.sceneBoundingRect().contains(scene_pos):
            return None
        x = vb.mapSceneToView(scene_pos).x()
        index = int(np.argmin(np.abs(self._week_x - x)))
        return index if abs(self._week_x[index] - x) <= BAR_WIDTH_DAYS / 2 else None

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
            self._show_label(self.hover_label, self.pain, text, row.x, y)
            return text
        week = self.nearest_week(scene_pos)
        if week is not None:
            bar = snap.weeks[week]
            text = bar.hover_text()
            self._show_label(self.adherence_hover, self.adherence, text, bar.x, 0.0)
            return text
        return None

    def _show_label(
        self, label: pg.TextItem, plot: pg.PlotItem, text: str, x: float, y: float
    ) -> None:
        label.setText(text)
        (x0, x1), (y0, y1) = plot.getViewBox().viewRange()
        # keep the box inside the plot: to the left of points in the right half, below high ones
        label.setAnchor((1.0 if x > (x0 + x1) / 2 else 0.0, 0.0 if y > (y0 + y1) / 2 else 1.0))
        label.setPos(x, y)
        label.show()

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


def _key(colour: QColor, mark: str, text: str) -> str:
    return f'<span style="color:{colour.name()}">{mark}</span>&nbsp;{text}'


def _title(title: str, keys: tuple[str, ...]) -> str:
    joined = "&nbsp;&nbsp;&nbsp;".join(keys)
    return f'<b>{title}</b><br><span style="font-size:9pt">{joined}</span>'


def adherence_legend(theme: HistoryTheme) -> str:
    """The adherence plot's title, which doubles as its legend."""
    keys = (
        _key(theme.bar_full, "■", "plan met"),
        _key(theme.bar_close, "■", "60-99 %"),
        _key(theme.bar_low, "■", "under 60 %"),
        _key(theme.bar_none, "■", "missed"),
        _key(theme.work_share, "◆", "sets done"),
        _key(theme.target, "╌╌", "plan"),
    )
    return _title("Sessions per week against the plan", keys)


def pain_legend(theme: HistoryTheme) -> str:
    """The pain plot's title, which doubles as its legend."""
    keys = (
        _key(theme.before, "●", "before"),
        _key(theme.after, "▲", "after"),
        _key(theme.next_morning, "■", "next morning"),
        _key(theme.average, "━", "average after, last 7"),
    )
    return _title("Pain per session (0-10)", keys)


def _nan(value: float | None) -> float:
    return float("nan") if value is None else float(value)
