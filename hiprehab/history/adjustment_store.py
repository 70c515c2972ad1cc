"""The `adjustments` table of the history database (schema version 4).

The user's steps are kept next to the sessions they followed from, so an export carries them and
a physio sees what the user changed and when. A step taken back is kept with `undone_at` set,
never deleted. `HistoryStore` calls these with its own connection inside its transactions; the
time format is passed in (`format_utc`/`parse_utc` of history.py) so there is one of it.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from hiprehab.history.adjustments import DIRECTIONS, FIELDS, Adjustment
from hiprehab.i18n import _

Format = Callable[[datetime], str]
Parse = Callable[[str], datetime]
Read = Callable[[str, tuple[object, ...]], list[tuple[Any, ...]]]

_COLUMNS = (
    "id, routine_hash, exercise_index, library_id, field, old_value, new_value, direction, "
    "text, created_at, undone_at"  # i18n: ignore (SQL)
)


def check(adjustment: Adjustment) -> None:
    """ValueError for a record no step could have made (bad field, value or index); the message,
    in the language in use, also reaches the user when an imported file holds such a record."""
    a = adjustment
    if not isinstance(a.routine_hash, str) or not a.routine_hash:
        message = _("an adjustment needs a routine hash, not {value}")
        raise ValueError(message.format(value=repr(a.routine_hash)))
    if not isinstance(a.library_id, str) or not a.library_id:
        message = _("an adjustment needs a library id, not {value}")
        raise ValueError(message.format(value=repr(a.library_id)))
    index = a.exercise_index
    if isinstance(index, bool) or not isinstance(index, int) or index < 0:
        message = _("{name} must be a whole number of 0 or more, not {value}")
        raise ValueError(message.format(name="exercise_index", value=repr(index)))
    named = (("field", a.field, FIELDS), ("direction", a.direction, DIRECTIONS))
    for name, chosen, choices in named:
        if chosen not in choices:
            message = _("{name} must be one of {choices}, not {value}")
            raise ValueError(
                message.format(name=name, choices=", ".join(choices), value=repr(chosen))
            )
    for name, value in (("old", a.old), ("new", a.new)):
        if isinstance(value, bool) or not isinstance(value, int | float):
            message = _("{name} must be a number, not {value}")
            raise ValueError(message.format(name=name, value=repr(value)))
        if not math.isfinite(value) or (a.field != "version" and value < 0):
            message = _("{name} must be a finite number of 0 or more, not {value}")
            raise ValueError(message.format(name=name, value=repr(value)))
        if a.field == "version" and value not in (-1, 0, 1):
            message = _("a version's {name} must be -1, 0 or 1, not {value}")
            raise ValueError(message.format(name=name, value=repr(value)))
    if not isinstance(a.text, str):
        message = _("{name} must be text, not {value}")
        raise ValueError(message.format(name="text", value=repr(a.text)))
    if a.undone_at is not None and a.undone_at < a.created_at:
        raise ValueError(_("an adjustment cannot be undone before it was made"))


def insert(conn: sqlite3.Connection, adjustment: Adjustment, fmt: Format) -> int:
    """Store one adjustment (its `id` is ignored); returns the id it got."""
    check(adjustment)
    a = adjustment
    cursor = conn.execute(
        "INSERT INTO adjustments (routine_hash, exercise_index, library_id, field, old_value, "
        "new_value, direction, text, created_at, undone_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            a.routine_hash,
            a.exercise_index,
            a.library_id,
            a.field,
            float(a.old),
            float(a.new),
            a.direction,
            a.text,
            fmt(a.created_at),
            None if a.undone_at is None else fmt(a.undone_at),
        ),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def insert_all(conn: sqlite3.Connection, adjustments: Iterable[Adjustment], fmt: Format) -> None:
    for adjustment in adjustments:
        insert(conn, adjustment, fmt)


def mark_undone(conn: sqlite3.Connection, adjustment_id: int, when: str) -> None:
    """Set `undone_at`; ValueError if there is no such adjustment or it is already undone."""
    row = conn.execute(
        "SELECT undone_at FROM adjustments WHERE id = ?", (adjustment_id,)
    ).fetchone()
    if row is None:
        raise ValueError(f"there is no adjustment {adjustment_id!r}")
    if row[0] is not None:
        raise ValueError(f"adjustment {adjustment_id} was already undone")
    conn.execute("UPDATE adjustments SET undone_at = ? WHERE id = ?", (when, adjustment_id))


def read(
    run: Read, parse: Parse, routine_hash: str | None = None, *, active_only: bool = False
) -> list[Adjustment]:
    """Adjustments in the order they were made, of one routine or all, undone ones too unless
    `active_only`."""
    clauses, params = [], []
    if routine_hash is not None:
        clauses.append("routine_hash = ?")
        params.append(routine_hash)
    if active_only:
        clauses.append("undone_at IS NULL")  # i18n: ignore (SQL)
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = run(f"SELECT {_COLUMNS} FROM adjustments{where} ORDER BY created_at, id", tuple(params))
    return [
        Adjustment(
            id=row[0],
            routine_hash=row[1],
            exercise_index=row[2],
            library_id=row[3],
            field=row[4],
            old=row[5],
            new=row[6],
            direction=row[7],
            text=row[8],
            created_at=parse(row[9]),
            undone_at=None if row[10] is None else parse(row[10]),
        )
        for row in rows
    ]
