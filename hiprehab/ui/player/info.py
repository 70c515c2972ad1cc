"""`I` in the player: "About this exercise" laid over the picture while the session runs on.

The panel (`exercise_info.ExerciseInfoPanel`) covers the picture, and the instructions below it
give way while it is open (it shows them too), so the countdown, the side, the next-up line and
the controls stay in view. It opens before the session, in a get-ready,
rest, switch or transition step and while paused, always about the exercise coming up (pauses
point forward); it follows a transition to the next exercise, closes by itself when work begins
or the session ends, and closes with `I` or Esc. While it is open Esc only closes it (it does
not stop the session), Up/Down/Page Up/Page Down scroll it, and Space, Left and Right keep
driving the player.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QWindow
from PySide6.QtWidgets import QApplication, QStyle, QWidget

from hiprehab.i18n import N_, _, pgettext
from hiprehab.routine.exercise_info import LibraryMap
from hiprehab.routine.model import Exercise
from hiprehab.session.engine import EngineState
from hiprehab.ui.exercise_info import ExerciseInfoPanel
from hiprehab.ui.player.illustration import FigureSource

OPEN_TIP = N_(
    "About this exercise: how to do it, what you should feel, mistakes and cautions (I). "
    "Opens before the session, in a rest or while paused."
)


def _key(event: QEvent) -> int | None:
    if event.type() not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
        return None
    assert isinstance(event, QKeyEvent)
    if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
        return None
    return int(event.key())


SCROLL_KEYS = {
    int(Qt.Key.Key_Up): -1,
    int(Qt.Key.Key_Down): 1,
    int(Qt.Key.Key_PageUp): -8,
    int(Qt.Key.Key_PageDown): 8,
}


class PlayerInfo(QObject):
    """The panel over the player's picture, and the `I` action that opens and closes it."""

    def __init__(
        self,
        player: QWidget,
        page: QWidget,
        anchor: QWidget,
        below: tuple[QWidget, ...],
        figures: FigureSource,
        library: LibraryMap | None = None,
    ) -> None:
        super().__init__(player)
        self._page, self._anchor, self._below = page, anchor, below
        self.panel = ExerciseInfoPanel(figures, None, library, page)
        self.panel.close_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # I and Esc close it
        self.panel.closed.connect(self.close)
        self.panel.hide()
        icon = player.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
        # Translators: the player's button that opens "About this exercise".
        self.action = QAction(icon, pgettext("button", "About"), player)
        self.action.setShortcut(QKeySequence(Qt.Key.Key_I))
        self.action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.action.setToolTip(_(OPEN_TIP))
        self.action.setEnabled(False)
        self.action.triggered.connect(self.toggle)
        player.addAction(self.action)
        self._coming: Exercise | None = None
        anchor.installEventFilter(self)
        for widget in below:
            widget.installEventFilter(self)

    @property
    def is_open(self) -> bool:
        return self.panel.isVisible()

    def follow(self, state: EngineState | None) -> None:
        """Called with every state the player draws (None: no session on show)."""
        step = state.step if state is not None else None
        allowed = (
            state is not None
            and step is not None
            and (
                state.status in ("ready", "paused")
                or (state.status == "running" and not step.is_work)
            )
        )
        self._coming = step.exercise if allowed and step is not None else None
        if self.action.isEnabled() != allowed:
            self.action.setEnabled(allowed)
        if self._coming is None:
            self.close()  # work has begun, or the session is over: the player needs the room
        elif self.is_open:
            self.panel.show_exercise(self._coming)

    def toggle(self) -> None:
        if self.is_open:
            self.close()
        elif self._coming is not None:
            self.panel.show_exercise(self._coming)
            self._place()
            self.panel.show()
            self.panel.raise_()
            app = QApplication.instance()
            if app is not None:
                app.installEventFilter(self)

    def close(self) -> None:
        if self.panel.isVisible():
            self.panel.hide()
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)

    def _place(self) -> None:
        """Over the picture, down to the first of `below` on show (next-up line, progress)."""
        top_left = self._anchor.mapTo(self._page, QPoint(0, 0))
        below = next((w for w in self._below if w.isVisible()), self._below[-1])
        bottom = below.mapTo(self._page, QPoint(0, 0)).y() - 10
        height = max(bottom - top_left.y(), 240)
        self.panel.setGeometry(QRect(top_left.x(), top_left.y(), self._anchor.width(), height))

    def _in_window(self, watched: QObject) -> bool:
        window = self._page.window()
        if isinstance(watched, QWidget):
            return watched.window() is window
        return isinstance(watched, QWindow) and watched is window.windowHandle()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        kind = event.type()
        if watched is self._anchor or watched in self._below:
            moved = (QEvent.Type.Resize, QEvent.Type.Move, QEvent.Type.Show, QEvent.Type.Hide)
            if kind in moved and self.is_open:
                self._place()
            return False
        key = _key(event)
        if key is None or not self.is_open or not self._in_window(watched):
            return False
        if key == Qt.Key.Key_Escape:  # closes the panel, and does not stop the session
            if kind == QEvent.Type.ShortcutOverride:
                event.accept()
            else:
                self.close()
            return True
        if key in SCROLL_KEYS and kind == QEvent.Type.KeyPress:
            bar = self.panel.scroller.verticalScrollBar()
            bar.setValue(bar.value() + SCROLL_KEYS[key] * bar.singleStep())
            return True
        return False
