"""The library page: built-in and the user's own routines, and the chosen one's details.

The list shows title, author, exercise count and estimated length; the details panel shows the
description, the not-medical-advice note and every exercise with its picture and dosing in
words, and the Start button. Loading files and copying them is the caller's job: this page only
shows `RoutineEntry` objects and reports what the user asks for.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hiprehab.routine.model import Exercise
from hiprehab.routine.user_files import RoutineEntry
from hiprehab.routine.wording import dosing_text, length_text, plural
from hiprehab.ui.player.illustration import FigureSource, card_colour, thumbnail
from hiprehab.ui.routine_info import LibraryInfo

THUMB = QSize(112, 84)
PATH_ROLE = Qt.ItemDataRole.UserRole
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


def _font(widget: QWidget, pixels: int, bold: bool = False) -> None:
    font = QFont(widget.font())
    font.setPixelSize(pixels)
    font.setBold(bold)
    widget.setFont(font)


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
        self.picture = QLabel()
        self.picture.setFixedSize(THUMB)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if self._draw_picture():
            self.picture.setAccessibleName(f"Picture of {exercise.name}")
        else:
            self.picture.setText(exercise.name)
            self.picture.setWordWrap(True)
            self.picture.setFrameShape(QFrame.Shape.StyledPanel)
        layout.addWidget(self.picture)
        text = QVBoxLayout()
        text.setSpacing(2)
        optional = " (optional)" if exercise.optional else ""
        self.name = QLabel(f"{number}. {exercise.name}{optional}")
        _font(self.name, 17, bold=True)
        self.dosing = QLabel(dosing_text(exercise))
        _font(self.dosing, 15)
        text.addWidget(self.name)
        text.addWidget(self.dosing)
        if exercise.instructions.strip():
            first = exercise.instructions.strip().split("\n\n")[0].replace("\n", " ")
            info = QLabel(first)
            info.setWordWrap(True)
            info.setForegroundRole(self.foregroundRole())
            _font(info, 13)
            text.addWidget(info)
        text.addStretch(1)
        layout.addLayout(text, 1)

    def _draw_picture(self) -> bool:
        """(Re)draw the thumbnail on the card of the current palette; False if there is none."""
        palette = self.palette()
        ratio = self.devicePixelRatioF()
        size = QSize(int(THUMB.width() * ratio), int(THUMB.height() * ratio))
        pixmap = thumbnail(
            self._exercise, self._figures, self._illustrations, size, palette=palette
        )
        if pixmap is None:
            return False
        pixmap.setDevicePixelRatio(ratio)
        self.picture.setPixmap(pixmap)
        self._card = card_colour(palette)
        return True

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """A new theme (or system palette): redraw the picture on the new card at once."""
        super().changeEvent(event)
        if (
            event.type() == QEvent.Type.PaletteChange
            and self._card is not None
            and card_colour(self.palette()) != self._card
        ):
            self._draw_picture()


class LibraryView(QWidget):
    """Routine list on the left, details on the right."""

    start_requested = Signal(object)  # RoutineEntry
    remove_requested = Signal(object)  # RoutineEntry
    open_requested = Signal()
    selection_changed = Signal(object)  # RoutineEntry | None

    def __init__(
        self,
        figures: FigureSource,
        illustrations: Path | None,
        disclaimer: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("library")
        self.info = LibraryInfo(self, figures, illustrations)  # I, and a button on each row
        self._figures = figures
        self._illustrations = illustrations
        self._disclaimer = disclaimer
        self._entries: dict[str, RoutineEntry] = {}
        self._start_block: str | None = None

        outer = QHBoxLayout(self)
        outer.setContentsMargins(16, 16, 16, 16)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        outer.addWidget(splitter)

        left = QWidget()
        left.setMinimumWidth(400)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 8, 0)
        heading = QLabel("Routines")
        _font(heading, 22, bold=True)
        left_layout.addWidget(heading)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Routines")
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(["Routine", "Author", "Exercises", "Length"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAllColumnsShowFocus(True)
        header = self.tree.header()
        header.setStretchLastSection(False)  # the title takes the spare width, not "Length"
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        _font(self.tree, 15)
        self.tree.setStyleSheet("QTreeWidget::item { padding: 5px 2px; }")
        self.tree.currentItemChanged.connect(self._current_changed)
        self.tree.itemActivated.connect(self._activated)
        left_layout.addWidget(self.tree, 1)
        self.open_button = QPushButton("&Open a routine file…")
        self.open_button.setAccessibleName("Open a routine file")
        self.open_button.setToolTip("Open a routine file and add it to your routines (Ctrl+O)")
        self.open_button.setMinimumHeight(38)
        self.open_button.clicked.connect(self.open_requested)
        hint = QLabel("You can also drop .toml files onto this window.")
        hint.setWordWrap(True)
        left_layout.addWidget(self.open_button)
        left_layout.addWidget(hint)
        splitter.addWidget(left)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(16, 0, 0, 0)
        right_layout.setSpacing(10)
        top = QHBoxLayout()
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setAccessibleName("Routine title")
        _font(self.title, 28, bold=True)
        top.addWidget(self.title, 1)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setAccessibleName("Remove this routine")
        self.remove_button.setToolTip(
            "Remove this routine from your routines; your history is kept (Delete)"
        )
        self.remove_button.setShortcut(Qt.Key.Key_Delete)
        self.remove_button.clicked.connect(self._remove_clicked)
        self.start_button = QPushButton("Start")
        self.start_button.setAccessibleName("Start this routine")
        self.start_button.setShortcut("Ctrl+Return")
        _font(self.start_button, 20, bold=True)
        self.start_button.setMinimumSize(160, 52)
        self.start_button.setObjectName("startButton")
        self.start_button.setStyleSheet(START_STYLE)
        self.start_button.clicked.connect(self._start_clicked)
        self.remove_button.setMinimumHeight(52)
        top.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignTop)
        right_layout.addLayout(top)
        self.meta = QLabel()
        self.meta.setAccessibleName("Routine facts")
        _font(self.meta, 15)
        right_layout.addWidget(self.meta)

        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.details = QWidget()
        self.details_layout = QVBoxLayout(self.details)
        self.details_layout.setContentsMargins(0, 0, 12, 0)
        self.scroller.setWidget(self.details)
        right_layout.addWidget(self.scroller, 1)

        self.note = QLabel(self._disclaimer)
        self.note.setObjectName("disclaimer")
        self.note.setWordWrap(True)
        self.note.setAccessibleName("Not medical advice")
        self.note.setStyleSheet(NOTE_STYLE)
        _font(self.note, 13)
        right_layout.addWidget(self.note)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 6)
        splitter.setSizes([420, 620])
        self.show_entry(None)

    # ----- the list ----------------------------------------------------------------------
    def set_entries(self, entries: list[RoutineEntry], select: Path | None = None) -> None:
        """Replace the list; keeps (or moves to `select`) the current choice where it can."""
        current = self.current_entry()
        keep = select or (current.path if current is not None else None)
        self.tree.blockSignals(True)
        self.tree.clear()
        self._entries = {}
        groups = []
        for label, builtin in (("Built-in routines", True), ("Your routines", False)):
            group = QTreeWidgetItem([label])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            f = QFont(self.tree.font())
            f.setBold(True)
            group.setFont(0, f)
            self.tree.addTopLevelItem(group)
            group.setFirstColumnSpanned(True)
            groups.append(group)
            mine = [e for e in entries if e.builtin == builtin]
            for entry in mine:
                group.addChild(self._item(entry))
            if not mine:
                empty = QTreeWidgetItem(["None yet: open a routine file or drop one here"])
                empty.setFlags(Qt.ItemFlag.NoItemFlags)
                group.addChild(empty)
                empty.setFirstColumnSpanned(True)
            group.setExpanded(True)
        self.tree.blockSignals(False)
        target = self._find(keep) if keep else None
        if target is None:
            firsts = (g.child(0) for g in groups if g.childCount())
            target = next((c for c in firsts if c is not None and c.data(0, PATH_ROLE)), None)
        if target is not None:
            self.tree.setCurrentItem(target)
        else:
            self.show_entry(None)

    def _item(self, entry: RoutineEntry) -> QTreeWidgetItem:
        r = entry.routine
        if r is not None:
            columns = [r.title, r.author, str(len(r.exercises)), length_text(r)]
        else:
            columns = [f"⚠ {entry.path.name}", "", "", "cannot load"]
        item = QTreeWidgetItem(columns)
        item.setData(0, PATH_ROLE, str(entry.path))
        item.setToolTip(0, str(entry.path))
        for col in (2, 3):
            item.setTextAlignment(col, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._entries[str(entry.path)] = entry
        return item

    def _find(self, path: Path) -> QTreeWidgetItem | None:
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            if group is None:
                continue
            for i in range(group.childCount()):
                child = group.child(i)
                if child is not None and child.data(0, PATH_ROLE) == str(path):
                    return child
        return None

    def entries(self) -> list[RoutineEntry]:
        return list(self._entries.values())

    def select(self, path: Path) -> bool:
        item = self._find(path)
        if item is None:
            return False
        self.tree.setCurrentItem(item)
        return True

    def current_entry(self) -> RoutineEntry | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        return self._entries.get(str(item.data(0, PATH_ROLE)))

    def _current_changed(self, item: QTreeWidgetItem | None, _previous: object) -> None:
        entry = self._entries.get(str(item.data(0, PATH_ROLE))) if item is not None else None
        self.show_entry(entry)
        self.selection_changed.emit(entry)

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        entry = self._entries.get(str(item.data(0, PATH_ROLE)))
        if entry is not None and self.start_button.isEnabled():
            self.start_requested.emit(entry)

    # ----- the details -------------------------------------------------------------------
    def block_start(self, reason: str | None) -> None:
        """Disable Start (with `reason` as its tooltip), e.g. while a session is running."""
        self._start_block = reason
        self._update_buttons(self.current_entry())

    def _update_buttons(self, entry: RoutineEntry | None) -> None:
        can_start = entry is not None and entry.routine is not None and not self._start_block
        self.start_button.setEnabled(can_start)
        if self._start_block:
            self.start_button.setToolTip(self._start_block)
        else:
            self.start_button.setToolTip("Start this routine (Ctrl+Enter, or Enter in the list)")
        self.remove_button.setVisible(entry is not None and not entry.builtin)

    def _clear_details(self) -> None:
        self._rows: list[ExerciseRow] = []
        while self.details_layout.count():
            child = self.details_layout.takeAt(0)
            widget = child.widget() if child is not None else None
            if widget is not None:
                widget.hide()  # gone now, not only once the event loop deletes it
                widget.deleteLater()

    def show_entry(self, entry: RoutineEntry | None) -> None:
        self._clear_details()
        self._update_buttons(entry)
        self.note.setVisible(entry is not None)
        if entry is None:
            self.title.setText("Choose a routine")
            self.meta.setText("")
            return
        routine = entry.routine
        if routine is None:
            self.title.setText(entry.path.name)
            self.meta.setText("This file cannot be loaded.")
            lines = [p.describe() for p in entry.error.problems] if entry.error else []
            text = QLabel(
                "<br>".join(html.escape(line) for line in lines)
                + f"<br><br>File: {html.escape(str(entry.path))}"
            )
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.details_layout.addWidget(text)
            self.details_layout.addStretch(1)
            return
        self.title.setText(routine.title)
        facts = [
            f"By {routine.author}" if routine.author else "",
            plural(len(routine.exercises), "exercise"),
            f"about {length_text(routine)}",
            f"{plural(routine.sessions_per_week, 'session')} a week",
            "built in" if entry.builtin else "your routine",
        ]
        self.meta.setText("  ·  ".join(f for f in facts if f))
        if routine.description.strip():
            description = QLabel(" ".join(routine.description.split()))
            description.setWordWrap(True)
            description.setAccessibleName("Description")
            _font(description, 15)
            self.details_layout.addWidget(description)
            self.details_layout.addSpacing(6)
        for number, exercise in enumerate(routine.exercises, start=1):
            row = ExerciseRow(number, exercise, self._figures, self._illustrations)
            self._rows.append(row)
            self.info.add_button(row, exercise, number - 1)
            self.details_layout.addWidget(row)
        self.details_layout.addStretch(1)

    def exercise_rows(self) -> list[ExerciseRow]:
        return list(self._rows)

    def _start_clicked(self) -> None:
        entry = self.current_entry()
        if entry is not None and entry.routine is not None:
            self.start_requested.emit(entry)

    def _remove_clicked(self) -> None:
        entry = self.current_entry()
        if entry is not None and not entry.builtin:
            self.remove_requested.emit(entry)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "note"):
            self.start_button.setStyleSheet(START_STYLE)  # their palette(...) colours, anew
            self.note.setStyleSheet(NOTE_STYLE)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(1000, 600)

