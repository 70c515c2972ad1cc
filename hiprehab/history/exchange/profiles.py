"""Imported histories of other people: each a read-only profile database of its own.

An import never mixes into the user's own history. An imported profile keeps the export's
`exported_at` (store meta `exported_at`): the pane and `hiprehab history summary --profile` show
the history as of that moment, not as of today, so weeks after the export never count as missed.
"""

from __future__ import annotations

import os
import re
import sqlite3
import stat
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hiprehab.history.errors import HistoryFileError
from hiprehab.history.exchange.json_format import read_export
from hiprehab.history.records import format_utc, parse_utc
from hiprehab.history.store import HistoryStore
from hiprehab.i18n import _
from hiprehab.paths import AppPaths

PERSON_KEY = "person"  # store meta key: whose history this is
EXPORTED_AT_KEY = "exported_at"  # store meta key: when an imported history was exported
IMPORTED_AT_KEY = "imported_at"  # store meta key: when it was imported
_STAGING_MARK = ".importing-"  # in the name of a profile being built
STALE_AFTER = timedelta(hours=6)  # a staging file untouched this long belongs to a dead import


class ProfileExistsError(HistoryFileError):
    """An import would replace an existing profile of the same name and was not told to."""

    def __init__(self, message: str, profile: Profile) -> None:
        super().__init__(message)
        self.profile = profile


@dataclass(frozen=True)
class Profile:
    """An imported history of another person, opened read-only."""

    name: str
    path: Path


def slugify(name: str) -> str:
    """A file-name-safe form of a person's name: `Anna Müller` -> `anna-muller`."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60].strip("-")
    return slug or "profile"


def _profile_name(path: Path) -> str:
    """The person's name stored in a profile, or its file name if that cannot be read."""
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (PERSON_KEY,)).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        row = None
    return str(row[0]) if row else path.stem


def list_profiles(paths: AppPaths) -> list[Profile]:
    """Imported histories, sorted by name (open them with `HistoryStore.open(read_only=True)`)."""
    folder = paths.profiles_dir
    if not folder.is_dir():
        return []
    found = [
        Profile(name=_profile_name(p), path=p)
        for p in folder.glob("*.sqlite3")
        if p.is_file() and not p.name.startswith(".")
    ]
    return sorted(found, key=lambda profile: (profile.name.casefold(), profile.path.name))


def find_profile(paths: AppPaths, name: str) -> Profile:
    """The imported profile called `name` (or with that file slug); HistoryFileError if none."""
    wanted = slugify(name)
    profiles = list_profiles(paths)
    for profile in profiles:
        if profile.name.casefold() == name.casefold() or profile.path.stem == wanted:
            return profile
    if not profiles:
        message = _("no imported profile called {name} (imported profiles: none yet)")
    else:
        message = _("no imported profile called {name} (imported profiles: {known})")
    known = ", ".join(p.name for p in profiles)
    raise HistoryFileError(message.format(name=repr(name), known=known))


@dataclass(frozen=True)
class ImportResult:
    profile: Profile
    sessions: int
    replaced: bool  # an earlier import of the same name was replaced (only with replace=True)


def import_history(
    source: Path,
    paths: AppPaths,
    *,
    name: str | None = None,
    replace: bool = False,
    now: Callable[[], datetime] | None = None,
) -> ImportResult:
    """Import an exported JSON history as a read-only profile of its own.

    The name is `name`, else the person named in the file, else the file's name. A profile of
    the same name (the same file name) is only replaced with `replace=True` (a physio
    re-importing a newer export); otherwise `ProfileExistsError` is raised and nothing changes,
    since two patients may well share a first name. Replacing is atomic: the new database is
    built beside the old one and renamed over it only when complete. The export's
    `exported_at` is kept (meta `exported_at`), so the profile is shown as of that moment.
    """
    clock = now or (lambda: datetime.now(UTC))
    folder = paths.profiles_dir
    remove_stale_staging(folder, clock())
    export = read_export(source)
    snapshot = export.snapshot
    display = (name or export.person or source.stem).strip() or source.stem
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise HistoryFileError(
            _("cannot create the profiles folder {folder}: {reason}").format(
                folder=folder, reason=exc.strerror or exc
            )
        ) from exc
    target = folder / f"{slugify(display)}.sqlite3"
    if not replace:
        _refuse_existing(target)
    building = folder / f".{target.stem}{_STAGING_MARK}{os.getpid()}.sqlite3"
    _remove_database(building)
    try:
        with HistoryStore.open(building, now=clock) as store:
            store.add_snapshot(snapshot)
            store.set_meta(PERSON_KEY, display)
            store.set_meta("imported_from", str(source))
            store.set_meta(IMPORTED_AT_KEY, format_utc(clock()))
            if export.exported_at is not None:
                store.set_meta(EXPORTED_AT_KEY, format_utc(export.exported_at))
        _make_single_file(building)
        if not replace:
            _refuse_existing(target)  # made meanwhile by another import
        replaced = target.exists()
        for suffix in ("-wal", "-shm", "-journal"):  # never let an old journal meet the new file
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        os.replace(building, target)
    except OSError as exc:
        _remove_database(building)
        raise HistoryFileError(
            _("cannot save the profile {path}: {reason}").format(
                path=target, reason=exc.strerror or exc
            )
        ) from exc
    except BaseException:
        _remove_database(building)
        raise
    return ImportResult(Profile(display, target), len(snapshot.sessions), replaced)


def remove_stale_staging(folder: Path, now: datetime) -> list[Path]:
    """Remove the half-built profiles of imports killed long ago; returns what was removed.

    An import builds its profile as `.<name>.importing-<pid>.sqlite3` (with side files) and
    renames it when complete; a killed one leaves it behind. Only files untouched for longer
    than any import takes (`STALE_AFTER`) are removed, so a running import is never disturbed.
    """
    removed: list[Path] = []
    try:
        candidates = [
            p for p in folder.iterdir() if p.name.startswith(".") and _STAGING_MARK in p.name
        ]
    except OSError:
        return removed  # no folder yet (or unreadable): nothing to clean
    for candidate in candidates:
        try:
            info = candidate.lstat()
            if not stat.S_ISREG(info.st_mode):
                continue
            age = now - datetime.fromtimestamp(info.st_mtime, UTC)
            if age > STALE_AFTER:
                candidate.unlink()
                removed.append(candidate)
        except OSError:
            continue  # gone meanwhile, or not ours to remove
    return removed


def _refuse_existing(target: Path) -> None:
    if target.exists():
        existing = Profile(_profile_name(target), target)
        raise ProfileExistsError(
            _(
                "there is already an imported profile called {name} ({path}); import this one "
                "under another name, or replace that profile explicitly"
            ).format(name=repr(existing.name), path=target),
            existing,
        )


def as_of(store: HistoryStore) -> datetime | None:
    """The moment an imported history is shown as of: when it was exported; None for one's own.

    Profiles imported before the export time was kept fall back to when they were imported.
    """
    for key in (EXPORTED_AT_KEY, IMPORTED_AT_KEY):
        text = store.meta(key)
        if text is not None:
            try:
                return parse_utc(text)
            except ValueError:
                continue
    return None


def _make_single_file(path: Path) -> None:
    """Leave the WAL journal so the profile is one self-contained file readable read-only."""
    try:
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = DELETE")
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise HistoryFileError(
            _("cannot finish the profile {path}: {reason}").format(path=path, reason=exc)
        ) from exc


def _remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
