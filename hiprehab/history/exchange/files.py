"""Writing an export or a profile so a crash or a failure leaves the old file or the new one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hiprehab.history.errors import HistoryFileError


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
        raise HistoryFileError(f"cannot write {path}: {exc.strerror or exc}") from exc


