"""The Help menu's windows: the routine file format and About hiprehab.

Both open without blocking and return the dialog, so tests can read and close them. The format
page is shown in the language in use where a translation of it is shipped beside the English one
(docs/routine-format.<code>.md), else in English.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QTextBrowser, QVBoxLayout, QWidget

from hiprehab import __version__, resources, safety
from hiprehab.i18n import _, current_language
from hiprehab.ui.dialogs import tell


def format_fallback() -> str:
    """A summary (Markdown) for when the format page is not shipped."""
    # Translators: Markdown; keep the keys and the command in `backticks` as they are; the path
    # may name the page in your language (docs/routine-format.<code>.md) where there is one.
    return _(
        "# Routine files\n\nA routine is a small TOML file, `NAME.hiprehab.toml`, with a `title` "
        "and a list of `[[exercise]]` tables. Run `hiprehab check NAME.hiprehab.toml` to check "
        "one; the full description of the format is in `docs/routine-format.md` of the source "
        "code."
    )


def translated_doc(doc: Path, language: str) -> Path:
    """`doc` in `language` (`routine-format.de.md` beside `routine-format.md`) where shipped."""
    translated = doc.with_name(f"{doc.stem}.{language}{doc.suffix}")
    return translated if translated.is_file() else doc


def routine_format_dialog(parent: QWidget) -> QDialog:
    """docs/routine-format.md as shipped (source checkout, wheel or bundle), in the language in
    use where it is translated, else a summary."""
    doc = resources.routine_format_doc()
    dialog = QDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowTitle(_("Routine file format"))
    dialog.resize(820, 640)
    layout = QVBoxLayout(dialog)
    browser = QTextBrowser()
    browser.setOpenExternalLinks(True)
    if doc is not None:
        page = translated_doc(doc, current_language())
        browser.setMarkdown(page.read_text(encoding="utf-8"))
    else:
        browser.setMarkdown(format_fallback())
    layout.addWidget(browser)
    dialog.open()
    return dialog


def about_dialog(parent: QWidget) -> QDialog:
    about = _("hiprehab {version}\n\nGuided home exercise routines for runners with hip pain.")
    return tell(
        parent,
        _("About hiprehab"),
        about.format(version=__version__) + "\n\n" + _(safety.DISCLAIMER),
    )
