"""The History page's Export menu: which exports there are, their file types and tooltips."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from hiprehab.history import export_files as history_files

Export = Callable[[Path], None]
Ask = Callable[[str, str, Export], None]  # file filter, suffix, the export: asks for a path


def export_menu(
    parent: QWidget, ask: Ask, png: Export, svg: Export, csv: Export, json: Export, pdf: Export
) -> QMenu:
    """A menu whose entries ask for a file (via `ask`) and export to it."""
    menu = QMenu(parent)
    entries = (
        ("Plots as PNG picture…", "PNG picture (*.png)", ".png", png),
        ("Plots as SVG drawing…", "SVG drawing (*.svg)", ".svg", svg),
        ("History as CSV…", "CSV table (*.csv)", ".csv", csv),
        ("History as JSON…", "JSON (*.json)", ".json", json),
        ("Report for the physio (PDF)…", "PDF report (*.pdf)", ".pdf", pdf),
    )
    menu.setToolTipsVisible(True)
    for label, file_filter, suffix, action in entries:
        item = menu.addAction(label, partial(ask, file_filter, suffix, action))
        if suffix in (".csv", ".json"):
            item.setToolTip(history_files.EXPORT_CONTENTS)
    return menu


def export_button(menu: QMenu, tooltip: str) -> QToolButton:
    """The page's Export button: opens `menu` at once; `tooltip` says what an export holds."""
    button = QToolButton()
    button.setText("Export")
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    button.setStyleSheet("QToolButton { padding-right: 18px; }")  # room for the menu arrow
    button.setMenu(menu)
    button.setToolTip(tooltip)
    return button
