"""The library page's right-hand pane: the chosen routine's title, Start and Remove, facts, its
exercises one row each (picture, dosing in words, first instruction line) and the
not-medical-advice note.

Kept apart from the list (`library_view`) so that each shows one thing: the list says which
routines there are, this pane what one of them asks of the runner.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QColor, QPaintEvent, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hiprehab.i18n import _, ngettext
from hiprehab.i18n.formats import format_number
from hiprehab.routine.model import Exercise, Routine
from hiprehab.routine.user_files import RoutineEntry
from hiprehab.routine.wording import dosing_text, length_text
from hiprehab.ui.player.illustration import FigureSource, card_colour, has_picture, thumbnail
from hiprehab.ui.theme import set_font

THUMB = QSize(112, 84)
# style sheets read palette(...) once, when applied: they are applied again on a palette change
START_STYLE = (
    "QPushButton#startButton { background: #1b7f3b; color: white; border: none;"
    " border-radius: 8px; padding: 8px 24px; }"
    "QPushButton#startButton:focus { border: 3px solid palette(highlight); }"
    "QPushButton#startButton:disabled { background: palette(mid); color: palette(window); }"
)
NOTE_STYLE = (
    "QLabel#disclaimer { border: 1px solid palette(mid); border-radius: 8px;"
    " padding: 8px 12px; }"
)


def about_length(routine: Routine) -> str:
    """The routine's estimated length as the facts line says it ("about 12 min")."""
    return _("about {length}").format(length=length_text(routine))


class Thumbnail(QLabel):
    """An exercise's picture, drawn by `draw` the first time it is painted or asked for
    (`pixmap()`): a long routine's rows below the fold cost nothing until scrolled to."""

    def __init__(self, draw: Callable[[], None]) -> None:
        super().__init__()
        self._draw = draw
        self.drawn = False

    def ensure_drawn(self) -> None:
        if not self.drawn:
            self.drawn = True
            self._draw()

    def pixmap(self) -> QPixmap:
        self.ensure_drawn()
        return super().pixmap()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        self.ensure_drawn()
        super().paintEvent(event)


