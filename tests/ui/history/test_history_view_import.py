"""The History page's quick import of pyqtgraph: the same pyqtgraph, without copying all of Qt.

Each check runs in a fresh Python process, since pyqtgraph is imported once per process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

COMMON = r"""
import gc, json, sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
import PySide6.QtCore, PySide6.QtGui, PySide6.QtWidgets
listed = {n: sorted(set(dir(getattr(PySide6, n)))) for n in ("QtCore", "QtGui", "QtWidgets")}
"""

QUICK = (
    COMMON
    + r"""
import hiprehab.ui.history.view  # what the main window imports for the page
from hiprehab.ui.history import pg as history_pg
import pyqtgraph as pg
from pyqtgraph.Qt import QtCore, QtGui, QtWidgets
widget = pg.PlotWidget()
widget.plot([1, 2, 3], [3, 1, 2])
widget.resize(300, 200)
widget.show()
app.processEvents()
print(json.dumps({
    "quick": history_pg.quick_import_used(),
    "same_classes": QtCore.QPointF is PySide6.QtCore.QPointF
        and QtGui.QColor is PySide6.QtGui.QColor
        and QtWidgets.QGraphicsView is PySide6.QtWidgets.QGraphicsView,
    "pyqtgraph_additions": QtWidgets.QOpenGLWidget.__name__,
    "mirror_lists_names": "QPointF" in dir(QtCore),
    "missing_is_attribute_error": not hasattr(QtCore, "NoSuchThing"),
    "qt_listings_restored": listed == {
        n: sorted(set(dir(getattr(PySide6, n)))) for n in ("QtCore", "QtGui", "QtWidgets")
    },
    "listed": {n: len(names) for n, names in listed.items()},
    "gc_enabled": gc.isenabled(),
    "frozen": gc.get_freeze_count(),
    "curve_points": len(widget.getPlotItem().listDataItems()[0].getData()[0]),
}))
"""
)

def run(code: str) -> dict[str, object]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert out.returncode == 0, out.stderr
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def test_the_quick_import_gives_the_real_pyqtgraph() -> None:
    report = run(QUICK)
    assert report["quick"] is True
    assert report["same_classes"] is True
    assert report["pyqtgraph_additions"] == "QOpenGLWidget"  # what pyqtgraph adds is kept
    assert report["mirror_lists_names"] is True
    assert report["missing_is_attribute_error"] is True
    # PySide6's own modules list their names again once pyqtgraph is in
    assert report["qt_listings_restored"] is True
    assert all(count > 100 for count in report["listed"].values())  # type: ignore[union-attr]
    assert report["gc_enabled"] is True and report["frozen"] > 0
    assert report["curve_points"] == 3


def test_if_the_quick_way_fails_pyqtgraph_is_imported_the_usual_way() -> None:
    code = (
        COMMON
        + r"""
import logging
logging.disable(logging.WARNING)
import hiprehab.ui.history.pg as history_pg
assert "pyqtgraph" not in sys.modules  # importing the helper alone loads nothing

def broken():
    # half-way through, a surprise (a pyqtgraph release that works differently, say)
    mirror = history_pg._forwarding_module("pyqtgraph.Qt.QtCore", PySide6.QtCore)
    sys.modules["pyqtgraph.Qt.QtCore"] = mirror
    raise ImportError("pyqtgraph changed")

history_pg._quick_import = broken
module = history_pg.load()
import pyqtgraph
from pyqtgraph.Qt import QtCore
widget = pyqtgraph.PlotWidget()
print(json.dumps({
    "same_module": module is pyqtgraph,
    "quick": history_pg.quick_import_used(),
    "own_mirror": hasattr(QtCore, "__file__") and "QPointF" in vars(QtCore),
    "qt_listings_restored": listed == {
        n: sorted(set(dir(getattr(PySide6, n)))) for n in ("QtCore", "QtGui", "QtWidgets")
    },
    "gc_enabled": gc.isenabled(),
}))
"""
    )
    report = run(code)
    assert report["same_module"] is True
    assert report["quick"] is False
    assert report["own_mirror"] is True  # pyqtgraph's own mirror module, filled its own way
    assert report["qt_listings_restored"] is True
    assert report["gc_enabled"] is True
