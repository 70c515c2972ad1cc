"""The questions at start-up, one after another: a history problem, the first-run welcome and
the next-morning pain question.

Each is a non-blocking dialog; the next is asked only once the one on screen is closed, so they
never pile up over the window. Kept apart from the window, which only says when to begin.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QWidget

from hiprehab import safety
from hiprehab.history.store import HistoryStore, StoreError
from hiprehab.i18n import _
from hiprehab.i18n.formats import format_skeleton
from hiprehab.routine.user_files import RoutineEntry, routine_name
from hiprehab.ui.dialogs import tell
from hiprehab.ui.library_view import LibraryView
from hiprehab.ui.settings import AppSettings

STARTER_ROUTINE = "gentle-start"


class StartupQuestions(QObject):
    """Asks the start-up questions over `parent` in turn; `dialog` is the one on screen."""

    def __init__(
        self,
        *,
        parent: QWidget,
        settings: AppSettings,
        store: HistoryStore | None,
        store_message: str | None,
        library: LibraryView,
        show_page: Callable[[str], None],
        store_failed: Callable[[str], None],
        history_changed: Callable[[], None],
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._settings = settings
        self._store = store
        self._store_message = store_message
        self._library = library
        self._show_page = show_page
        self._store_failed = store_failed
        self._history_changed = history_changed
        self._today = today
        self._queue: deque[Callable[[], QDialog | None]] = deque()
        self.dialog: QDialog | None = None  # the start-up question on screen, if any

    def run(self) -> None:
        """Show, one after another: a history problem, the welcome, the morning question."""
        self._queue.extend(
            [self._store_notice_dialog, self._first_run_dialog, self._morning_dialog]
        )
        self._next()

    def _next(self) -> None:
        self.dialog = None
        while self._queue:
            dialog = self._queue.popleft()()
            if dialog is not None:
                self.dialog = dialog
                dialog.finished.connect(lambda _code: self._next())
                return

    def _store_notice_dialog(self) -> QDialog | None:
        if not self._store_message:
            return None
        return tell(self._parent, _("Your exercise history"), self._store_message, warning=True)

    def _starter_entry(self) -> RoutineEntry | None:
        builtins = [e for e in self._library.entries() if e.builtin and e.routine is not None]
        named = [e for e in builtins if routine_name(e.path) == STARTER_ROUTINE]
        chosen = named or builtins
        return chosen[0] if chosen else None

    def _first_run_dialog(self) -> QDialog | None:
        if self._settings.first_run_done():
            return None
        from hiprehab.ui.first_run import FirstRunDialog  # once, on the first run

        starter = self._starter_entry()
        dialog = FirstRunDialog(
            disclaimer=_(safety.DISCLAIMER),
            red_flags=[_(flag) for flag in safety.RED_FLAGS],
            see_clinician=_(safety.SEE_CLINICIAN),
            starter_title=starter.title if starter else None,
            parent=self._parent,
        )

        def chosen(wants_starter: bool) -> None:
            # remembered only now it has been answered: a crash while it is on screen shows
            # it again next time
            self._settings.set_first_run_done()
            self._settings.sync()
            if wants_starter and starter is not None:
                self._show_page("library")
                self._library.select(starter.path)

        dialog.chosen.connect(chosen)
        dialog.open()
        return dialog

    def _morning_dialog(self) -> QDialog | None:
        store = self._store
        if store is None:
            return None
        try:
            record = store.session_awaiting_morning_pain(self._today())
        except StoreError as exc:
            self._store_failed(str(exc))
            return None
        if record is None:
            return None
        from hiprehab.ui.player.flow import pain_checkin  # the question of the player's

        # the weekday and date in the local zone: "Sun, March 1", "So., 1. März"
        day = format_skeleton(record.started_at.astimezone().date(), "MMMMEd")
        dialog = pain_checkin(
            self._parent,
            _("How is your hip this morning?"),
            _(
                "After your “{routine}” session on {day}. Pain that has settled by the next "
                "morning means the load suits you."
            ).format(routine=record.routine_title, day=day),
        )

        def answered(value: int | None, _note: str) -> None:
            try:
                if value is not None:
                    store.set_pain_next_morning(record.id, value)
                store.mark_morning_asked(record.id)
            except StoreError as exc:
                self._store_failed(str(exc))
            self._history_changed()

        dialog.answered.connect(answered)
        dialog.open()
        return dialog
