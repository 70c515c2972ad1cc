"""Writing an export or a profile so a crash or a failure leaves the old file or the new one."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from hiprehab.history.errors import HistoryFileError
from hiprehab.i18n import _
from hiprehab.i18n.formats import format_number


def _cannot_read(path: Path, exc: OSError) -> HistoryFileError:
    return HistoryFileError(
        _("cannot read {path}: {reason}").format(path=path, reason=exc.strerror or exc)
    )


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of the regular file `path`; HistoryFileError for anything else or over `limit`.

    Opened non-blocking and checked before reading, so a named pipe or a device never hangs the
    import, and a huge file is refused unread.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise _cannot_read(path, exc) from exc
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        if stat.S_ISDIR(info.st_mode):
            message = _("cannot read {path}: it is a folder")
        else:
            message = _("cannot read {path}: it is not a regular file")
        raise HistoryFileError(message.format(path=path))
    with os.fdopen(fd, "rb") as handle:
        if info.st_size > limit:
            raise HistoryFileError(
                _(
                    "cannot read {path}: it is too big to be a history export ({size} MiB; "
                    "{limit} MiB at most)"
                ).format(
                    path=path,
                    size=format_number(info.st_size // 2**20),
                    limit=format_number(limit // 2**20),
                )
            )
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise _cannot_read(path, exc) from exc
    if len(data) > limit:
        raise HistoryFileError(
            _("cannot read {path}: it is too big to be a history export").format(path=path)
        )
    return data


def replace_file(path: Path, data: bytes) -> None:
    """Write `data` to `path` so a crash or a failure leaves either the old file or the new one.

    The bytes go to a temporary file in the same folder, are flushed to disk, and the temporary
    file is renamed over `path` (`os.replace`, atomic). On failure the temporary file is removed
    and the OSError raised.
    """
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with open(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def write_text_atomically(path: Path, text: str, *, encoding: str = "utf-8") -> None:
    """Write `text` to `path` so a crash leaves either the old file or the whole new one."""
    try:
        replace_file(path, text.encode(encoding))
    except OSError as exc:
        raise HistoryFileError(
            _("cannot write {path}: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from exc


