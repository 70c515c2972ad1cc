"""The routine page's view of the user's own adjustments: each listed with Undo, rows adjusted.

It sits on the library page from outside (`RoutinePageAdjustments`): when a routine is shown it
adds a panel above the exercises and shows the adjusted dose in the exercise rows, so the page
itself needs no knowledge of adjustments. The routine file is never changed.
"""

from __future__ import annotations

from datetime import tzinfo

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from hiprehab.history.adjustments import Adjustment, describe, marker_text
from hiprehab.i18n import N_, _
from hiprehab.routine.model import Routine
from hiprehab.routine.user_files import RoutineEntry
from hiprehab.routine.wording import dosing_text
from hiprehab.ui.adjustment_center import AdjustmentCenter
from hiprehab.ui.adjustment_offer import day_text
from hiprehab.ui.library_view import LibraryView
from hiprehab.ui.routine_details import about_length

PANEL_STYLE = (
    "QFrame#routineAdjustments { border: 2px solid palette(highlight); border-radius: 10px; }"
)
# Translators: after an exercise's dose that the user adjusted
MARK = N_("your adjustment")


def adjustment_line(adjustment: Adjustment, routine: Routine, tz: tzinfo | None = None) -> str:
    """E.g. "Your change: Clamshell, 3 sets instead of 2 (from Dec 2)"."""
    i = adjustment.exercise_index
    name = routine.exercises[i].name if 0 <= i < len(routine.exercises) else adjustment.library_id
    day = day_text(adjustment.created_at, tz)
    return _("Your change: {exercise}, {change} (from {day})").format(
        exercise=name, change=describe(adjustment), day=day
    )


def _font(widget: QWidget, pixels: int, bold: bool = False) -> None:
    font = QFont(widget.font())
    font.setPixelSize(pixels)
    font.setBold(bold)
    widget.setFont(font)


class AdjustmentsPanel(QFrame):
    """The active adjustments of one routine, each with Undo."""

    undo_requested = Signal(object)  # Adjustment

    def __init__(
        self,
        routine: Routine,
        adjustments: list[Adjustment],
        parent: QWidget | None = None,
        *,
        tz: tzinfo | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("routineAdjustments")
        self.setStyleSheet(PANEL_STYLE)
        box = QVBoxLayout(self)
        box.setContentsMargins(14, 10, 14, 10)
        box.setSpacing(6)
        heading = QLabel(_("Your own adjustments"))
        _font(heading, 17, bold=True)
        note = QLabel(
            _(
                "Steps you chose after your pain scores, laid over this routine. The routine "
                "file from your physio is unchanged; Undo takes a step back."
            )
        )
        note.setWordWrap(True)
        _font(note, 14)
        box.addWidget(heading)
        box.addWidget(note)
        self.lines: list[QLabel] = []
        self.undo_buttons: list[QPushButton] = []
        for adjustment in adjustments:
            row = QHBoxLayout()
            text = adjustment_line(adjustment, routine, tz)
            label = QLabel(text)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            _font(label, 15)
            undo = QPushButton(_("Undo"))
            undo.setAccessibleName(_("Undo: {adjustment}").format(adjustment=text))
            undo.setToolTip(_("Take this step back (it stays in your history as undone)"))
            undo.setMinimumHeight(34)
            undo.clicked.connect(lambda _=False, a=adjustment: self.undo_requested.emit(a))
            row.addWidget(label, 1)
            row.addWidget(undo, 0, Qt.AlignmentFlag.AlignTop)
            box.addLayout(row)
            self.lines.append(label)
            self.undo_buttons.append(undo)


class RoutinePageAdjustments(QObject):
    """Keeps the library page's details showing the chosen routine as the user adjusted it."""

    def __init__(
        self, view: LibraryView, center: AdjustmentCenter, *, tz: tzinfo | None = None
    ) -> None:
        super().__init__(view)
        self._view = view
        self._center = center
        self._tz = tz
        self.panel: AdjustmentsPanel | None = None
        view.selection_changed.connect(self.decorate)
        view.as_played = center.adjusted
        view.refresh_lengths()
        center.changed.connect(lambda _hash: self.refresh())

    def refresh(self) -> None:
        self._view.refresh_lengths()
        entry = self._view.current_entry()
        self._view.show_entry(entry)
        self.decorate(entry)

    def decorate(self, entry: RoutineEntry | None) -> None:
        self.panel = None
        if entry is None or entry.routine is None:
            return
        steps = self._center.adjustments(entry.routine)
        if not steps:
            return
        adjusted = self._center.adjusted(entry.routine)
        meta = self._view.meta  # the length the user will exercise for, not the file's
        meta.setText(meta.text().replace(about_length(entry.routine), about_length(adjusted)))
        for row, exercise in zip(self._view.exercise_rows(), adjusted.exercises, strict=False):
            if exercise.adjustment:
                row.dosing.setText(f"{dosing_text(exercise)}  ·  {_(MARK)}")
                row.dosing.setToolTip(marker_text(exercise))
                row.dosing.setAccessibleDescription(marker_text(exercise))
        panel = AdjustmentsPanel(entry.routine, steps, tz=self._tz)
        panel.undo_requested.connect(self._center.undo)
        layout = self._view.details_layout
        rows = self._view.exercise_rows()
        items = ((i, layout.itemAt(i)) for i in range(layout.count()))
        first_row = next(
            (i for i, item in items if item is not None and item.widget() in rows), 0
        )
        layout.insertWidget(first_row, panel)
        self.panel = panel
