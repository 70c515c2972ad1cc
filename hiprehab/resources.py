"""Files shipped with the app (built-in routines, exercise library, poses, illustrations, sounds).

Once installed they are package data (the wheel force-includes them) beside this module, or
found through importlib.resources when the package is zipped (imported only then: it takes
~15 ms); PyInstaller bundles them under `sys._MEIPASS/hiprehab/`; in a source checkout they sit
at the repository's top level. Code finds them only here, always as real folders: a zipped
package's folders are extracted once to a temporary folder that is removed at exit.
"""

from __future__ import annotations

import atexit
import sys
from contextlib import ExitStack
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from hiprehab.i18n import _

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

#: What every routine file's name ends with: the built-in ones, the user's copies, a physio's.
#: The desktop knows it as the type `application/x-hiprehab-routine` (a kind of TOML), so a
#: double-click on one opens hiprehab and on any other `.toml` does not. A plain `*.toml` file
#: still opens from File > Open and the command line, and older copies named so are still listed.
ROUTINE_SUFFIX = ".hiprehab.toml"

_EXTRACTED = ExitStack()  # the temporary copies of zipped folders, kept until the process ends
atexit.register(_EXTRACTED.close)


def _copy(resource: Traversable, target: Path) -> None:
    target.mkdir()
    for child in resource.iterdir():
        if child.is_dir():
            _copy(child, target / child.name)
        else:
            (target / child.name).write_bytes(child.read_bytes())


def _real_folder(resource: Traversable) -> Path:
    """`resource` as a folder on disk: itself when it is one, else an extracted copy."""
    if isinstance(resource, Path):
        return resource
    if sys.version_info >= (3, 12):  # as_file extracts whole folders from 3.12 on
        from importlib.resources import as_file

        return _EXTRACTED.enter_context(as_file(resource))
    import tempfile  # only for a zipped install (it brings shutil, random and more)

    temporary = _EXTRACTED.enter_context(tempfile.TemporaryDirectory(prefix="hiprehab-"))
    target = Path(temporary) / resource.name
    _copy(resource, target)
    return target


@cache
def _root(name: str) -> Path:
    tried = []
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        bundled = Path(frozen) / "hiprehab" / name
        if bundled.is_dir():
            return bundled
        tried.append(str(bundled))
    here = Path(__file__).parent
    if here.is_dir():  # the package is a folder: installed, editable or a source checkout
        for folder in (here / name, here.parent / name):  # installed; then the checkout's
            if folder.is_dir():
                return folder
            tried.append(str(folder))
    else:  # a zipped install
        from importlib.resources import files

        packaged = files("hiprehab") / name
        if packaged.is_dir():
            return _real_folder(packaged)
        tried.append(str(packaged))
    message = _("hiprehab's {name} folder is missing; looked in: {places}")
    raise FileNotFoundError(message.format(name=repr(name), places=", ".join(tried)))


def routines_dir() -> Path:
    """The built-in routines' folder: `*.hiprehab.toml`, and the exercise library in `library/`."""
    return _root("routines")


def builtin_routines() -> list[Path]:
    """The built-in routine files, sorted by name."""
    return sorted(routines_dir().glob(f"*{ROUTINE_SUFFIX}"))


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
