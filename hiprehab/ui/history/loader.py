"""Reading a history for the History page off the GUI thread, so a large one never freezes it.

The page asks for a `PaneSnapshot` (`LoadRequest`); for a small history it is built at once, for
a large one (`BACKGROUND_FROM` sessions or more) on a worker thread of the loader's own pool, with
its own read-only SQLite connection (connections stay on the thread that made them). An update
of the history on screen, after a session, goes to the worker from `UPDATE_BACKGROUND_FROM`
sessions, so the summary of a session never waits for the History page. Each request
gets a number; only the newest one's result is delivered, so switching profiles while one loads
shows the last choice. `shutdown()` waits for the worker, so no thread outlives the page.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, Signal

from hiprehab.history.guidance import evaluate
from hiprehab.history.pane_data import PaneSnapshot, build_snapshot
from hiprehab.history.reading import HistoryReader
from hiprehab.history.store import StoreError
from hiprehab.i18n import _

BACKGROUND_FROM = 2000  # sessions: fewer are read in a few tens of milliseconds, in place
# sessions from which an update of the history on screen (after a session) is read on the
# worker, the page showing the old data meanwhile: fewer take under about 20 ms in place
UPDATE_BACKGROUND_FROM = 300


@dataclass(frozen=True)
class LoadRequest:
    """What the page shows: which history (as a way to open it), routine filter and moment."""

    path: Path  # the history's file, for messages
    routine_hash: str | None  # None: all routines
    moment: datetime  # "now" for the pane: the clock, or an imported profile's export time
    as_of: datetime | None  # an imported profile's export time
    tz: tzinfo

    def updates(self, shown: LoadRequest | None) -> bool:
        """Whether this asks for what `shown` (on screen) was read for, newer: the same history,
        routine filter, moment of an imported profile and time zone."""
        return shown is not None and (self.path, self.routine_hash, self.as_of, self.tz) == (
            shown.path, shown.routine_hash, shown.as_of, shown.tz
        )  # fmt: skip


def build(reader: HistoryReader, request: LoadRequest) -> PaneSnapshot:
    """The snapshot the page draws (Qt-free; on whichever thread `reader`'s connection is)."""
    everything = reader.sessions()
    wanted = request.routine_hash
    sessions = [s for s in everything if wanted in (None, s.routine_hash)]
    # guidance is about the person, not one routine
    guidance = evaluate(everything, as_of=request.moment, tz=request.tz)
    today = request.moment.astimezone(request.tz).date()
    return build_snapshot(sessions, today, request.tz, as_of=request.as_of, guidance=guidance)


Opener = Callable[[], sqlite3.Connection]


def build_detached(open_conn: Opener, request: LoadRequest) -> PaneSnapshot:
    """`build` on a connection of its own, closed when done; StoreError if it cannot be read."""
    try:
        conn = open_conn()
    except sqlite3.Error as exc:
        message = _("cannot read the history file {path}: {error}")
        raise StoreError(message.format(path=request.path, error=exc)) from exc
    with closing(conn):
        return build(HistoryReader(conn, request.path), request)


class HistoryLoader(QObject):
    """Builds snapshots on a worker thread; emits `loaded`/`failed` for the newest request only."""

    loaded = Signal(int, object)  # request number, PaneSnapshot
    failed = Signal(int, str)  # request number, a message naming the file and the fault

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # a stale load that is running finishes first
        self._newest = 0
        app = QCoreApplication.instance()
        if app is not None:  # a page inside a window gets no closeEvent when the app quits
            app.aboutToQuit.connect(self.shutdown)

    @property
    def newest(self) -> int:
        """The number of the request whose result counts (0: none made)."""
        return self._newest

    def start(self, reader: HistoryReader, request: LoadRequest) -> int:
        """Build `request`'s snapshot of `reader`'s history on the worker, which opens it anew.

        Earlier requests' results are dropped. StoreError if the history cannot be opened.
        """
        open_conn = reader.opener()
        self._newest += 1
        number = self._newest
        self._pool.start(lambda: self._run(number, open_conn, request))
        return number

    def cancel(self) -> None:
        """Drop the results of every request made so far (one not yet begun is skipped)."""
        self._newest += 1

    def wait(self) -> None:
        """Wait for the worker to finish what it is doing (its result is then on its way)."""
        self._pool.waitForDone()

    def shutdown(self) -> None:
        """Cancel, and wait for the worker to finish what it is doing."""
        self.cancel()
        self._pool.clear()
        self._pool.waitForDone()

    def _run(self, number: int, open_conn: Opener, request: LoadRequest) -> None:  # worker
        if number != self._newest:
            return  # superseded before it began
        try:
            snapshot = build_detached(open_conn, request)
        except StoreError as exc:
            self.failed.emit(number, str(exc))
        else:
            self._deliver(number, snapshot)

    def _deliver(self, number: int, snapshot: PaneSnapshot) -> None:
        if number == self._newest:  # checked again on the GUI thread by the receiver
            self.loaded.emit(number, snapshot)
