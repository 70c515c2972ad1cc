"""Files shipped with the app (built-in routines, exercise library, poses, illustrations, sounds).

They live at the repository's top level in a source checkout and inside the package once
installed (the wheel force-includes them) or frozen by PyInstaller. Code finds them only here.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def _root(name: str) -> Path:
    candidates = []
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        candidates.append(Path(frozen) / "hiprehab" / name)
    candidates.append(_PACKAGE_DIR / name)  # installed wheel
    candidates.append(_PACKAGE_DIR.parent / name)  # source checkout / editable install
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"hiprehab's {name!r} folder is missing; looked in: "
        + ", ".join(str(c) for c in candidates)
    )


def routines_dir() -> Path:
    """Built-in routine files (`*.toml`)."""
    return _root("routines")


def library_dir() -> Path:
    """The exercise library: one `<id>.toml` per exercise."""
    return routines_dir() / "library"


def assets_dir() -> Path:
    return _root("assets")


def illustrations_dir() -> Path:
    return assets_dir() / "illustrations"


def poses_dir() -> Path:
    """The drawings' pose files: one `<id>.toml` per exercise and an `index.toml`."""
    return assets_dir() / "poses"


def sounds_dir() -> Path:
    return assets_dir() / "sounds"


def icons_dir() -> Path:
    return assets_dir() / "icons"


def routine_format_doc() -> Path | None:
    """The physio-facing format reference (docs/routine-format.md), shipped with the app."""
    try:
        doc = _root("docs") / "routine-format.md"
    except FileNotFoundError:
        return None
    return doc if doc.is_file() else None
