"""Opening a history file that may be damaged, locked, from a newer hiprehab, or left mid-session.

Nothing a user logged may be lost: a damaged file is moved aside (`<name>.corrupt-<stamp>`, side
files too), never deleted; a file from a newer hiprehab is refused untouched; and a session left
`running` by a process that died becomes `interrupted`, keeping the work done. SQLite's failures
become `StoreError`s naming the file and what the user can do.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import stat
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from hiprehab.history.errors import StoreError
from hiprehab.history.schema import SCHEMA_VERSION, migrate, user_version
from hiprehab.i18n import N_, _

log = logging.getLogger(__name__)

# What failed, as the start of an error message: marked sentences with the file as {path}.
OPEN_FAILED = N_("could not open the history in {path}")
READ_FAILED = N_("could not read the history in {path}")

_CORRUPT_CODES = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}


def is_corruption(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return code is not None and (code & 0xFF) in _CORRUPT_CODES


def describe_failure(path: Path, failure: str, exc: sqlite3.Error) -> str:
    """A message a user can act on, in the language in use, for an SQLite failure; `failure` is
    a marked sentence saying what failed, with `path` as {path} (OPEN_FAILED...)."""
    what = _(failure).format(path=path)
    code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
    if code == sqlite3.SQLITE_FULL:
        return _(
            "{failure}: the disk is full. Free some space and try again; everything saved "
            "before is kept."
        ).format(failure=what)
    if code == sqlite3.SQLITE_READONLY:
        return _("{failure}: the file is read-only (check its permissions).").format(failure=what)
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return _("{failure}: another program is using the file ({error}).").format(
            failure=what, error=exc
        )
    if code in _CORRUPT_CODES:
        return _(
            "{failure}: the file is damaged ({error}). Restart hiprehab: it moves a damaged "
            "file aside and starts a new one."
        ).format(failure=what, error=exc)
    # Translators: what failed, then SQLite's own words for why (in English).
    return _("{failure}: {error}").format(failure=what, error=exc)


def _ensure_writable_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise StoreError(
            _("cannot create the history folder {folder}: {reason}").format(
                folder=folder, reason=reason
            )
        ) from exc
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StoreError(
            _(
                "the history folder {folder} is not writable; hiprehab needs to save your "
                "sessions there (check the folder's permissions)"
            ).format(folder=folder)
        )


def _companions(path: Path) -> list[Path]:
    """The database file and the side files SQLite may keep next to it."""
    return [Path(f"{path}{suffix}") for suffix in ("", "-wal", "-shm", "-journal")]


def _move_aside(path: Path, when: datetime) -> Path:
    """Rename a damaged database (and its side files) to `<name>.corrupt-YYYYMMDD-HHMMSS`.

    The stamp is UTC, like every time in the history; `-1`, `-2`... follow if it is taken.
    """
    stamp = when.astimezone(UTC).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while any(p.exists() for p in _companions(target)):
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
        counter += 1
    for source, destination in zip(_companions(path), _companions(target), strict=True):
        if source.exists():
            try:
                os.replace(source, destination)
            except OSError as exc:
                raise StoreError(
                    _(
                        "the history file {path} is damaged and could not be moved aside to "
                        "{destination}: {reason}"
                    ).format(path=path, destination=destination, reason=exc.strerror or exc)
                ) from exc
    return target


def refuse_non_regular(path: Path) -> None:
    """StoreError if `path` or a side file of it exists and is no regular file.

    SQLite would open a named pipe or a device where the history should be and wait on it for
    ever; `os.stat` never blocks, so this is checked before anything opens the file.
    """
    for candidate in _companions(path):
        try:
            mode = os.stat(candidate).st_mode
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise StoreError(cannot_read(candidate, exc)) from exc
        if not stat.S_ISREG(mode):
            if stat.S_ISDIR(mode):
                message = _(
                    "{path} is a folder, so it cannot be a history file; move it away and "
                    "start hiprehab again"
                )
            else:
                message = _(
                    "{path} is not a regular file, so it cannot be a history file; move it "
                    "away and start hiprehab again"
                )
            raise StoreError(message.format(path=candidate))


def connect(target: str, path: Path, *, uri: bool = False) -> sqlite3.Connection:
    """An autocommit connection to `target` (the file `path`, or a URI naming it)."""
    try:
        return sqlite3.connect(target, isolation_level=None, timeout=5.0, uri=uri)
    except sqlite3.Error as exc:
        raise StoreError(describe_failure(path, OPEN_FAILED, exc)) from exc


def cannot_read(path: Path, exc: OSError) -> str:
    return _("cannot read the history file {path}: {reason}").format(
        path=path, reason=exc.strerror or exc
    )


def damaged(path: Path) -> str:
    return _("{path} is damaged or is not a hiprehab history file").format(path=path)


def _has_sqlite_header(path: Path) -> bool:
    """False for a file that is plainly no database, checked before SQLite touches it.

    (SQLite would otherwise treat side files such as `-wal` as its own and may delete them.)
    A missing or empty file is fine: SQLite makes a new database of it.
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(100)
    except FileNotFoundError:
        return True
    except OSError as exc:
        raise StoreError(cannot_read(path, exc)) from exc
    return not head or (len(head) == 100 and head.startswith(b"SQLite format 3\x00"))


