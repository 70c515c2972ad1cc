"""Message dialogs that never block: each is shown with `open()` and answers through a callback.

Nothing in the app waits inside a nested event loop, so the session timer keeps running while
a question is on screen and tests can find the dialog, read it and press its buttons.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


def tell(parent: QWidget, title: str, text: str, *, warning: bool = False) -> QMessageBox:
    """Show a message with an OK button and return at once."""
    box = QMessageBox(parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setIcon(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information)
    box.setWindowTitle(title)
    box.setText(text)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.open()
    return box


def ask(
    parent: QWidget,
    title: str,
    text: str,
    *,
    yes_text: str,
    no_text: str,
    on_answer: Callable[[bool], None],
) -> QMessageBox:
    """Ask a yes/no question; `on_answer(True)` only for the yes button. Returns at once.

    The safe answer (no) is the default button, so a stray Enter changes nothing.
    """
    box = QMessageBox(parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(no_text, QMessageBox.ButtonRole.RejectRole)
    yes.setAccessibleName(yes_text)
    no.setAccessibleName(no_text)
    box.setDefaultButton(no)
    box.setEscapeButton(no)

    def finished(_: int) -> None:
        on_answer(box.clickedButton() is yes)

    box.finished.connect(finished)
    box.open()
    return box


class ProblemsDialog(QDialog):
    """A routine file that failed to load: every problem, one line each, as `hiprehab check`."""

    def __init__(
        self, file_name: str, lines: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle("This routine file cannot be opened")
        self.setMinimumSize(640, 320)
        layout = QVBoxLayout(self)
        count = len(lines)
        heading = QLabel(
            f"<b>{html.escape(file_name)}</b> has {count} problem{'s' if count != 1 else ''} "
            "and was not opened. Nothing was changed. Fix the lines below (or send them to "
            "whoever wrote the file) and open it again."
        )
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(heading)
        self.text = QPlainTextEdit("\n".join(lines))
        self.text.setReadOnly(True)
        self.text.setAccessibleName("Problems found in the routine file")
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

    def lines(self) -> list[str]:
        return self.text.toPlainText().splitlines()
