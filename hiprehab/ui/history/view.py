"""The History page: adherence and pain plots, guidance, the session table, exports, profiles.

The main window imports this module only when the page is first shown, because it pulls in
pyqtgraph and numpy (slow to import, not needed to exercise); the PNG/SVG/PDF export code is
imported only when an export is made. Everything the page shows comes from one `PaneSnapshot`
built per refresh; the widgets only draw it.

An imported profile is shown as of the moment it was exported (`history_files.as_of`): that is
"now" for its axis, its current week, its streak and its guidance, so the weeks since the export
never look missed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, tzinfo
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hiprehab.history import export_files as history_files
from hiprehab.history.pane_data import DEFAULT_RANGE, RANGES, PaneSnapshot
from hiprehab.history.store import HistoryStore, StoreError
from hiprehab.i18n import N_, _
from hiprehab.paths import AppPaths
from hiprehab.ui.adjustment_center import AdjustmentCenter
from hiprehab.ui.adjustment_offer import OfferList
from hiprehab.ui.history.export_menu import ask_and_export, export_button, export_menu
from hiprehab.ui.history.guidance import GuidancePanel
from hiprehab.ui.history.loader import (
    BACKGROUND_FROM,
    UPDATE_BACKGROUND_FROM,
    HistoryLoader,
    LoadRequest,
    build,
)
from hiprehab.ui.history.plots import HistoryPlots
from hiprehab.ui.history.profiles import (
    ProfileSelector,
    fill_routine_filter,
    read_only_label,
    read_only_text,
)
from hiprehab.ui.history.table import SessionTable
from hiprehab.ui.history.theme import range_button_style, theme_from_palette
from hiprehab.ui.history.week_axis import range_label

EMPTY_TEXT = N_(
    "No sessions yet: finish (or stop) a routine and your weekly adherence and pain scores "
    "will show up here, week by week."
)

Now = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC)


class HistoryView(QWidget):
    """The history pane for the user's own store, or a read-only imported profile."""

    loaded = Signal()  # a history read in the background is on screen

    def __init__(
        self,
        store: HistoryStore,
        paths: AppPaths,
        parent: QWidget | None = None,
        *,
        now: Now = _utc_now,
        tz: tzinfo | None = None,
        background_from: int = BACKGROUND_FROM,
        update_background_from: int = UPDATE_BACKGROUND_FROM,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("historyView")
        self._own_store = store
        self._store = store
        self._paths = paths
        self._now = now
        self._background_from = background_from  # sessions from which to read on a worker
        self._update_from = update_background_from  # the same for an update of what is shown
        self._shown: LoadRequest | None = None  # what the snapshot on screen was read for
        self._requested: LoadRequest | None = None  # the newest request sent to the worker
        # the zone whose calendar decides days and weeks; default: the computer's
        self._tz: tzinfo = tz or datetime.now().astimezone().tzinfo or UTC
        self._range = DEFAULT_RANGE
        self._range_chosen = False  # until the person picks a range, fit short histories whole
        self._as_of: datetime | None = None  # an imported profile's export time; None: live
        self._routine_hash: str | None = None
        self._snapshot: PaneSnapshot | None = None
        self._theme = theme_from_palette(self.palette())

        # top bar: whose history, routine filter, ranges, export
        self.profiles = ProfileSelector(paths, self)
        self.profiles.profileChosen.connect(self._on_profile)
        self.notice = QLabel()  # problems a person should know about (a profile that won't open)
        self.notice.setObjectName("historyNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.profiles.failed.connect(self._show_notice)
        self.read_only_note = read_only_label()  # a line of its own: the bar has no room
        self.routine_filter = QComboBox()
        self.routine_filter.setMinimumContentsLength(18)
        self.routine_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.routine_filter.setAccessibleName(_("Routine"))
        self.routine_filter.currentIndexChanged.connect(self._on_routine)
        self.range_buttons: dict[str, QPushButton] = {}
        self._range_group = QButtonGroup(self)
        for name in RANGES:
            button = QPushButton(range_label(name))
            button.setObjectName("rangeButton")
            button.setCheckable(True)
            button.setChecked(name == self._range)
            button.clicked.connect(lambda _checked=False, n=name: self._choose_range(n))
            self._range_group.addButton(button)
            self.range_buttons[name] = button
        self._style_range_buttons()
        exports = (self.export_png, self.export_svg, self.export_csv, self.export_json)
        menu = export_menu(self, self._ask_and_export, *exports, self.export_pdf)
        self.export_button = export_button(menu, _(history_files.EXPORT_CONTENTS))

        bar = QHBoxLayout()
        bar.addWidget(self.profiles)
        bar.addStretch(1)
        bar.addWidget(QLabel(_("Routine:")))
        bar.addWidget(self.routine_filter)
        bar.addSpacing(8)
        for button in self.range_buttons.values():
            bar.addWidget(button)
        bar.addSpacing(8)
        bar.addWidget(self.export_button)

        # content: guidance above plots above the table; or the empty state
        self.guidance = GuidancePanel()
        self.offers = OfferList()  # steps offered per routine (see set_adjustments)
        self.plots = HistoryPlots(self._theme)
        self.plots.setMinimumHeight(300)
        self.table = SessionTable()
        self.plots.sessionClicked.connect(self.select_session)
        self.table.sessionSelected.connect(self.select_session)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.plots)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([640, 240])
        splitter.setChildrenCollapsible(False)
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addWidget(self.guidance)
        content_layout.addWidget(self.offers)
        content_layout.addWidget(splitter, 1)
        self.empty_label = QLabel(_(EMPTY_TEXT))
        self.empty_label.setObjectName("historyEmpty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.empty_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.empty_label.setFont(font)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(content)
        self.loading_label = QLabel(_("Loading the history…"))
        self.loading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.loading_label)
        self.loading = False  # a large history is being read on a worker thread
        self.updating = False  # an update of the history on screen is being read on the worker
        self._loader = HistoryLoader(self)
        self._loader.loaded.connect(self._on_loaded)
        self._loader.failed.connect(self._load_failed)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.read_only_note)
        layout.addWidget(self.notice)
        layout.addWidget(self.stack, 1)
        self.refresh()

    # --- public API ------------------------------------------------------------------------------
    @property
    def snapshot(self) -> PaneSnapshot | None:
        return self._snapshot

    @property
    def store(self) -> HistoryStore:
        """The store on screen: the user's own, or an imported profile's (read-only)."""
        return self._store

    def refresh(self) -> None:
        """Read the store again (after a session, an import, a note) and redraw.

        A large history is read on a worker (loader.py), and so is an update of the history on
        screen (after a session) from `update_background_from` sessions: that stays on screen
        until the new data arrives (`updating`). `loaded` says when it is drawn."""
        self.profiles.reload()
        request = LoadRequest(
            self._store.path, self._routine_hash, self._as_of or self._now(), self._as_of, self._tz
        )
        update = request.updates(self._shown)
        limit = min(self._background_from, self._update_from) if update else self._background_from
        try:
            routines = self.routine_filter  # the routines of this history, the chosen one kept
            self._routine_hash = fill_routine_filter(routines, self._store, self._routine_hash)
            if self._store.session_count() < limit:
                snapshot: PaneSnapshot | None = build(self._store, request)
                self._loader.cancel()
            else:
                snapshot = None
                self._loader.start(self._store, request)
                self._requested = request
        except StoreError as exc:  # the disk or file failed: say so, keep what is on screen
            self._loader.cancel()
            message = _("Could not read the history: {error}").format(error=exc)
            self._load_failed(self._loader.newest, message)
            return
        if snapshot is not None:
            self._shown = request
            self._show_snapshot(snapshot)
        elif update:
            self.updating = True
        else:
            self.loading = True
            self.stack.setCurrentWidget(self.loading_label)
            self._enable_controls(False)

    def _on_loaded(self, number: int, snapshot: object) -> None:
        if number == self._loader.newest and isinstance(snapshot, PaneSnapshot):
            self._shown = self._requested
            self._show_snapshot(snapshot)
            self.loaded.emit()

    def _load_failed(self, number: int, message: str) -> None:
        if number != self._loader.newest:
            return
        self.updating = False  # what is on screen stays
        self._show_notice(message)
        if self.loading:  # back to what was shown before
            self.loading, shown = False, self._snapshot
            self.stack.setCurrentIndex(0 if shown is None or shown.is_empty else 1)
            self._enable_controls(shown is not None and not shown.is_empty)

    def _enable_controls(self, on: bool) -> None:
        for w in (self.routine_filter, self.export_button, *self.range_buttons.values()):
            w.setEnabled(on)

    def _show_snapshot(self, snapshot: PaneSnapshot) -> None:
        self.loading, self.updating, self._snapshot = False, False, snapshot
        self.stack.setCurrentIndex(0 if snapshot.is_empty else 1)
        self._enable_controls(not snapshot.is_empty)
        selected = self.plots.selected
        self.guidance.show_snapshot(snapshot)
        self.offers.refresh(self._store, own_history=self._store is self._own_store)
        self.table.set_sessions(snapshot.sessions, snapshot.tz)
        if not self._range_chosen:
            self._range = snapshot.default_range()
        self.range_buttons[self._range].setChecked(True)
        self.plots.set_snapshot(snapshot, snapshot.range_bounds(self._range))
        if selected is not None and selected in snapshot.session_x:
            self.select_session(selected)
        else:
            self.plots.highlight(None)

    def set_adjustments(self, center: AdjustmentCenter) -> None:
        """Offer progression/regression steps per routine, stored through `center`."""
        self.offers.attach(center)
        # only the offers change: the rest of the page is drawn already
        self.offers.refresh(self._store, own_history=self._store is self._own_store)

    def set_range(self, name: str) -> None:
        """Show the last 4 weeks, 3 months, year, or everything (a key of RANGES)."""
        if name not in RANGES:
            raise ValueError(f"unknown range {name!r}; choose one of {', '.join(RANGES)}")
        self._range = name
        self.range_buttons[name].setChecked(True)
        if self._snapshot is not None:
            self.plots.set_x_range(*self._snapshot.range_bounds(name))

    def _choose_range(self, name: str) -> None:
        self._range_chosen = True
        self.set_range(name)

    @property
    def current_range(self) -> str:
        return self._range

    def select_session(self, session_id: int) -> None:
        """Highlight one session in the plots and the table (from either side)."""
        self.plots.highlight(session_id)
        self.table.select_session(session_id)

    def set_routine_filter(self, routine_hash: str | None) -> None:
        """Show one routine's sessions (by content hash), or all with None."""
        index = self.routine_filter.findData(routine_hash)
        if index < 0:
            raise ValueError(f"no routine with hash {routine_hash!r} in this history")
        self.routine_filter.setCurrentIndex(index)

    def show_profile(self, name: str | None) -> None:
        """Show an imported profile by name, or the user's own history with None."""
        self.profiles.choose(name)

    @property
    def as_of(self) -> datetime | None:
        """When the imported profile on screen was exported; None for the user's own history."""
        return self._as_of

    # --- exports (callable with a path; the menu asks for one) --------------------------------
    def export_png(self, path: Path | str) -> None:
        from hiprehab.ui.history import export as history_export

        history_export.export_png(self.plots, path)

    def export_svg(self, path: Path | str) -> None:
        from hiprehab.ui.history import export as history_export

        history_export.export_svg(self.plots, path)

    def export_csv(self, path: Path | str) -> None:
        history_files.export_csv(self._store, Path(path))

    def export_json(self, path: Path | str) -> None:
        # a profile passed on keeps the moment its data is from
        exported_at = self._as_of or self._now()
        history_files.export_json(self._store, Path(path), exported_at=exported_at)

    def export_pdf(self, path: Path | str) -> None:
        from hiprehab.ui.history import export as history_export

        if self._snapshot is None:
            raise RuntimeError("refresh() has not run")
        history_export.write_pdf_report(
            path,
            self._snapshot,
            self.plots.x_range(),
            whose=self.profiles.current_name(),
            now=self._now(),
        )

    def _ask_and_export(
        self, file_filter: str, suffix: str, action: Callable[[Path], None]
    ) -> None:
        ask_and_export(self, self._now().astimezone(self._tz), file_filter, suffix, action)

    # --- reactions ----------------------------------------------------------------------------
    def _on_routine(self, index: int) -> None:
        self._routine_hash = self.routine_filter.itemData(index)
        self.refresh()

    def _show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def _on_profile(self, store: object, name: str, read_only: bool) -> None:
        self._store = store if isinstance(store, HistoryStore) else self._own_store
        self._as_of = history_files.as_of(self._store) if self._store.read_only else None
        self._routine_hash = None
        self.read_only_note.setText(read_only_text(name) if read_only else "")
        self.read_only_note.setVisible(read_only)
        self.refresh()

    def _style_range_buttons(self) -> None:
        style = range_button_style(self.palette())
        for button in self.range_buttons.values():
            button.setStyleSheet(style)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        """Stop loading: the worker is waited for, so no thread outlives the page."""
        self._loader.shutdown()
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        """Follow light/dark palette switches: pyqtgraph does not read the palette itself."""
        if event.type() == QEvent.Type.PaletteChange:
            theme = theme_from_palette(self.palette())
            if theme != self._theme:  # not again for the same colours (e.g. when first shown)
                self._theme = theme
                self.plots.apply_theme(theme)
            self._style_range_buttons()
        super().changeEvent(event)
