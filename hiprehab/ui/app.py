"""Composition root of the desktop app (placeholder until the player issue lands)."""

from __future__ import annotations

import sys


def run_app(routine_path: str | None = None) -> int:
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication(sys.argv)
    label = QLabel("hiprehab")
    label.resize(640, 400)
    label.show()
    return int(app.exec())
