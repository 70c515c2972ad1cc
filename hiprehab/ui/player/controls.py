"""The player's controls: actions with their keys, shown as the big buttons of the control row.

Every control is a `QAction` whose shortcuts work anywhere in the window (the space bar and the
arrows from the mat, the media keys of a keyboard or headset), shown by a large tool button with
an accessible name, so mouse, keyboard and screen reader reach the same commands.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QSizePolicy, QStyle, QToolButton, QWidget

TOGGLE_KEYS = (
    Qt.Key.Key_Space,
    Qt.Key.Key_MediaPlay,
    Qt.Key.Key_MediaTogglePlayPause,
    Qt.Key.Key_MediaPause,
)
BACK_KEYS = (Qt.Key.Key_Left, Qt.Key.Key_MediaPrevious)
SKIP_KEYS = (Qt.Key.Key_Right, Qt.Key.Key_MediaNext)
STOP_KEYS = (Qt.Key.Key_Escape, Qt.Key.Key_MediaStop)


def window_action(
    owner: QWidget,
    text: str,
    keys: tuple[Qt.Key, ...],
    icon: QStyle.StandardPixmap,
    slot: SignalInstance,
) -> QAction:
    """An action of `owner` that emits `slot` on any of `keys` pressed anywhere in its window."""
    action = QAction(owner.style().standardIcon(icon), text, owner)
    action.setShortcuts([QKeySequence(key) for key in keys])
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(slot)
    owner.addAction(action)
    return action


def control_button(action: QAction, name: str) -> QToolButton:
    """A big button for `action` (its text beside its icon), named `name` for screen readers."""
    button = QToolButton()
    button.setDefaultAction(action)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    button.setAccessibleName(name)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    button.setMinimumSize(132, 48)
    button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    font = QFont(button.font())
    font.setPixelSize(17)
    button.setFont(font)
    return button