class ExerciseRow(QFrame):
    """One exercise in the details panel: thumbnail, name, dosing, first instruction line."""

    _card: QColor | None = None  # the card colour the picture was drawn on (None: no picture)

    def __init__(
        self,
        number: int,
        exercise: Exercise,
        figures: FigureSource,
        illustrations: Path | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exerciseRow")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.setSpacing(14)
        self._exercise = exercise
        self._figures = figures
        self._illustrations = illustrations
        self.picture = Thumbnail(self._draw_picture)
        self.picture.setFixedSize(THUMB)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if has_picture(exercise, figures, illustrations):
            shown = _("Picture of {exercise}").format(exercise=exercise.name)
            self.picture.setAccessibleName(shown)
        else:
            self.picture.drawn = True  # nothing to draw: the name stands in
            self._no_picture()
        layout.addWidget(self.picture)
        text = QVBoxLayout()
        text.setSpacing(2)
        # Translators: an exercise's number and name in a routine's list of exercises
        optional = _("{number}. {name} (optional)")
        title = optional if exercise.optional else "{number}. {name}"
        self.name = QLabel(title.format(number=format_number(number), name=exercise.name))
        self.name.setWordWrap(True)  # a long name in a long language stays inside the pane
        set_font(self.name, 17, bold=True)
        self.dosing = QLabel(dosing_text(exercise))
        self.dosing.setWordWrap(True)  # "· your adjustment" would widen the page past its pane
        set_font(self.dosing, 15)
        text.addWidget(self.name)
        text.addWidget(self.dosing)
        if exercise.instructions.strip():
            first = exercise.instructions.strip().split("\n\n")[0].replace("\n", " ")
            info = QLabel(first)
            info.setWordWrap(True)
            info.setForegroundRole(self.foregroundRole())
            set_font(info, 13)
            text.addWidget(info)
        text.addStretch(1)
        layout.addLayout(text, 1)

    def _no_picture(self) -> None:
        self.picture.setAccessibleName("")
        self.picture.setText(self._exercise.name)
        self.picture.setWordWrap(True)
        self.picture.setFrameShape(QFrame.Shape.StyledPanel)

    def _draw_picture(self) -> None:
        """(Re)draw the thumbnail on the card of the current palette; the name if there is
        none after all (a picture file that does not decode)."""
        palette = self.palette()
        ratio = self.devicePixelRatioF()
        size = QSize(int(THUMB.width() * ratio), int(THUMB.height() * ratio))
        pixmap = thumbnail(
            self._exercise, self._figures, self._illustrations, size, palette=palette
        )
        if pixmap is None:
            self._no_picture()
            return
        pixmap.setDevicePixelRatio(ratio)
        self.picture.setPixmap(pixmap)
        self._card = card_colour(palette)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """A new theme (or system palette): redraw the picture on the new card at once."""
        super().changeEvent(event)
        if (
            event.type() == QEvent.Type.PaletteChange
            and self._card is not None
            and card_colour(self.palette()) != self._card
        ):
            self._draw_picture()


class RoutineDetails(QWidget):
    """One routine entry in full, with its Start and Remove buttons (the list wires them).

    `row_buttons(row, exercise, index)` adds the buttons each exercise row carries.
    """

    def __init__(
        self,
        figures: FigureSource,
        illustrations: Path | None,
        disclaimer: str,
        row_buttons: Callable[[ExerciseRow, Exercise, int], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._figures = figures
        self._illustrations = illustrations
        self._row_buttons = row_buttons
        self._start_block: str | None = None
        self._rows: list[ExerciseRow] = []

        right_layout = QVBoxLayout(self)
        right_layout.setContentsMargins(16, 0, 0, 0)
        right_layout.setSpacing(10)
        top = QHBoxLayout()
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setAccessibleName(_("Routine title"))
        set_font(self.title, 28, bold=True)
        top.addWidget(self.title, 1)
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.setAccessibleName(_("Remove this routine"))
        self.remove_button.setToolTip(
            _("Remove this routine from your routines; your history is kept (Delete)")
        )
        self.remove_button.setShortcut(Qt.Key.Key_Delete)
        self.start_button = QPushButton(_("Start"))
        self.start_button.setAccessibleName(_("Start this routine"))
        self.start_button.setShortcut("Ctrl+Return")
        set_font(self.start_button, 20, bold=True)
        self.start_button.setMinimumSize(160, 52)
        self.start_button.setObjectName("startButton")
        self.start_button.setStyleSheet(START_STYLE)
        self.remove_button.setMinimumHeight(52)
        top.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignTop)
        right_layout.addLayout(top)
        self.meta = QLabel()
        self.meta.setAccessibleName(_("Routine facts"))
        self.meta.setWordWrap(True)  # the facts run longer in some languages than the pane
        set_font(self.meta, 15)
        right_layout.addWidget(self.meta)

        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.details = QWidget()
        self.details_layout = QVBoxLayout(self.details)
        self.details_layout.setContentsMargins(0, 0, 12, 0)
        self.scroller.setWidget(self.details)
        right_layout.addWidget(self.scroller, 1)

        self.note = QLabel(disclaimer)
        self.note.setObjectName("disclaimer")
        self.note.setWordWrap(True)
        self.note.setAccessibleName(_("Not medical advice"))
        self.note.setStyleSheet(NOTE_STYLE)
        set_font(self.note, 13)
        right_layout.addWidget(self.note)

    def block_start(self, reason: str | None, entry: RoutineEntry | None) -> None:
        """Disable Start (with `reason` as its tooltip), e.g. while a session is running;
        `entry` is the one chosen now."""
        self._start_block = reason
        self._update_buttons(entry)

    def _update_buttons(self, entry: RoutineEntry | None) -> None:
        can_start = entry is not None and entry.routine is not None and not self._start_block
        self.start_button.setEnabled(can_start)
        if self._start_block:
            self.start_button.setToolTip(self._start_block)
        else:
            self.start_button.setToolTip(_("Start this routine (Ctrl+Enter, or Enter in the list)"))
        self.remove_button.setVisible(entry is not None and not entry.builtin)

    def _clear(self) -> None:
        self._rows = []
        while self.details_layout.count():
            child = self.details_layout.takeAt(0)
            widget = child.widget() if child is not None else None
            if widget is not None:
                widget.hide()  # gone now, not only once the event loop deletes it
                widget.deleteLater()

    def show_entry(self, entry: RoutineEntry | None) -> None:
        self._clear()
        self._update_buttons(entry)
        self.note.setVisible(entry is not None)
        if entry is None:
            self.title.setText(_("Choose a routine"))
            self.meta.setText("")
            return
        routine = entry.routine
        if routine is None:
            self.title.setText(entry.path.name)
            self.meta.setText(_("This file cannot be loaded."))
            lines = [p.describe() for p in entry.error.problems] if entry.error else []
            text = QLabel(
                "<br>".join(html.escape(line) for line in lines)
                + "<br><br>"
                + html.escape(_("File: {path}").format(path=entry.path))
            )
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.details_layout.addWidget(text)
            self.details_layout.addStretch(1)
            return
        self.title.setText(routine.title)
        exercises, per_week = len(routine.exercises), routine.sessions_per_week
        facts = [
            _("By {author}").format(author=routine.author) if routine.author else "",
            ngettext("{count} exercise", "{count} exercises", exercises).format(
                count=format_number(exercises)
            ),
            about_length(routine),
            ngettext("{count} session a week", "{count} sessions a week", per_week).format(
                count=format_number(per_week)
            ),
            _("built in") if entry.builtin else _("your routine"),
        ]
        self.meta.setText("  ·  ".join(f for f in facts if f))
        if routine.description.strip():
            description = QLabel(" ".join(routine.description.split()))
            description.setWordWrap(True)
            description.setAccessibleName(_("Description"))
            set_font(description, 15)
            self.details_layout.addWidget(description)
            self.details_layout.addSpacing(6)
        for number, exercise in enumerate(routine.exercises, start=1):
            row = ExerciseRow(number, exercise, self._figures, self._illustrations)
            self._rows.append(row)
            self._row_buttons(row, exercise, number - 1)
            self.details_layout.addWidget(row)
        self.details_layout.addStretch(1)

    def exercise_rows(self) -> list[ExerciseRow]:
        return list(self._rows)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "note"):
            self.start_button.setStyleSheet(START_STYLE)  # their palette(...) colours, anew
            self.note.setStyleSheet(NOTE_STYLE)
