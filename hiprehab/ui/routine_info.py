"""`I` on the routine page: "About this exercise" before the session, in a window of its own.

Every exercise row gets an "About this exercise" button; `I` opens the exercise whose row holds
the keyboard focus, else the routine's first. The window steps through the routine's exercises
with Previous and Next and closes with Esc or `I`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hiprehab.i18n import _
from hiprehab.i18n.formats import format_number
from hiprehab.routine.exercise_info import LibraryMap
from hiprehab.routine.model import Exercise
from hiprehab.ui.player.illustration import FigureSource
from hiprehab.ui.theme import set_font

if TYPE_CHECKING:
    from hiprehab.ui.library_view import LibraryView


class ExerciseInfoDialog(QDialog):
    """The panel in a window of its own, with Previous and Next through a routine's exercises."""

    def __init__(
        self,
        figures: FigureSource,
        illustrations: Path | None,
        library: LibraryMap | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("About this exercise"))
        self.setAccessibleName(_("About this exercise"))
        self.resize(760, 760)
        self._exercises: Sequence[Exercise] = ()
        self.index = 0
        from hiprehab.ui.exercise_info import ExerciseInfoPanel, close_hint  # on first opening

        layout = QVBoxLayout(self)
        self.panel = ExerciseInfoPanel(figures, illustrations, library)
        self.panel.close_button.setToolTip(close_hint())
        self.panel.closed.connect(self.close)
        layout.addWidget(self.panel, 1)
        row = QHBoxLayout()
        self.previous_button = QPushButton(_("← &Previous exercise"))
        self.previous_button.setAccessibleName(_("Previous exercise"))
        # Translators: Alt and the letter marked with & in "← &Previous exercise"
        self.previous_button.setToolTip(_("The exercise before this one in the routine (Alt+P)"))
        self.previous_button.clicked.connect(lambda: self.show_at(self.index - 1))
        self.next_button = QPushButton(_("&Next exercise →"))
        self.next_button.setAccessibleName(_("Next exercise"))
        # Translators: Alt and the letter marked with & in "&Next exercise →"
        self.next_button.setToolTip(_("The exercise after this one in the routine (Alt+N)"))
        self.next_button.clicked.connect(lambda: self.show_at(self.index + 1))
        self.position = QLabel()
        self.position.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for widget in (self.previous_button, self.next_button, self.position):
            set_font(widget, 16)
        for button in (self.previous_button, self.next_button):
            button.setMinimumHeight(40)
        row.addWidget(self.previous_button)
        row.addWidget(self.position, 1)
        row.addWidget(self.next_button)
        layout.addLayout(row)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        """I closes the window as it opened it (Esc closes any dialog)."""
        if event.key() == Qt.Key.Key_I and not event.modifiers():
            self.close()
        else:
            super().keyPressEvent(event)

    def show_exercises(self, exercises: Sequence[Exercise], index: int) -> None:
        self._exercises = tuple(exercises)
        self.show_at(index)
        if self.isVisible():
            self.raise_()  # already open, perhaps behind the window: to the front
        self.show()
        self.activateWindow()

    def show_at(self, index: int) -> None:
        if not 0 <= index < len(self._exercises):
            return
        self.index = index
        self.panel.show_exercise(self._exercises[index])
        count = len(self._exercises)
        self.position.setText(
            _("Exercise {number} of {count}").format(
                number=format_number(index + 1), count=format_number(count)
            )
        )
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(index + 1 < count)


class LibraryInfo(QObject):
    """An "About this exercise" button on each row of the routine page, and `I` there."""

    def __init__(
        self,
        view: LibraryView,
        figures: FigureSource,
        illustrations: Path | None,
        library: LibraryMap | None = None,
    ) -> None:
        super().__init__(view)
        self._view = view
        self._args = (figures, illustrations, library)
        self.dialog: ExerciseInfoDialog | None = None
        self.action = QAction(_("About this exercise"), view)
        self.action.setShortcut(QKeySequence(Qt.Key.Key_I))
        self.action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.action.triggered.connect(self.open_focused)
        view.addAction(self.action)

    def add_button(self, row: QFrame, exercise: Exercise, index: int) -> QPushButton:
        button = QPushButton(_("&About this exercise"))  # Alt and its letter walk through the rows
        button.setAccessibleName(_("About {exercise}").format(exercise=exercise.name))
        button.setToolTip(
            _("What it trains, how to do it, what you should feel, mistakes and cautions (I)")
        )
        button.setMinimumHeight(36)
        button.clicked.connect(lambda: self.open_at(index))
        layout = row.layout()
        assert isinstance(layout, QHBoxLayout)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
        return button

    def open_focused(self) -> None:
        """The exercise whose row holds the keyboard focus, else the routine's first."""
        focus = QApplication.focusWidget()
        rows = self._view.exercise_rows()
        index = next(
            (n for n, row in enumerate(rows) if focus is not None and row.isAncestorOf(focus)), 0
        )
        self.open_at(index)

    def open_at(self, index: int) -> None:
        entry = self._view.current_entry()
        if entry is None or entry.routine is None or not entry.routine.exercises:
            return
        if self.dialog is None:
            self.dialog = ExerciseInfoDialog(*self._args, parent=self._view.window())
        self.dialog.show_exercises(entry.routine.exercises, index)
