"""Saving sessions in the history while another program may hold the file: the recorders' wiring.

Each session's `SessionRecorder` writes through a `SessionWriter`, which waits only briefly for
a busy file, so the player never freezes. Writes the file was busy for wait in the recorder, in
order; a timer here asks the waiting recorders to retry (each keeps its own growing delay on the
app's clock), also after their session has ended, until everything is written. Only a real
failure (full disk, file gone) is reported, once, through `failed`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from hiprehab.history.errors import StoreBusyError, StoreError
from hiprehab.history.session_writer import SessionWriter
from hiprehab.history.store import HistoryStore
from hiprehab.i18n import _
from hiprehab.routine.model import Routine
from hiprehab.session.clock import Clock
from hiprehab.session.events import SessionOutcome
from hiprehab.session.recorder import SessionRecorder

log = logging.getLogger(__name__)

RETRY_MS = 250  # how often waiting writes are offered a retry (each retries when its delay is up)
CLOSING_TIMEOUT = 5.0  # seconds the last try waits for a busy file when the app closes


class SessionSaving(QObject):
    """Makes each session's recorder and keeps retrying the writes a busy file held back."""

    waiting = Signal(str)  # what to tell the user while writes wait; "" once all are written
    failed = Signal(str)  # the history could not be written: the message to show
    saved_later = Signal(object)  # a recorder whose waiting writes are now all written

    def __init__(
        self, store: HistoryStore | None, clock: Clock, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._store = store
        self._writer = None if store is None else SessionWriter(store)
        self._waiting: list[SessionRecorder] = []
        self._timer = QTimer(self)
        self._timer.setInterval(RETRY_MS)
        self._timer.timeout.connect(self.retry)

    def set_store(self, store: HistoryStore | None) -> None:
        self._store = store
        self._writer = None if store is None else SessionWriter(store)

    @property
    def unsaved(self) -> int:
        """Writes kept in memory until the history file is free."""
        return sum(recorder.pending for recorder in self._waiting)

    def recorder(self, routine: Routine, outcome: Callable[[], SessionOutcome]) -> SessionRecorder:
        """A recorder for one session of `routine` (recording nothing without a store)."""
        store = self._store
        recorder = SessionRecorder(
            self._writer,
            routine,
            outcome,
            self.failed.emit,
            failures=(StoreError,),
            busy=(StoreBusyError,),
            clock=self._clock,
            now=None if store is None else store.now,
            on_waiting=lambda waiting: self._waiting_changed(recorder, waiting),
        )
        return recorder

    def _waiting_changed(self, recorder: SessionRecorder, waiting: bool) -> None:
        if waiting:
            self._waiting.append(recorder)
            self._timer.start()
            if self._store is None:
                message = _(
                    "Your history file is in use by another program. This session is kept and "
                    "will be saved as soon as the file is free."
                )
            else:
                message = _(
                    "Your history file {path} is in use by another program. This session is "
                    "kept and will be saved as soon as the file is free."
                ).format(path=self._store.path)
            self.waiting.emit(message)
            return
        if recorder in self._waiting:
            self._waiting.remove(recorder)
        if not self._waiting:
            self._timer.stop()
            self.waiting.emit("")
        if recorder.recording:
            self.saved_later.emit(recorder)

    def retry(self) -> None:
        """Offer every waiting recorder a retry (the timer's tick)."""
        for recorder in list(self._waiting):
            recorder.retry()

    def save_before_closing(self) -> None:
        """The app is closing: one last try, waiting longer for the file; what still cannot be
        written is named in the log (a session row already written becomes `interrupted`)."""
        if self._writer is None or not self._waiting:
            return
        self._writer.busy_timeout = CLOSING_TIMEOUT
        for recorder in list(self._waiting):
            recorder.retry(at_once=True)
        if self._waiting:
            log.warning(
                "the history file was still in use by another program when hiprehab closed: "
                "%d write(s) of the last session(s) could not be saved",
                self.unsaved,
            )
        self._timer.stop()
