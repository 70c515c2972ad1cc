"""Moves the user's data from the folders older versions used (`paths_legacy`) to today's, once.

Called at app start and before the CLI reads the history. An item (the history with its -wal,
-shm and -journal companions, the settings, the user's routines, the imported profiles) moves
only when its new place is empty and the old one has data. Nothing at the new place is ever
overwritten: a file is hard-linked (or copied into a file created exclusively) before the old
name is removed, a folder is renamed (or copied through a staging folder). An item that cannot
be moved whole is put back, so a failure leaves the old files as they were, and says so.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from hiprehab.i18n import N_, _
from hiprehab.paths import AppPaths
from hiprehab.paths_legacy import legacy_paths

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())  # the app's log gets the lines; a bare run prints none

DB_COMPANIONS = ("", "-wal", "-shm", "-journal")  # SQLite keeps them next to the database


@dataclass(frozen=True)
class _Item:
    what: str  # in English for the log; `_(what)` for the user
    pairs: tuple[tuple[Path, Path], ...]  # (old, new); the first one is the item itself
    folder: bool


class _LeftBehind(OSError):
    """A folder was copied whole to its new place, but the old one could not all be removed."""


def _items(paths: AppPaths, legacy: AppPaths) -> list[_Item]:
    def db(p: Path, suffix: str) -> Path:
        return p.with_name(p.name + suffix)

    history = tuple((db(legacy.history_db, s), db(paths.history_db, s)) for s in DB_COMPANIONS)
    return [
        _Item(N_("your exercise history"), history, folder=False),
        _Item(N_("your settings"), ((legacy.settings_file, paths.settings_file),), folder=False),
        _Item(N_("your routines"), ((legacy.routines_dir, paths.routines_dir),), folder=True),
        _Item(
            N_("the imported profiles"), ((legacy.profiles_dir, paths.profiles_dir),), folder=True
        ),
    ]


def _same_place(old: Path, new: Path) -> bool:
    if old == new:
        return True
    try:
        return os.path.samefile(old, new)
    except OSError:  # one of them is missing
        return False


def _has_data(path: Path, folder: bool) -> bool:
    if folder:
        return path.is_dir() and any(path.iterdir())
    return path.is_file()  # only a regular file: never open a FIFO or a device


def _occupied(path: Path, folder: bool) -> bool:
    """Something is at `path` that a move must not replace (an empty folder does not count)."""
    if folder and path.is_dir() and not path.is_symlink():
        return any(path.iterdir())
    return os.path.lexists(path)


def _copy_new(old: Path, new: Path) -> None:
    """Copy `old` into `new`, which must not exist yet; no partial `new` is left on failure."""
    with open(old, "rb") as source:
        target = open(new, "xb")  # noqa: SIM115 (it must be removed on failure, below)
        try:
            with target:
                shutil.copyfileobj(source, target)
                target.flush()
                os.fsync(target.fileno())
            shutil.copystat(old, new)
        except BaseException:
            new.unlink(missing_ok=True)
            raise


def _move_file(old: Path, new: Path) -> None:
    try:
        os.link(old, new)  # refuses when `new` exists
    except FileExistsError:
        raise
    except OSError:  # another file system, or one without hard links
        _copy_new(old, new)
    try:
        os.unlink(old)
    except OSError:
        os.unlink(new)  # the old file stays the only one
        raise


def _move_folder(old: Path, new: Path) -> None:
    emptied = new.is_dir()
    if emptied:
        new.rmdir()  # empty (see _occupied): made by ensure() before anything was moved
    try:
        os.rename(old, new)  # fails when a non-empty `new` appeared meanwhile
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            if emptied:
                new.mkdir(exist_ok=True)
            raise
        _copy_folder(old, new)


def _copy_folder(old: Path, new: Path) -> None:
    staging = new.with_name(f".{new.name}.migrating")
    shutil.rmtree(staging, ignore_errors=True)  # left by an attempt that was killed
    try:
        shutil.copytree(old, staging, symlinks=True)
        os.rename(staging, new)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    try:
        shutil.rmtree(old)
    except OSError as exc:
        raise _LeftBehind(exc.errno, exc.strerror, exc.filename) from exc


def _reason(exc: OSError) -> str:
    where = f": {exc.filename}" if exc.filename else ""
    return f"{exc.strerror or exc}{where}"


def _migrate(item: _Item) -> str | None:
    old, new = item.pairs[0]
    if _same_place(old, new) or not _has_data(old, item.folder):
        return None
    if any(_occupied(n, item.folder) for _, n in item.pairs):  # a stale -wal counts too
        log.warning("kept %s in %s; the older copy in %s was left there", item.what, new, old)
        message = _(
            "Kept {what} in {new}; the older copy in {old} was left where it is, not merged."
        )
        return message.format(what=_(item.what), new=new, old=old)
    moved: list[tuple[Path, Path]] = []
    try:
        new.parent.mkdir(parents=True, exist_ok=True)
        for o, n in item.pairs:
            if item.folder or o.is_file():
                (_move_folder if item.folder else _move_file)(o, n)
                moved.append((o, n))
    except _LeftBehind as exc:
        log.warning("copied %s to %s; %s could not be removed (%s)", item.what, new, old, exc)
        message = _(
            "Copied {what} from {old} to {new}, but the old folder could not be removed "
            "completely ({reason}); what is left there is no longer used."
        )
        return message.format(what=_(item.what), old=old, new=new, reason=_reason(exc))
    except OSError as exc:
        try:
            for o, n in reversed(moved):
                (_move_folder if item.folder else _move_file)(n, o)
        except OSError as undo:
            log.error("moving %s failed (%s) and could not be undone (%s)", item.what, exc, undo)
            message = _(
                "Could not move {what} from {old} to {new} ({reason}), and the files moved so "
                "far could not be put back ({undo_reason}): they are split between the two "
                "folders; nothing was deleted."
            )
            return message.format(
                what=_(item.what), old=old, new=new, reason=_reason(exc), undo_reason=_reason(undo)
            )
        log.warning("could not move %s from %s to %s: %s", item.what, old, new, exc)
        message = _(
            "Could not move {what} from {old} to {new} ({reason}); it was left untouched in {old}."
        )
        return message.format(what=_(item.what), old=old, new=new, reason=_reason(exc))
    log.info("moved %s from %s to %s", item.what, old, new)
    return _("Moved {what} from {old} to {new}.").format(what=_(item.what), old=old, new=new)


def migrate_legacy(paths: AppPaths, legacy: AppPaths | None = None) -> list[str]:
    """Move each item from the `legacy` folders (by default those older versions used here) to
    `paths` when its new place is empty. Returns one line per item moved, kept or refused ([]
    when there was nothing to do, as on every start after the first); the log gets them too.
    File-system faults never raise: they become such a line."""
    legacy = legacy_paths(paths) if legacy is None else legacy
    notes = []
    for item in _items(paths, legacy):
        try:
            note = _migrate(item)
        except OSError as exc:  # the old folder could not even be looked at
            old = item.pairs[0][0]
            log.warning("could not look at %s in %s: %s", item.what, old, exc)
            note = _("Could not look at {what} in {old} ({reason}); left as it is.").format(
                what=_(item.what), old=old, reason=_reason(exc)
            )
        if note is not None:
            notes.append(note)
    if notes:
        for old, new in ((legacy.data_dir, paths.data_dir), (legacy.config_dir, paths.config_dir)):
            if not _same_place(old, new):
                with contextlib.suppress(OSError):
                    old.rmdir()  # only when the moves emptied it
    return notes
