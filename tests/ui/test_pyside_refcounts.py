"""Guard against the PySide6 release that drops a reference to None on every void call.

PySide6 6.12.0 does this; on CPython 3.11 (where None is not immortal) the player's
repaints would abort the interpreter within a minute. pyproject excludes that release;
this test fails if a broken binding sneaks back in.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_qt_calls_keep_none_refcount(qtbot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("x")
        label.setVisible(False)
    lost = before - sys.getrefcount(None)
    # Unrelated code may hold or drop a few references meanwhile; the bug loses 4000.
    assert lost < 100, f"{lost} references to None lost in 4000 void Qt calls"
