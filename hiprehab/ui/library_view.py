"""The library page: built-in and the user's own routines in a list, and the chosen one's details.

The list shows title, author, exercise count and estimated length; the details pane
(`routine_details.RoutineDetails`) shows the description, the not-medical-advice note and every
exercise with its picture and dosing in words, and the Start button. Loading files and copying
them is the caller's job: this page only shows `RoutineEntry` objects and reports what the user
asks for.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hiprehab.i18n import _
from hiprehab.i18n.formats import format_number
from hiprehab.routine.model import Routine
from hiprehab.routine.user_files import RoutineEntry
from hiprehab.routine.wording import length_text
from hiprehab.ui.player.illustration import FigureSource
from hiprehab.ui.routine_details import ExerciseRow, RoutineDetails
from hiprehab.ui.routine_info import LibraryInfo
from hiprehab.ui.theme import set_font

PATH_ROLE = Qt.ItemDataRole.UserRole


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
        self._entries: dict[str, RoutineEntry] = {}
        # the routine as the user will play it (their own adjustments laid over the file)
        self.as_played: Callable[[Routine], Routine] = lambda routine: routine

        outer = QHBoxLayout(self)
        outer.setContentsMargins(16, 16, 16, 16)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        outer.addWidget(splitter)

        left = QWidget()
        left.setMinimumWidth(400)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 8, 0)
        heading = QLabel(_("Routines"))
        set_font(heading, 22, bold=True)
        left_layout.addWidget(heading)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(_("Routines"))
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels([_("Routine"), _("Author"), _("Exercises"), _("Length")])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAllColumnsShowFocus(True)
        header = self.tree.header()
        header.setStretchLastSection(False)  # the title takes the spare width, not "Length"
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        set_font(self.tree, 15)
        self.tree.setStyleSheet("QTreeWidget::item { padding: 5px 2px; }")
        self.tree.currentItemChanged.connect(self._current_changed)
        self.tree.itemActivated.connect(self._activated)
        left_layout.addWidget(self.tree, 1)
        self.open_button = QPushButton(_("&Open a routine file…"))
        self.open_button.setAccessibleName(_("Open a routine file"))
        self.open_button.setToolTip(_("Open a routine file and add it to your routines (Ctrl+O)"))
        self.open_button.setMinimumHeight(38)
        self.open_button.clicked.connect(self.open_requested)
        hint = QLabel(_("You can also drop .toml files onto this window."))
        hint.setWordWrap(True)
        left_layout.addWidget(self.open_button)
        left_layout.addWidget(hint)
        splitter.addWidget(left)

        self.routine_details = RoutineDetails(
            figures, illustrations, disclaimer, row_buttons=self.info.add_button
        )
        pane = self.routine_details  # its parts, by the names the page's users know
        self.title, self.meta, self.note = pane.title, pane.meta, pane.note
        self.start_button, self.remove_button = pane.start_button, pane.remove_button
        self.details_layout = pane.details_layout
        self.start_button.clicked.connect(self._start_clicked)
        self.remove_button.clicked.connect(self._remove_clicked)
        splitter.addWidget(pane)
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
        for label, builtin in ((_("Built-in routines"), True), (_("Your routines"), False)):
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
                empty = QTreeWidgetItem([_("None yet: open a routine file or drop one here")])
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

    def refresh_lengths(self) -> None:
        """Show each routine's length as it will be played (after the user's adjustments)."""
        for path, entry in self._entries.items():
            item = self._find(Path(path))
            if item is not None and entry.routine is not None:
                item.setText(3, length_text(self.as_played(entry.routine)))

    def _item(self, entry: RoutineEntry) -> QTreeWidgetItem:
        r = entry.routine
        if r is not None:
            count = format_number(len(r.exercises))
            columns = [r.title, r.author, count, length_text(self.as_played(r))]
        else:
            columns = [f"⚠ {entry.path.name}", "", "", _("cannot load")]
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

    # ----- the details (shown by RoutineDetails) -------------------------------------------
    def block_start(self, reason: str | None) -> None:
        """Disable Start (with `reason` as its tooltip), e.g. while a session is running."""
        self.routine_details.block_start(reason, self.current_entry())

    def show_entry(self, entry: RoutineEntry | None) -> None:
        self.routine_details.show_entry(entry)

    def exercise_rows(self) -> list[ExerciseRow]:
        return self.routine_details.exercise_rows()

    def _start_clicked(self) -> None:
        entry = self.current_entry()
        if entry is not None and entry.routine is not None:
            self.start_requested.emit(entry)

    def _remove_clicked(self) -> None:
        entry = self.current_entry()
        if entry is not None and not entry.builtin:
            self.remove_requested.emit(entry)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(1000, 600)

