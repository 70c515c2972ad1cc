"""The history database's schema and its ordered migrations.

`PRAGMA user_version` records how many migrations a file has had. Migrations are only ever
appended: a released one is never edited, so every file, however old, reaches the current schema
by the same steps. Each runs in its own transaction together with the version bump, so a failure
leaves the file exactly at the previous version.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence

Migration = Callable[[sqlite3.Connection], None]


def _v1_initial(conn: sqlite3.Connection) -> None:
    """The first schema: routines as used, sessions, and the work periods inside them."""
    statements = [
        """
        CREATE TABLE routines (
            id INTEGER PRIMARY KEY,
            content_hash TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            source TEXT,
            text TEXT NOT NULL,
            sessions_per_week INTEGER NOT NULL CHECK (sessions_per_week >= 1),
            first_used_at TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            routine_id INTEGER NOT NULL REFERENCES routines(id),
            started_at TEXT NOT NULL,
            ended_at TEXT,
            status TEXT NOT NULL
                CHECK (status IN ('running', 'completed', 'stopped', 'interrupted')),
            active_seconds REAL NOT NULL DEFAULT 0 CHECK (active_seconds >= 0),
            paused_seconds REAL NOT NULL DEFAULT 0 CHECK (paused_seconds >= 0),
            pain_before INTEGER CHECK (pain_before BETWEEN 0 AND 10),
            pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10),
            pain_next_morning INTEGER CHECK (pain_next_morning BETWEEN 0 AND 10),
            morning_asked INTEGER NOT NULL DEFAULT 0 CHECK (morning_asked IN (0, 1))
        )
        """,
        """
        CREATE TABLE work_periods (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            exercise_id TEXT,
            exercise_name TEXT NOT NULL,
            set_number INTEGER NOT NULL CHECK (set_number >= 1),
            side TEXT NOT NULL CHECK (side IN ('left', 'right', 'none')),
            planned_seconds REAL NOT NULL CHECK (planned_seconds >= 0),
            actual_seconds REAL NOT NULL CHECK (actual_seconds >= 0),
            status TEXT NOT NULL CHECK (status IN ('completed', 'skipped', 'stopped')),
            ended_at TEXT NOT NULL
        )
        """,
    ]
    for statement in statements:
        conn.execute(statement)


def _v2_notes_and_indexes(conn: sqlite3.Connection) -> None:
    """Free-text notes, the planned number of work periods (for adherence), and indexes.

    Sessions recorded under version 1 get an empty note and an unknown (NULL) planned count.
    """
    conn.execute("ALTER TABLE sessions ADD COLUMN note TEXT NOT NULL DEFAULT ''")
    conn.execute(
        "ALTER TABLE sessions ADD COLUMN planned_work_periods INTEGER "
        "CHECK (planned_work_periods IS NULL OR planned_work_periods >= 0)"
    )
    conn.execute("CREATE INDEX sessions_by_start ON sessions(started_at, id)")
    conn.execute("CREATE INDEX sessions_by_status ON sessions(status)")
    conn.execute("CREATE INDEX work_periods_by_session ON work_periods(session_id, id)")


def _v3_meta(conn: sqlite3.Connection) -> None:
    """Facts about the history as a whole (whose it is, where an imported one came from)."""
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID")


def _v4_adjustments(conn: sqlite3.Connection) -> None:
    """The user's own progression and regression steps, layered over routine files.

    A step taken back keeps its row with `undone_at` set, so the whole story can be shown.
    """
    conn.execute(
        """
        CREATE TABLE adjustments (
            id INTEGER PRIMARY KEY,
            routine_hash TEXT NOT NULL,
            exercise_index INTEGER NOT NULL CHECK (exercise_index >= 0),
            library_id TEXT NOT NULL,
            field TEXT NOT NULL CHECK (field IN ('sets', 'reps', 'hold', 'version')),
            old_value REAL NOT NULL,
            new_value REAL NOT NULL,
            direction TEXT NOT NULL CHECK (direction IN ('progress', 'regress')),
            text TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            undone_at TEXT
        )
        """
    )
    conn.execute("CREATE INDEX adjustments_by_routine ON adjustments(routine_hash, created_at)")


def _v5_runs(conn: sqlite3.Connection) -> None:
    """The running log: one row per run, typed in or imported from a GPX or FIT file.

    `day` is the run's local calendar date (the load advice counts days); `started_at` the UTC
    start of an imported activity, to the second: one person starts one activity at a time, so
    the same activity imported twice (from GPX or FIT) is recognised by it. Typed-in runs have
    none.
    """
    conn.execute(
        """
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            day TEXT NOT NULL,
            distance_km REAL NOT NULL CHECK (distance_km > 0),
            duration_seconds REAL NOT NULL CHECK (duration_seconds > 0),
            surface TEXT
                CHECK (surface IS NULL
                       OR surface IN ('road', 'trail', 'track', 'treadmill', 'grass')),
            pain_during INTEGER CHECK (pain_during BETWEEN 0 AND 10),
            pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10),
            shoes TEXT,
            note TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'gpx', 'fit')),
            started_at TEXT UNIQUE,
            created_at TEXT NOT NULL
        )
        """
    )
    conn.execute("CREATE INDEX runs_by_day ON runs(day, id)")


def _v6_warning_checks(conn: sqlite3.Connection) -> None:
    """The warning-sign questions as answered: when, why they were asked, each answer, and when
    a "yes" was acknowledged (the user chose to go on having read the advice)."""
    conn.execute(
        """
        CREATE TABLE warning_checks (
            id INTEGER PRIMARY KEY,
            asked_at TEXT NOT NULL,
            reason TEXT NOT NULL
                CHECK (reason IN ('first-session', 'six-weeks', 'guidance', 'menu')),
            answers TEXT NOT NULL,
            any_yes INTEGER NOT NULL CHECK (any_yes IN (0, 1)),
            acknowledged_at TEXT
        )
        """
    )
    conn.execute("CREATE INDEX warning_checks_by_time ON warning_checks(asked_at, id)")


# Append only. The position in this list (1-based) is the user_version a file has after it.
MIGRATIONS: tuple[Migration, ...] = (
    _v1_initial,
    _v2_notes_and_indexes,
    _v3_meta,
    _v4_adjustments,
    _v5_runs,
    _v6_warning_checks,
)
SCHEMA_VERSION = len(MIGRATIONS)


def user_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(
    conn: sqlite3.Connection,
    *,
    target: int | None = None,
    migrations: Sequence[Migration] = MIGRATIONS,
) -> int:
    """Bring the file up to `target` (default: all migrations); returns the version reached.

    `conn` must be in autocommit mode (`isolation_level=None`) so the explicit transactions here
    are the only ones. A version above the known ones is a programming error here: the store
    refuses such files before calling this.
    """
    target = len(migrations) if target is None else target
    if not 0 <= target <= len(migrations):
        raise ValueError(f"no schema version {target}; known versions are 0-{len(migrations)}")
    current = user_version(conn)
    if current > len(migrations):
        raise ValueError(f"schema version {current} is newer than this code knows")
    while current < target:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Read again under the write lock: another process may have migrated meanwhile.
            current = user_version(conn)
            if current < target:
                migrations[current](conn)
                current += 1
                conn.execute(f"PRAGMA user_version = {current}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return current
