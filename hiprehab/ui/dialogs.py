"""Message dialogs that never block: each is shown with `open()` and answers through a callback.

Nothing in the app waits inside a nested event loop, so the session timer keeps running while
a question is on screen and tests can find the dialog, read it and press its buttons.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from hiprehab.i18n import _, ngettext
from hiprehab.i18n.formats import format_number


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


MIN_PROBLEMS_WIDTH = 640  # a readable dialog even for one short line
SCREEN_SHARE = 0.95  # never wider or taller than this share of the screen


def fit_size(content: QSize, available: QSize, minimum: QSize | None = None) -> QSize:
    """The size to show `content` (the text plus the dialog's own margins) whole where it fits:
    at least `minimum`, at most nearly all of `available` (the screen)."""
    least = minimum if minimum is not None else QSize(MIN_PROBLEMS_WIDTH, 320)
    most_w = max(int(available.width() * SCREEN_SHARE), 1)
    most_h = max(int(available.height() * SCREEN_SHARE), 1)
    width = min(max(content.width(), least.width()), most_w)
    height = min(max(content.height(), least.height()), most_h)
    return QSize(width, height)


class ProblemsDialog(QDialog):
    """A routine file that failed to load: every problem, one line each, as `hiprehab check`.

    The lines are shown unwrapped in a fixed-width font, as in a terminal, and the dialog is
    made wide and tall enough to show them all without scrolling where the screen allows.
    """

    def __init__(
        self, file_name: str, lines: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(_("This routine file cannot be opened"))
        self.setMinimumSize(MIN_PROBLEMS_WIDTH, 320)
        layout = QVBoxLayout(self)
        count = len(lines)
        said = ngettext(
            "{file} has {count} problem and was not opened. Nothing was changed. Fix the line "
            "below (or send it to whoever wrote the file) and open it again.",
            "{file} has {count} problems and was not opened. Nothing was changed. Fix the lines "
            "below (or send them to whoever wrote the file) and open it again.",
            count,
        )
        heading = QLabel(
            html.escape(said).format(
                file=f"<b>{html.escape(file_name)}</b>", count=format_number(count)
            )
        )
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(heading)
        self.text = QPlainTextEdit("\n".join(lines))
        self.text.setReadOnly(True)
        self.text.setAccessibleName(_("Problems found in the routine file"))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setStyleHint(QFont.StyleHint.TypeWriter)
        self.text.setFont(font)
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self._fit(lines, heading, buttons)

    def _fit(self, lines: list[str], heading: QLabel, buttons: QDialogButtonBox) -> None:
        """Size to the lines (plus margins, frame and heading) within the screen."""
        metrics = self.text.fontMetrics()
        text_w = max((metrics.horizontalAdvance(line) for line in lines), default=0)
        text_h = metrics.lineSpacing() * max(len(lines), 1)
        layout = self.layout()
        assert layout is not None  # set in __init__
        margins = layout.contentsMargins()
        doc_margin = 2 * int(self.text.document().documentMargin())
        frame = 2 * self.text.frameWidth()
        scroll = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        width = text_w + doc_margin + frame + margins.left() + margins.right() + scroll + 8
        spacing = layout.spacing()
        heading_h = heading.heightForWidth(width - margins.left() - margins.right())
        height = (
            margins.top() + max(heading_h, heading.sizeHint().height()) + spacing
            + text_h + doc_margin + frame + scroll + spacing
            + buttons.sizeHint().height() + margins.bottom() + 8
        )
        parent = self.parentWidget()
        screen = self.screen() if parent is None else parent.screen()
        available = screen.availableGeometry().size() if screen is not None else QSize(1280, 800)
        size = fit_size(QSize(width, height), available)
        self.setMinimumSize(min(MIN_PROBLEMS_WIDTH, size.width()), min(320, size.height()))
        self.resize(size)

    def lines(self) -> list[str]:
        return self.text.toPlainText().splitlines()
