"""The session table under the plots: a model over the snapshot's sessions, newest first.

A QAbstractTableModel (not a QTableWidget) so that thousands of sessions cost nothing until rows
are painted, and a refresh is one model reset.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, tzinfo
from functools import lru_cache

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from hiprehab.history.pane_data import format_pain, sets_done
from hiprehab.history.records import SessionRecord
from hiprehab.i18n import N_, _, current_language, format_locale, pgettext
from hiprehab.i18n.formats import format_skeleton, format_time

# the column headers, in English; shown through _() (headerData, the PDF report)
COLUMNS = (
    N_("Date"),
    N_("Routine"),
    N_("Status"),
    N_("Sets done"),
    N_("Pain before"),
    N_("Pain after"),
    N_("Next morning"),
    N_("Note"),
)

_Index = QModelIndex | QPersistentModelIndex
# looked up once: data() is called for every role of every visible cell on each paint
_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
_CENTRED = int(Qt.AlignmentFlag.AlignCenter)


def format_moment(moment: datetime, *, weekday: bool = True) -> str:
    """A moment as the language writes it, in the moment's own zone: 'Wed, Dec 2, 2026, 6:05 PM',
    'Mi., 2. Dez. 2026, 18:05'."""
    wall = moment.replace(tzinfo=None)  # equal moments in other zones read differently
    return _moment_text(wall, weekday, format_locale(), current_language())


@lru_cache(maxsize=4096)  # babel takes some 40 µs a date; the view asks for each cell on each paint
def _moment_text(moment: datetime, weekday: bool, _locale: str, _language: str) -> str:
    day = format_skeleton(moment, "yMMMEd" if weekday else "yMMMd")
    # Translators: a date, then a time of day: "Mi., 2. Dez. 2026, 18:05"
    return _("{date}, {time}").format(date=day, time=format_time(moment))


def status_text(status: str) -> str:
    """A session's status in words ('completed' -> 'abgeschlossen'); an unknown one as it is."""
    words = {
        "running": pgettext("session status", "running"),
        "completed": pgettext("session status", "completed"),
        "stopped": pgettext("session status", "stopped"),
        "interrupted": pgettext("session status", "interrupted"),
    }
    return words.get(status, status)


_CELLS: tuple[Callable[[SessionRecord, tzinfo], str], ...] = (
    lambda s, tz: format_moment(s.started_at.astimezone(tz)),
    lambda s, tz: s.routine_title,
    lambda s, tz: status_text(s.status),
    lambda s, tz: sets_done(s),
    lambda s, tz: format_pain(s.pain_before),
    lambda s, tz: format_pain(s.pain_after),
    lambda s, tz: format_pain(s.pain_next_morning),
    lambda s, tz: s.note or "",
)


def cell_text(session: SessionRecord, column: int, tz: tzinfo) -> str:
    """The text shown in one cell (also used for the PDF report's table), times in `tz`.

    Only that cell's text is made: the view asks for every visible cell on each paint.
    """
    return _CELLS[column](session, tz)


class SessionTableModel(QAbstractTableModel):
    """Sessions as rows; `session_id(row)` and `row_of(id)` map between rows and sessions."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sessions: tuple[SessionRecord, ...] = ()
        self._rows: dict[int, int] = {}
        self._tz: tzinfo = UTC

    def set_sessions(self, sessions: Sequence[SessionRecord], tz: tzinfo) -> None:
        self.beginResetModel()
        self._sessions = tuple(sessions)
        self._tz = tz
        self._rows = {s.id: i for i, s in enumerate(self._sessions)}
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._sessions)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role in (_DISPLAY, _TOOLTIP):
            if not index.isValid():
                return None
            return cell_text(self._sessions[index.row()], index.column(), self._tz)
        if role == _ALIGNMENT and index.isValid() and 3 <= index.column() <= 6:
            return _CENTRED
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(COLUMNS[section])
        return None

    def session_id(self, row: int) -> int:
        return self._sessions[row].id

    def row_of(self, session_id: int) -> int | None:
        return self._rows.get(session_id)


class SessionTable(QTableView):
    """The table view; emits `sessionSelected(id)` when the user picks a row."""

    sessionSelected = Signal(int)  # noqa: N815 (Qt signal naming)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table_model = SessionTableModel(self)
        self.setModel(self.table_model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # at least as wide as the header's words and, for the date, a long date in the language
        widths = (170, 190, 90, 80, 85, 80, 100)
        sample = format_moment(datetime(2026, 12, 30, 22, 55))  # a long month, day and time
        for column, width in enumerate(widths):
            needed = header.sectionSizeHint(column)
            if column == 0:
                needed = max(needed, self.fontMetrics().horizontalAdvance(sample) + 16)
            elif column == 2:  # every status word whole ("abgeschlossen")
                words = ("running", "completed", "stopped", "interrupted")
                advance = self.fontMetrics().horizontalAdvance
                needed = max(needed, *(advance(status_text(w)) + 16 for w in words))
            self.setColumnWidth(column, max(width, needed))
        self._quiet = False
        self.selectionModel().selectionChanged.connect(self._on_selection)

    def set_sessions(self, sessions: Sequence[SessionRecord], tz: tzinfo) -> None:
        self._quiet = True
        try:
            self.table_model.set_sessions(sessions, tz)
        finally:
            self._quiet = False

    def select_session(self, session_id: int | None) -> None:
        """Select (and scroll to) a session's row without echoing `sessionSelected`."""
        self._quiet = True
        try:
            row = None if session_id is None else self.table_model.row_of(session_id)
            if row is None:
                self.clearSelection()
                return
            self.selectRow(row)
            self.scrollTo(self.table_model.index(row, 0))
        finally:
            self._quiet = False

    def selected_session(self) -> int | None:
        rows = self.selectionModel().selectedRows()
        return self.table_model.session_id(rows[0].row()) if rows else None

    def _on_selection(self, *_: object) -> None:
        if self._quiet:
            return
        session_id = self.selected_session()
        if session_id is not None:
            self.sessionSelected.emit(session_id)
