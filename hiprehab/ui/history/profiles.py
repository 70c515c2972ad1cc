"""Whose history is on screen: "My history" or a person's imported (read-only) history.

The selector appears only once someone's history has been imported. Choosing a profile opens its
file read-only; a file that cannot be read is reported by name and the selector falls back to
the user's own history. While an imported history is shown, a line under the page's bar says
whose it is (`read_only_label`): in the bar itself it would crowd out the controls. Beside it,
the routine filter: all the routines of the history on screen (`fill_routine_filter`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from hiprehab.history import export_files as history_files
from hiprehab.history.store import HistoryStore, StoreError
from hiprehab.i18n import N_, _
from hiprehab.paths import AppPaths

MY_HISTORY = N_("My history")  # shown through _(): my_history()


def my_history() -> str:
    """The user's own history, as the selector names it ("Mein Verlauf")."""
    return _(MY_HISTORY)


def read_only_text(name: str) -> str:
    """Whose imported history is on screen, and that it cannot be changed."""
    return _("{name}'s history (imported, read-only)").format(name=name)


def read_only_label() -> QLabel:
    """The (hidden) line that says `read_only_text` while an imported history is shown."""
    label = QLabel()
    label.setObjectName("readOnlyNote")
    label.setWordWrap(True)
    label.hide()
    return label


class _OpenStore:
    """The imported history on screen, if any."""

    def __init__(self) -> None:
        self.store: HistoryStore | None = None

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None


class ProfileSelector(QWidget):
    """A combo box of profiles; emits `profileChosen(store_or_None, name, read_only)`.

    `None` as the store means the user's own history. The selector owns the imported stores it
    opens: it closes the previous one when another is chosen, and the last one when it goes.
    """

    profileChosen = Signal(object, str, bool)  # noqa: N815 (Qt signal naming)
    failed = Signal(str)  # a message naming the file and the fault; "" when a choice worked

    def __init__(self, paths: AppPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._paths = paths
        self._open = _OpenStore()
        self.destroyed.connect(self._open.close)  # the holder, not self: self is going then
        self.combo = QComboBox()
        self.combo.setAccessibleName(_("Whose history"))
        self.combo.currentIndexChanged.connect(self._on_index)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(_("Showing:")))
        layout.addWidget(self.combo)
        self.combo.addItem(my_history(), None)
        self.hide()

    def reload(self) -> None:
        """Re-read the imported profiles; keep the current choice if it still exists."""
        current = self.combo.currentData()
        profiles = history_files.list_profiles(self._paths)
        self.combo.blockSignals(True)
        try:
            self.combo.clear()
            self.combo.addItem(my_history(), None)
            for profile in profiles:
                self.combo.addItem(profile.name, str(profile.path))
            index = self.combo.findData(current)
            self.combo.setCurrentIndex(max(index, 0))
        finally:
            self.combo.blockSignals(False)
        self.setVisible(bool(profiles))
        if current is not None and self.combo.findData(current) < 0:
            self._switch(0)

    def names(self) -> list[str]:
        return [self.combo.itemText(i) for i in range(self.combo.count())]

    def current_name(self) -> str:
        return self.combo.currentText() or my_history()

    def choose(self, name: str | None) -> None:
        """Select a profile by its name (None: the user's own history)."""
        index = 0 if name is None else self.combo.findText(name)
        if index < 0:
            raise ValueError(f"no imported profile named {name!r}")
        self.combo.setCurrentIndex(index)

    def _on_index(self, index: int) -> None:
        self._switch(index)

    def _switch(self, index: int) -> None:
        path = self.combo.itemData(index)
        previous = self._open.store
        self._open.store = None
        self.failed.emit("")
        if path is None:
            self.profileChosen.emit(None, my_history(), False)
        else:
            try:
                self._open.store = HistoryStore.open(Path(path), read_only=True)
            except StoreError as exc:
                name = self.combo.itemText(index)
                message = _("Could not show the history of {name}: {error}")
                self.failed.emit(message.format(name=name, error=exc))
                self.combo.blockSignals(True)
                self.combo.setCurrentIndex(0)
                self.combo.blockSignals(False)
                self.profileChosen.emit(None, my_history(), False)
            else:
                self.profileChosen.emit(self._open.store, self.combo.itemText(index), True)
        if previous is not None:
            previous.close()


def fill_routine_filter(combo: QComboBox, store: HistoryStore, wanted: str | None) -> str | None:
    """Fill `combo` with "All routines" and the routines of `store`, `wanted` (a content hash)
    chosen if it is there; returns the routine chosen (None: all). Emits no signal."""
    combo.blockSignals(True)
    try:
        combo.clear()
        combo.addItem(_("All routines"), None)
        for routine_hash, title in history_files.routine_choices(store):
            combo.addItem(title, routine_hash)
        index = combo.findData(wanted)
        combo.setCurrentIndex(max(index, 0))
    finally:
        combo.blockSignals(False)
    return wanted if index >= 0 else None
