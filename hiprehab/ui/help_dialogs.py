"""The Help menu's windows: the routine file format and About hiprehab.

Both open without blocking and return the dialog, so tests can read and close them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QTextBrowser, QVBoxLayout, QWidget

from hiprehab import __version__, resources, safety
from hiprehab.ui.dialogs import tell

FORMAT_FALLBACK = (
    "# Routine files\n\nA routine is a small TOML file with a `title` and a list of "
    "`[[exercise]]` tables. Run `hiprehab check FILE.toml` to check one; the full "
    "description of the format is in `docs/routine-format.md` of the source code."
)


def routine_format_dialog(parent: QWidget) -> QDialog:
    """docs/routine-format.md as shipped (source checkout, wheel or bundle), else a summary."""
    doc = resources.routine_format_doc()
    dialog = QDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowTitle("Routine file format")
    dialog.resize(820, 640)
    layout = QVBoxLayout(dialog)
    browser = QTextBrowser()
    browser.setOpenExternalLinks(True)
    if doc is not None:
        browser.setMarkdown(doc.read_text(encoding="utf-8"))
    else:
        browser.setMarkdown(FORMAT_FALLBACK)
    layout.addWidget(browser)
    dialog.open()
    return dialog


def about_dialog(parent: QWidget) -> QDialog:
    return tell(
        parent,
        "About hiprehab",
        f"hiprehab {__version__}\n\nGuided home exercise routines for runners with hip pain."
        f"\n\n{safety.DISCLAIMER}",
    )
