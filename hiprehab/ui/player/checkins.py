"""The pain check-in: "How is your hip right now?" on a 0-10 scale, with big buttons.

Used before a session, after it (with an optional note) and once the next morning. The buttons
are large enough to hit from the mat; digits on the keyboard pick a number ("1" then "0" is 10),
Enter saves and Esc skips. Before a session the question can also be called off: then it has a
Cancel button, Esc cancels and Skip means "go on without a score". The dialog only reports the
answer: the caller stores it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hiprehab.i18n import _

SCALE = range(0, 11)


SKIPPED = 2  # the dialog's result code for Skip (Accepted is Save, Rejected is Esc or Cancel)


class PainCheckinDialog(QDialog):
    """Emits `answered(value, note)` once: value is 0-10, or None when skipped.

    With `cancellable=True` closing it (Cancel, Esc, the window's close button) emits
    `cancelled()` instead, and only Skip answers None.
    """

    answered = Signal(object, str)
    cancelled = Signal()

    def __init__(
        self,
        question: str,
        *,
        low_words: str,
        high_words: str,
        explanation: str = "",
        with_note: bool = False,
        cancellable: bool = False,
        skip_tip: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(_("Pain check-in"))
        self.setAccessibleName(_("Pain check-in"))
        skip_tip = _("Skip this question") if skip_tip is None else skip_tip
        self._sent = False
        self._cancellable = cancellable
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(16)

        title = QLabel(question)
        font = QFont(title.font())
        font.setPixelSize(26)
        font.setBold(True)
        title.setFont(font)
        title.setWordWrap(True)
        layout.addWidget(title)
        if explanation:
            sub = QLabel(explanation)
            sub.setWordWrap(True)
            layout.addWidget(sub)

        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: list[QPushButton] = []
        number_font = QFont(font)
        number_font.setPixelSize(24)
        for value in SCALE:
            button = QPushButton(str(value))
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setFont(number_font)
            button.setMinimumSize(56, 56)
            button.setAccessibleName(_("Pain {value} out of 10").format(value=value))
            keys = str(value) if value < 10 else "1, 0"
            # Translators: "{keys}" are the keys that pick the score: "7", or "1, 0" for 10.
            tip = _("Pain {value} out of 10 (key {keys})").format(value=value, keys=keys)
            button.setToolTip(tip)
            self.group.addButton(button, value)
            grid.addWidget(button, 0, value)
            self.buttons.append(button)
        low = QLabel(f"0 = {low_words}")  # i18n: ignore
        high = QLabel(f"10 = {high_words}")  # i18n: ignore
        high.setAlignment(Qt.AlignmentFlag.AlignRight)
        grid.addWidget(low, 1, 0, 1, 5)
        grid.addWidget(high, 1, 6, 1, 5)
        layout.addLayout(grid)
        self.group.idToggled.connect(self._toggled)

        self.note: QPlainTextEdit | None = None
        if with_note:
            label = QLabel(_("Anything to remember about this session? (optional)"))
            self.note = QPlainTextEdit()
            self.note.setAccessibleName(_("Note about this session"))
            self.note.setPlaceholderText(_("For example: left hip ached during the side plank"))
            self.note.setFixedHeight(80)
            self.note.setTabChangesFocus(True)
            label.setBuddy(self.note)
            layout.addWidget(label)
            layout.addWidget(self.note)

        row = QHBoxLayout()
        self.cancel_button: QPushButton | None = None
        if cancellable:
            self.cancel_button = QPushButton(_("&Cancel"))
            self.cancel_button.setAccessibleName(_("Cancel: do not start"))
            self.cancel_button.setToolTip(_("Do not start now; nothing is recorded (Esc)"))
            self.cancel_button.setAutoDefault(False)
            self.cancel_button.clicked.connect(self.reject)
            row.addWidget(self.cancel_button)
        row.addStretch(1)
        self.skip_button = QPushButton(_("S&kip"))
        self.skip_button.setAccessibleName(skip_tip)
        self.skip_button.setToolTip(skip_tip + ("" if cancellable else " (Esc)"))
        self.skip_button.setAutoDefault(False)
        self.skip_button.clicked.connect(self.skip)
        self.save_button = QPushButton(_("&Save"))
        self.save_button.setAccessibleName(_("Save the pain score"))
        self.save_button.setToolTip(_("Save the pain score (Enter)"))
        self.save_button.setDefault(True)
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.accept)
        for b in (self.cancel_button, self.skip_button, self.save_button):
            if b is None:
                continue
            b.setMinimumHeight(40)
            b.setMinimumWidth(120)
            if b is not self.cancel_button:
                row.addWidget(b)
        layout.addLayout(row)
        self._last_digit: int | None = None

    def value(self) -> int | None:
        checked = self.group.checkedId()
        return checked if checked >= 0 else None

    def select(self, value: int) -> None:
        if value not in SCALE:
            raise ValueError(f"pain must be 0-10, not {value}")
        self.buttons[value].setChecked(True)
        self.buttons[value].setFocus()

    def note_text(self) -> str:
        return self.note.toPlainText().strip() if self.note is not None else ""

    def _toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self.save_button.setEnabled(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        text = event.text()
        if len(text) == 1 and text.isdigit():
            digit = int(text)
            # "1" then "0" means 10; any other digit picks itself.
            self.select(10 if digit == 0 and self.value() == 1 else digit)
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.value() is not None:
                self.accept()
            return
        super().keyPressEvent(event)

    def skip(self) -> None:
        """Answer without a score."""
        self.done(SKIPPED)

    def done(self, result: int) -> None:
        if not self._sent:
            self._sent = True
            if result == QDialog.DialogCode.Accepted:
                self.answered.emit(self.value(), self.note_text())
            elif result == SKIPPED or not self._cancellable:
                self.answered.emit(None, self.note_text())
            else:
                self.cancelled.emit()
        super().done(result)
