"""pyqtgraph for the history plots, imported without copying all of Qt first (about 90 ms saved).

On import, `pyqtgraph.Qt` fills its own mirrors of QtCore, QtGui and QtWidgets by reading every
name of the PySide6 modules (`_copy_attrs`). PySide6 creates its classes and their enums lazily,
on first access, so that loop builds some 700 classes the plots never use, which is the largest
single cost of opening the History page. Here the mirrors are put in place beforehand as modules
that look names up in PySide6 when they are first used (PEP 562 `__getattr__`), and PySide6's
module listings are briefly empty while pyqtgraph imports, so there is nothing to copy.
pyqtgraph's own additions to the mirrors (`QtWidgets.QOpenGLWidget`...) are kept as before.

If pyqtgraph was imported already (by anything), it is used as it is. If the quick way fails in
any way (a pyqtgraph version that does things differently), pyqtgraph is imported the usual way;
`quick_import_used()` tells which happened, for the benchmark and the tests. Use it as
`from hiprehab.ui.history.pg import np, pg`: that import is what loads them.
"""

from __future__ import annotations

import gc
import importlib
import logging
import sys
import types
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

__all__ = ["load", "np", "pg", "quick_import_used"]

log = logging.getLogger(__name__)

MIRRORED = {"QtCore": "QObject", "QtGui": "QColor", "QtWidgets": "QWidget"}  # and a class each
_quick = False


def _forwarding_module(name: str, source: types.ModuleType) -> types.ModuleType:
    doc = f"pyqtgraph's view of {source.__name__}, filled on use"  # i18n: ignore (a docstring)
    mirror = types.ModuleType(name, doc)

    def lookup(attribute: str) -> Any:
        try:
            value = getattr(source, attribute)
        except AttributeError:
            raise AttributeError(f"module {name!r} has no attribute {attribute!r}") from None
        setattr(mirror, attribute, value)  # found once, then a plain module attribute
        return value

    def listing() -> list[str]:
        return sorted(set(vars(mirror)) | set(dir(source)))

    mirror.__getattr__ = lookup  # type: ignore[method-assign]
    mirror.__dir__ = listing  # type: ignore[method-assign]
    return mirror


def _forget_pyqtgraph() -> None:
    for name in [n for n in sys.modules if n == "pyqtgraph" or n.startswith("pyqtgraph.")]:
        del sys.modules[name]


def _quick_import() -> types.ModuleType:
    sources = {name: importlib.import_module(f"PySide6.{name}") for name in MIRRORED}
    mirrors = {
        name: _forwarding_module(f"pyqtgraph.Qt.{name}", source)
        for name, source in sources.items()
    }
    for mirror in mirrors.values():
        sys.modules[mirror.__name__] = mirror
    saved: dict[str, Callable[[], list[str]] | None] = {
        name: vars(source).get("__dir__") for name, source in sources.items()
    }
    try:
        for source in sources.values():
            source.__dir__ = list  # type: ignore[method-assign]  # nothing to copy
        module = importlib.import_module("pyqtgraph")
    finally:
        for name, source in sources.items():
            listing = saved[name]
            if listing is None:
                vars(source).pop("__dir__", None)
            else:
                source.__dir__ = listing  # type: ignore[method-assign]
    qt = sys.modules["pyqtgraph.Qt"]
    for name, source in sources.items():
        probe = MIRRORED[name]
        used = getattr(qt, name, None)
        if used is not mirrors[name] or getattr(used, probe) is not getattr(source, probe):
            raise ImportError(f"pyqtgraph.Qt.{name} is not the mirror put in place")  # i18n: ignore
    return module


def load() -> types.ModuleType:
    """numpy and pyqtgraph, imported the quick way if not loaded yet (see the module docstring).

    Importing them creates a few hundred thousand objects that live as long as the app, and
    with them the garbage collector's full collection falls due in the middle of opening the
    page (about 20 ms, plus about 15 ms of younger collections, on the development machine).
    So the collector is paused while they import and everything then alive is frozen
    (`gc.freeze`): ignored by every later collection, which also keeps later full collections
    short. The cost: a reference cycle among those objects that becomes garbage later is never
    freed; they are modules, Qt's classes and the app's long-lived windows.
    """
    global _quick
    if "pyqtgraph" in sys.modules:
        return sys.modules["pyqtgraph"]
    collecting = gc.isenabled()
    gc.disable()
    try:
        importlib.import_module("numpy")
        try:
            module = _quick_import()
        except Exception:
            log.warning("quick pyqtgraph import failed; importing it the usual way", exc_info=True)
            _forget_pyqtgraph()
            return importlib.import_module("pyqtgraph")
        _quick = True
        return module
    finally:
        gc.freeze()
        if collecting:
            gc.enable()


def quick_import_used() -> bool:
    """Whether this process's pyqtgraph came from the quick import."""
    return _quick


if TYPE_CHECKING:
    import numpy as np
    import pyqtgraph as pg
else:

    def __getattr__(name: str) -> types.ModuleType:
        """`from hiprehab.ui.history.pg import np, pg` loads them (PEP 562)."""
        if name == "pg":
            return load()
        if name == "np":
            load()
            return sys.modules["numpy"]
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
