"""The user's own routines folder: copying opened files into it, listing and removing them.

A routine a physio hands out is copied, with the pictures it references, into a folder of its
own under `AppPaths.routines_dir`, so it stays available after the original is deleted and two
routines' pictures never overwrite each other. The copy is named `NAME.hiprehab.toml` whatever the
original was called (`NAME.toml` too); copies older versions saved as `NAME.toml` are still listed,
opened and recognised. Plain Python: the UI calls it, tests run headless.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from hiprehab.i18n import _
from hiprehab.resources import ROUTINE_SUFFIX
from hiprehab.routine.errors import Problem, RoutineError
from hiprehab.routine.model import Routine
from hiprehab.routine.syntax_words import error_reason

#: Every file name that lists as a routine ends so: `NAME.hiprehab.toml`, and the plain `NAME.toml`
#: of older copies and of files added by hand.
TOML_SUFFIX = ".toml"


class RoutineFileError(Exception):
    """A routine file could not be copied or removed; the message (in the user's language) names
    the file and the fault."""


def is_inside(path: Path, folder: Path) -> bool:
    """True when `path` lies inside `folder` (after resolving links and `..`)."""
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def routine_name(path: Path) -> str:
    """A routine file's name without `.hiprehab.toml` or `.toml` (any case): `knee` for
    `knee.hiprehab.toml` and for `knee.toml`; other names lose their last suffix only."""
    name = path.name
    for suffix in (ROUTINE_SUFFIX, TOML_SUFFIX):
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return path.stem


def list_user_routines(routines_dir: Path) -> list[Path]:
    """Routine files in the user's folder: `NAME/NAME.hiprehab.toml` copies (`NAME/NAME.toml`
    from older versions) and loose `*.toml` files, `*.hiprehab.toml` among them.

    Hidden entries (unfinished imports start with a dot) are skipped; a missing folder is empty.
    """
    if not routines_dir.is_dir():
        return []
    found: list[Path] = []
    for entry in sorted(routines_dir.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_file() and entry.suffix == TOML_SUFFIX:
            found.append(entry)
        elif entry.is_dir():
            found.extend(
                p for p in sorted(entry.glob(f"*{TOML_SUFFIX}")) if not p.name.startswith(".")
            )
    return found


@dataclass(frozen=True)
class RoutineEntry:
    """One routine file as the library lists it: loaded, or with the problems that stop it."""

    path: Path
    builtin: bool
    routine: Routine | None = None
    error: RoutineError | None = None

    @property
    def title(self) -> str:
        return self.routine.title if self.routine is not None else self.path.name


def load_entries(
    paths: Iterable[Path], *, builtin: bool, load: Callable[[Path], Routine]
) -> list[RoutineEntry]:
    """Load each file; a broken one becomes an entry carrying its error instead of vanishing."""
    entries = []
    for path in paths:
        try:
            entries.append(RoutineEntry(path, builtin, routine=load(path)))
        except RoutineError as exc:
            entries.append(RoutineEntry(path, builtin, error=exc))
        except OSError as exc:  # a file removed or unreadable between listing and loading
            problem = Problem(_("cannot read the file: {reason}").format(reason=error_reason(exc)))
            entries.append(RoutineEntry(path, builtin, error=RoutineError(str(path), [problem])))
    return entries


def _slug(stem: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-.")
    return slug or "routine"


def _relative_images(source: Path, images: Iterable[Path]) -> list[Path]:
    """Each picture's path relative to the routine's folder; refuses one outside it."""
    base = source.parent.resolve()
    relative: list[Path] = []
    for image in images:
        full = image if image.is_absolute() else base / image
        try:
            rel = full.resolve().relative_to(base)
        except ValueError:
            message = _("{file}: picture {picture} is outside the routine's folder")
            raise RoutineFileError(message.format(file=source, picture=image)) from None
        if rel not in relative:
            relative.append(rel)
    return relative


def _same_copy(source: Path, images: list[Path], folder: Path, names: list[str]) -> Path | None:
    """The copy of `source` (under one of `names`) with the same pictures in `folder`, if any."""
    for name in names:
        copy = folder / name
        if not copy.is_file() or copy.read_bytes() != source.read_bytes():
            continue
        if all(
            (folder / rel).is_file()
            and (folder / rel).read_bytes() == (source.parent / rel).read_bytes()
            for rel in images
        ):
            return copy
    return None


def import_routine(source: Path, images: Iterable[Path], routines_dir: Path) -> Path:
    """Copy `source` and its `images` into a new folder under `routines_dir`; return the copy.

    `images` are the pictures the loaded routine references (inside the file's folder). The copy
    is `NAME/NAME.hiprehab.toml` (NAME: the file's `routine_name`, made safe). A file already in
    `routines_dir` is returned as it is, and opening the same file twice reuses the first copy
    (also one an older version saved as `NAME/NAME.toml`). The copy appears all at once (built
    in a hidden folder, then renamed), so a failure leaves nothing half-written. Raises
    RoutineFileError naming the file or folder.
    """
    if is_inside(source, routines_dir):
        return source
    rel_images = _relative_images(source, images)
    stem = _slug(routine_name(source))
    name = stem + ROUTINE_SUFFIX
    earlier = [name, _slug(source.stem) + TOML_SUFFIX]  # and the name older versions gave it
    try:
        routines_dir.mkdir(parents=True, exist_ok=True)
        for n in range(1, 1000):
            folder = routines_dir / (stem if n == 1 else f"{stem}-{n}")
            if not folder.exists():
                break
            if (same := _same_copy(source, rel_images, folder, earlier)) is not None:
                return same
        else:  # pragma: no cover - a thousand copies of one name
            message = _("{folder}: too many routines named {name}")
            raise RoutineFileError(message.format(folder=routines_dir, name=repr(stem)))
        staging = Path(tempfile.mkdtemp(prefix=".import-", dir=routines_dir))
    except OSError as exc:
        message = _("cannot write to your routines folder {folder}: {reason}")
        raise RoutineFileError(
            message.format(folder=routines_dir, reason=error_reason(exc))
        ) from exc
    try:
        shutil.copyfile(source, staging / name)
        for rel in rel_images:
            (staging / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source.parent / rel, staging / rel)
        os.replace(staging, folder)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        where = exc.filename or routines_dir
        message = _("cannot copy {file} into {folder}: {where}: {reason}")
        raise RoutineFileError(
            message.format(file=source, folder=routines_dir, where=where, reason=error_reason(exc))
        ) from exc
    return folder / name


def remove_user_routine(path: Path, routines_dir: Path) -> None:
    """Delete one of the user's routines (its own folder with its pictures, or a loose file).

    Only files inside `routines_dir` may be removed: anything else is a programming error.
    The exercise history is kept elsewhere and is not touched.
    """
    if not is_inside(path, routines_dir) or path.resolve() == routines_dir.resolve():
        raise ValueError(f"{path} is not one of the user's routines in {routines_dir}")
    folder = path.resolve().parent
    try:
        if folder != routines_dir.resolve() and len(list(folder.glob(f"*{TOML_SUFFIX}"))) == 1:
            shutil.rmtree(folder)
        else:
            path.unlink()
    except OSError as exc:
        message = _("cannot remove {file}: {reason}")
        raise RoutineFileError(message.format(file=path, reason=error_reason(exc))) from exc