def _healthy(conn: sqlite3.Connection, path: Path) -> bool:
    """False for a damaged file; raises StoreError for one made by a newer hiprehab."""
    try:
        version = user_version(conn)
        if version > SCHEMA_VERSION:
            raise StoreError(
                _(
                    "{path} was written by a newer version of hiprehab (history format "
                    "{version}; this version knows up to {known}). Update hiprehab to open it; "
                    "the file was left unchanged."
                ).format(path=path, version=version, known=SCHEMA_VERSION)
            )
        result = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        if is_corruption(exc):
            return False
        raise StoreError(describe_failure(path, OPEN_FAILED, exc)) from exc
    return result == [("ok",)]


def _open_if_sound(path: Path) -> sqlite3.Connection | None:
    """A connection to `path` if it is a sound (or new) database, None if it is damaged."""
    if not _has_sqlite_header(path):
        return None
    conn = connect(str(path), path)
    try:
        if _healthy(conn, path):
            return conn
    except BaseException:
        conn.close()
        raise
    conn.close()
    return None


def open_sound(path: Path, now: Callable[[], datetime]) -> tuple[sqlite3.Connection, Path | None]:
    """A connection to a sound database at `path`, and where a damaged one was moved (or None).

    The folder is created if needed and must be writable; a damaged file is moved aside and a
    new one started in its place.
    """
    _ensure_writable_folder(path.parent)
    refuse_non_regular(path)
    moved_aside = None
    conn = _open_if_sound(path)
    if conn is None:
        moved_aside = _move_aside(path, now())
        log.warning("damaged history %s moved aside to %s", path, moved_aside)
        conn = connect(str(path), path)
    return conn, moved_aside


def open_copy(path: Path) -> sqlite3.Connection:
    """An in-memory copy of the history at `path`, upgraded there and refusing writes.

    Viewing so never changes the file and never disturbs a session running elsewhere; a missing
    or damaged file is a StoreError.
    """
    refuse_non_regular(path)
    if not path.is_file():
        raise StoreError(_("there is no history file at {path}").format(path=path))
    if not _has_sqlite_header(path):
        raise StoreError(damaged(path))
    if not os.access(path.parent, os.W_OK):
        # SQLite needs to make `-wal`/`-shm` files beside a WAL-mode database even to read it,
        # which a read-only folder forbids: read a copy in a temporary folder instead
        with tempfile.TemporaryDirectory(prefix="hiprehab-read-") as folder:
            return _copy_to_memory(path, _copy_with_journal(path, Path(folder)))
    return _copy_to_memory(path, path)


def _copy_with_journal(path: Path, folder: Path) -> Path:
    """A copy of the database at `path`, and of its WAL journal if any, in the writable `folder`."""
    copy = folder / path.name
    try:
        shutil.copyfile(path, copy)
        if Path(f"{path}-wal").exists():
            shutil.copyfile(f"{path}-wal", f"{copy}-wal")
    except OSError as exc:
        raise StoreError(cannot_read(path, exc)) from exc
    return copy


def _copy_to_memory(path: Path, readable: Path) -> sqlite3.Connection:
    """The database file `readable` (`path` or a copy of it) copied into memory, upgraded."""
    source = connect(readable.resolve().as_uri() + "?mode=ro", path, uri=True)
    memory = sqlite3.connect(":memory:", isolation_level=None)
    try:
        if not _healthy(source, path):
            raise StoreError(damaged(path))
        source.backup(memory)
        memory.execute("PRAGMA foreign_keys = ON")
        migrate(memory)
        memory.execute("PRAGMA query_only = ON")
    except sqlite3.Error as exc:
        memory.close()
        if is_corruption(exc):
            raise StoreError(damaged(path)) from exc
        raise StoreError(describe_failure(path, READ_FAILED, exc)) from exc
    except BaseException:
        memory.close()
        raise
    finally:
        source.close()
    return memory


def recover_interrupted(conn: sqlite3.Connection) -> None:
    """Sessions left `running` by a process that died become `interrupted` (inside a transaction).

    Their active time becomes the sum of the work periods recorded and their end the end of
    the last one (or the start, if none was recorded); paused time is unknown and stays 0.
    """
    conn.execute(
        """
        UPDATE sessions SET
            status = 'interrupted',
            active_seconds = (SELECT COALESCE(SUM(w.actual_seconds), 0)
                              FROM work_periods w WHERE w.session_id = sessions.id),
            ended_at = COALESCE((SELECT MAX(w.ended_at) FROM work_periods w
                                 WHERE w.session_id = sessions.id), started_at)
        WHERE status = 'running'
        """
    )
