"""The offer to leave out an optional exercise, shown on the player during the pause before it.

Whether the offer stands is decided by the core (`optional.can_leave_out`): this widget only
shows the line and a button while it does, and turns the key `O` or a click into one request.
The text is big enough to read from the mat, and the key works from anywhere in the window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget

from hiprehab.i18n import _
from hiprehab.session.engine import EngineState
from hiprehab.session.optional import can_leave_out

KEY = Qt.Key.Key_O


def offer_text(name: str) -> str:
    # Translators: "O" is the key that leaves the exercise out; "{exercise}" is its name.
    return _("Optional: press O to leave out {exercise}.").format(exercise=name)


class LeaveOutBar(QFrame):
    """A line and a button; hidden unless the current pause leads into an optional exercise."""

    requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("leaveOut")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 8, 8, 8)
        layout.setSpacing(16)
        self.label = QLabel()
        self.label.setAccessibleName(_("Optional exercise"))
        self.label.setWordWrap(True)
        font = QFont(self.label.font())
        font.setPixelSize(22)
        font.setBold(True)
        self.label.setFont(font)
        self.action = QAction(_("Leave it out"), self)
        self.action.setShortcut(QKeySequence(KEY))
        self.action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.action.triggered.connect(self.requested)
        self.addAction(self.action)
        self.button = QToolButton()
        self.button.setDefaultAction(self.action)
        self.button.setAccessibleName(_("Leave out this optional exercise"))
        self.button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.button.setMinimumSize(150, 48)
        self.button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        button_font = QFont(self.button.font())
        button_font.setPixelSize(17)
        self.button.setFont(button_font)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.name = ""
        self.setVisible(False)
        self.action.setEnabled(False)

    def show_for(self, state: EngineState) -> None:
        """Show the offer while `state` is the rest or get-ready before an optional exercise."""
        step = state.step
        offered = state.status in ("running", "paused") and can_leave_out(step)
        name = step.exercise.name if offered and step is not None else ""
        if name != self.name:
            self.name = name
            self.label.setText(offer_text(name) if name else "")
            tip = _("Go straight on past {exercise} (O)").format(exercise=name) if name else ""
            self.action.setToolTip(tip)
        if self.action.isEnabled() != offered:
            self.action.setEnabled(offered)
        if self.isHidden() == offered:
            self.setVisible(offered)
