"""The History page's Export menu: which exports there are, their file types and tooltips, and
asking for the file to write."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QToolButton, QWidget

from hiprehab.history import export_files as history_files
from hiprehab.history.store import StoreError
from hiprehab.i18n import _

Export = Callable[[Path], None]
Ask = Callable[[str, str, Export], None]  # file filter, suffix, the export: asks for a path


def _file_type(words: str, suffix: str) -> str:
    """A file dialog's filter: the type in words, then its pattern ('CSV-Tabellen (*.csv)'); the
    pattern is no part of the words to translate, so a translation cannot break it."""
    return f"{words} (*{suffix})"


def export_menu(
    parent: QWidget, ask: Ask, png: Export, svg: Export, csv: Export, json: Export, pdf: Export
) -> QMenu:
    """A menu whose entries ask for a file (via `ask`) and export to it."""
    menu = QMenu(parent)
    entries = (
        (_("Plots as PNG picture…"), _file_type(_("PNG picture"), ".png"), ".png", png),
        (_("Plots as SVG drawing…"), _file_type(_("SVG drawing"), ".svg"), ".svg", svg),
        (_("History as CSV…"), _file_type(_("CSV table"), ".csv"), ".csv", csv),
        (_("History as JSON…"), _file_type(_("JSON file"), ".json"), ".json", json),
        (_("Report for the physio (PDF)…"), _file_type(_("PDF report"), ".pdf"), ".pdf", pdf),
    )
    menu.setToolTipsVisible(True)
    contents = _(history_files.EXPORT_CONTENTS)  # what a CSV or JSON export holds
    for label, file_filter, suffix, action in entries:
        item = menu.addAction(label, partial(ask, file_filter, suffix, action))
        if suffix in (".csv", ".json"):
            item.setToolTip(contents)
    return menu


def export_button(menu: QMenu, tooltip: str) -> QToolButton:
    """The page's Export button: opens `menu` at once; `tooltip` says what an export holds."""
    button = QToolButton()
    button.setText(_("Export"))
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    button.setStyleSheet("QToolButton { padding-right: 18px; }")  # room for the menu arrow
    button.setMenu(menu)
    button.setToolTip(tooltip)
    return button


def ask_and_export(
    parent: QWidget, today: datetime, file_filter: str, suffix: str, action: Export
) -> None:
    """Ask for a file (suggested: hiprehab-history-<today>.<suffix> in the home folder) and
    export to it; a failure is a warning, not a crash."""
    suggestion = str(Path.home() / f"hiprehab-history-{today:%Y-%m-%d}{suffix}")
    chosen = QFileDialog.getSaveFileName(parent, _("Export history"), suggestion, file_filter)[0]
    if not chosen:
        return
    path = Path(chosen)
    if not path.suffix:
        path = path.with_suffix(suffix)
    from hiprehab.ui.history.export import ExportError

    try:
        action(path)
    except (ExportError, StoreError) as exc:  # a file error, or a damaged history
        QMessageBox.warning(parent, _("Export failed"), str(exc))
