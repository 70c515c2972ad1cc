"""The exercise history: one SQLite file with every session, work period and pain score logged.

Nothing a user logged may be lost, so every change is its own committed transaction (WAL journal,
`synchronous = FULL`: a commit survives a crash *and* a power cut). `HistoryStore` opens the
file (a damaged, newer or interrupted one through `recovery.py`), reads it (`reading.py`),
records sessions into it (`session_log.py`), and imports or exports it whole; the records and
their fields are declared in `records.py`.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from hiprehab.history import adjustment_store, recovery
from hiprehab.history.adjustments import Adjustment
from hiprehab.history.errors import ReadOnlyStoreError, StoreBusyError, StoreError
from hiprehab.history.records import (
    SESSION_FIELDS,
    WORK_PERIOD_FIELDS,
    HistorySnapshot,
    RecordField,
    format_utc,
)
from hiprehab.history.schema import migrate
from hiprehab.history.session_log import SessionLog
from hiprehab.i18n import N_, _

# The errors live in errors.py; importing them from here keeps working.
__all__ = ["HistoryStore", "ReadOnlyStoreError", "StoreBusyError", "StoreError"]

log = logging.getLogger(__name__)

# How long opening waits for another program's write lock before leaving its one write (an
# interrupted session marked as such) to the first write made once the file is free.
OPEN_BUSY_TIMEOUT = 0.5


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _insert_sql(table: str, fields: tuple[RecordField, ...], *extra: str) -> str:
    """An INSERT of the fields stored in `table`'s own columns (and the `extra` columns first)."""
    columns = [*extra, *(f.column for f in fields if f.column is not None)]
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def _stored(fields: tuple[RecordField, ...], record: object) -> list[Any]:
    """`record`'s values for `_insert_sql(..., fields)`, as the store keeps them."""
    return [f.to_stored(getattr(record, f.name)) for f in fields if f.column is not None]


class HistoryStore(SessionLog):
    """Sessions, work periods and pain scores in one SQLite file. Open with `HistoryStore.open`.

    Writes are refused on a read-only store (`ReadOnlyStoreError`). Failures a user can fix
    (full disk, permissions, damaged file) raise `StoreError`; bad arguments raise `ValueError`.
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path,
        *,
        read_only: bool,
        now: Callable[[], datetime],
        moved_aside: Path | None = None,
    ) -> None:
        super().__init__(conn, path, read_only=read_only, now=now)
        self.moved_aside = moved_aside

    # ----------------------------------------------------------------------------- opening
    @classmethod
    def open(
        cls,
        path: Path,
        *,
        read_only: bool = False,
        now: Callable[[], datetime] | None = None,
    ) -> HistoryStore:
        """Open (creating, upgrading and recovering as needed) the history at `path`.

        A read-only store works on an in-memory copy of the file, upgraded there if it is older,
        so viewing never changes the file and never disturbs a session running elsewhere.
        Another program holding the write lock (a backup tool, a second reader with a write
        transaction open) does not stop the opening: reading is not blocked, and marking a
        session left running by a crash as interrupted is done by the first write.
        """
        clock = now or _utc_now
        path = Path(path)
        if read_only:
            return cls(recovery.open_copy(path), path, read_only=True, now=clock)
        conn, moved_aside = recovery.open_sound(path, clock)
        try:
            conn.execute("PRAGMA journal_mode = WAL")  # falls back by itself where unsupported
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            migrate(conn)
            store = cls(conn, path, read_only=False, now=clock, moved_aside=moved_aside)
            store.recovery_pending = True  # done by this first write, or by the next one
            try:
                with store.busy_timeout(OPEN_BUSY_TIMEOUT), store._writing(recovery.OPEN_FAILED):
                    pass
            except StoreBusyError as exc:
                log.info("%s; a crashed session is recovered with the next write", exc)
        except sqlite3.Error as exc:
            conn.close()
            raise StoreError(recovery.describe_failure(path, recovery.OPEN_FAILED, exc)) from exc
        except BaseException:
            conn.close()
            raise
        return store

    @property
    def notice(self) -> str | None:
        """What the UI should tell the user about opening, if anything (a file moved aside), in
        the language in use."""
        if self.moved_aside is None:
            return None
        return _(
            "The history file {path} was damaged and could not be read. It was moved aside to "
            "{moved_to} (nothing was deleted) and a new, empty history was started."
        ).format(path=self.path, moved_to=self.moved_aside)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # ----------------------------------------------------------------------------- whole store
    def set_meta(self, key: str, value: str | None) -> None:
        """Set (or with None remove) a fact about the whole history."""
        with self._writing(N_("could not save the history's details in {path}")) as conn:
            if value is None:
                conn.execute("DELETE FROM meta WHERE key = ?", (key,))
            else:
                conn.execute(
                    "INSERT INTO meta (key, value) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )

    def add_snapshot(self, snapshot: HistorySnapshot) -> None:
        """Fill an empty store with another history (an import), in one transaction.

        Session ids are kept; work-period ids are given anew in the same order. Derived counts
        in the session records are ignored (they follow from the work periods).
        """
        hashes = {r.content_hash for r in snapshot.routines}
        for record in snapshot.sessions:
            if record.routine_hash not in hashes:
                raise ValueError(f"session {record.id} uses an unknown routine")
        with self._writing(N_("could not import the history into {path}")) as conn:
            if conn.execute("SELECT EXISTS (SELECT 1 FROM sessions)").fetchone()[0]:
                raise ValueError(f"{self.path} is not empty; imports go into a fresh store")
            routine_ids: dict[str, int] = {}
            for routine in snapshot.routines:
                cursor = conn.execute(
                    "INSERT INTO routines (content_hash, title, source, text, "
                    "sessions_per_week, first_used_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        routine.content_hash,
                        routine.title,
                        routine.source,
                        routine.text,
                        routine.sessions_per_week,
                        format_utc(routine.first_used_at),
                    ),
                )
                assert cursor.lastrowid is not None
                routine_ids[routine.content_hash] = cursor.lastrowid
            conn.executemany(
                _insert_sql("sessions", SESSION_FIELDS, "routine_id"),
                [
                    [routine_ids[s.routine_hash], *_stored(SESSION_FIELDS, s)]
                    for s in snapshot.sessions
                ],
            )
            conn.executemany(
                _insert_sql("work_periods", WORK_PERIOD_FIELDS),
                [_stored(WORK_PERIOD_FIELDS, w) for w in snapshot.work_periods],
            )
            adjustment_store.insert_all(conn, snapshot.adjustments, format_utc)

    # ----------------------------------------------------------------- the user's adjustments
    def add_adjustment(self, adjustment: Adjustment) -> Adjustment:
        """Store a step the user accepted; returns it with its id."""
        with self._writing(N_("could not save your adjustment in {path}")) as conn:
            new_id = adjustment_store.insert(conn, adjustment, format_utc)
        return replace(adjustment, id=new_id)

    def undo_adjustment(self, adjustment_id: int, *, at: datetime | None = None) -> None:
        """Take a step back: the record stays, with the time it was undone."""
        with self._writing(N_("could not undo your adjustment in {path}")) as conn:
            adjustment_store.mark_undone(conn, adjustment_id, format_utc(at or self._now()))
