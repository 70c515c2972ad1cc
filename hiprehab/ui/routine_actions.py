"""What the user does with routine files: open (menu, dialog, recent, drop, another launch),
remove, start; and the library list they land in.

Kept apart from the window so that every way of opening a file ends in the same
`open_routine_file`, and the window only places the menus and pages these actions use.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QMenu

from hiprehab import resources
from hiprehab.i18n import _
from hiprehab.paths import AppPaths
from hiprehab.resources import ROUTINE_SUFFIX
from hiprehab.routine.errors import RoutineError
from hiprehab.routine.model import Routine
from hiprehab.routine.report import text_report
from hiprehab.routine.user_files import (
    TOML_SUFFIX,
    RoutineEntry,
    RoutineFileError,
    import_routine,
    is_inside,
    list_user_routines,
    load_entries,
    remove_user_routine,
    routine_name,
)
from hiprehab.ui.adjustment_center import AdjustmentCenter
from hiprehab.ui.dialogs import ProblemsDialog, ask, tell
from hiprehab.ui.library_view import LibraryView
from hiprehab.ui.settings import AppSettings

if TYPE_CHECKING:
    from hiprehab.ui.player.flow import SessionFlow

STATUS_MS = 10_000  # how long a note in the status bar stays


def dropped_files(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    """The local .toml files a drag carries (none: the window does not take the drop)."""
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return []
    return [
        Path(url.toLocalFile())
        for url in mime.urls()
        if url.isLocalFile() and url.toLocalFile().lower().endswith(".toml")
    ]


def builtin_renamed(path: Path) -> Path | None:
    """The built-in routine an older version listed as `routines/NAME.toml` (now
    `NAME.hiprehab.toml`), when `path` is such a name and no longer exists; else None."""
    try:
        folder = resources.routines_dir()
    except FileNotFoundError:
        return None
    if path.is_file() or path.suffix != TOML_SUFFIX or path.parent.resolve() != folder.resolve():
        return None
    renamed = folder / (routine_name(path) + ROUTINE_SUFFIX)
    return renamed if renamed.is_file() else None


class RoutineActions(QObject):
    """Opens, removes and starts routines for the window, and keeps its library list and
    "Recent routines" menu up to date."""

    def __init__(
        self,
        *,
        window: QMainWindow,
        library: LibraryView,
        flow: Callable[[], SessionFlow],  # the window's, built when first needed
        busy: Callable[[], bool],  # a session is being set up, played or wound down
        adjustments: AdjustmentCenter,
        settings: AppSettings,
        paths: AppPaths,
        load: Callable[[Path], Routine],
        show_page: Callable[[str], None],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._library = library
        self._flow, self._busy = flow, busy
        self._adjustments = adjustments
        self._settings = settings
        self._paths = paths
        self._load = load
        self._show_page = show_page
        self.recent_menu = QMenu(_("Recent routines"), window)  # the window puts it in File

    # ----- the list ------------------------------------------------------------------------
    def reload_routines(self, select: Path | None = None) -> None:
        try:
            builtin = resources.builtin_routines()
        except FileNotFoundError:
            builtin = []
        entries = load_entries(builtin, builtin=True, load=self._load)
        entries += load_entries(
            list_user_routines(self._paths.routines_dir), builtin=False, load=self._load
        )
        self._library.set_entries(entries, select=select)

    def rebuild_recent(self) -> None:
        self.recent_menu.clear()
        recent = self._settings.recent_routines()
        for number, path in enumerate(recent, start=1):
            action = self.recent_menu.addAction(f"&{number} {Path(path).name}")
            action.setToolTip(path)
            action.triggered.connect(lambda _=False, p=path: self.open_recent(Path(p)))
        self.recent_menu.setEnabled(bool(recent))

    # ----- opening -------------------------------------------------------------------------
    def choose_routine_file(self) -> None:
        dialog = QFileDialog(self._window, _("Open a routine file"), str(Path.home()))
        # a routine file's own name, and the plain .toml a physio may have written by hand
        filters = [_("Routine files (*.hiprehab.toml *.toml)"), _("All files (*)")]
        dialog.setNameFilters(filters)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.filesSelected.connect(lambda files: [self.open_routine_file(Path(f)) for f in files])
        dialog.open()

    def open_routine_file(self, path: Path) -> bool:
        """Load `path`, copy it (with its pictures) into the user's routines and select it.

        A file that fails to load shows the same lines as `hiprehab check` and changes nothing.
        """
        try:
            routine = self._load(path)
        except RoutineError as exc:
            lines = text_report(str(path), None, exc.problems)
            ProblemsDialog(path.name, lines, self._window).open()
            return False
        try:
            builtin_dir: Path | None = resources.routines_dir()
        except FileNotFoundError:
            builtin_dir = None
        if builtin_dir is not None and is_inside(path, builtin_dir):
            copy = path.resolve()
        else:
            images = [ex.image for ex in routine.exercises if ex.image is not None]
            try:
                copy = import_routine(path, images, self._paths.routines_dir)
            except RoutineFileError as exc:
                tell(
                    self._window, _("The routine could not be added"), str(exc), warning=True
                )
                return False
        self._settings.add_recent_routine(str(copy))
        self._settings.sync()
        self.rebuild_recent()
        self.reload_routines(select=copy)
        if self._busy():
            # mid-session the runner stays on the player (its keys keep working); the routine
            # waits in the library
            self._window.statusBar().showMessage(
                _(
                    "“{title}” was added to your routines. It is in the library when this "
                    "session is over."
                ).format(title=routine.title),
                STATUS_MS,
            )
        else:
            self._show_page("library")
        return True

    def open_from_another_launch(self, files: list[Path]) -> None:
        """A second `hiprehab [FILE]` (a double-clicked routine, say) handed over to this
        window: come to the front and open its files as File > Open would."""
        window = self._window
        if window.isMinimized():
            window.setWindowState(
                (window.windowState() & ~Qt.WindowState.WindowMinimized)
                | Qt.WindowState.WindowActive
            )
        window.show()
        window.raise_()
        window.activateWindow()
        QApplication.alert(window)  # where the window manager refuses to activate it: flash it
        for path in files:
            self.open_routine_file(path)

    def open_recent(self, path: Path) -> None:
        renamed = builtin_renamed(path)
        if renamed is not None:  # a built-in routine under the name older versions gave it
            self._settings.remove_recent_routine(str(path))
            path = renamed
        if not path.is_file():
            self._settings.remove_recent_routine(str(path))
            self.rebuild_recent()
            tell(
                self._window,
                _("Routine not found"),
                _("{path} no longer exists.").format(path=path),
                warning=True,
            )
            return
        self.open_routine_file(path)

    def drag_enter(self, event: QDragEnterEvent) -> None:
        if dropped_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def drop(self, event: QDropEvent) -> None:
        files = dropped_files(event)
        if not files:
            event.ignore()
            return
        event.acceptProposedAction()
        for path in files:
            self.open_routine_file(path)

    # ----- removing and starting -----------------------------------------------------------
    def confirm_remove(self, entry: RoutineEntry) -> None:
        def answer(yes: bool) -> None:
            if not yes:
                return
            try:
                remove_user_routine(entry.path, self._paths.routines_dir)
            except RoutineFileError as exc:
                tell(
                    self._window, _("The routine could not be removed"), str(exc), warning=True
                )
                return
            self._settings.remove_recent_routine(str(entry.path))
            self.rebuild_recent()
            self.reload_routines()

        ask(
            self._window,
            _("Remove routine?"),
            _(
                "Remove “{title}” from your routines? Your exercise history is kept, and you "
                "can open the file again at any time."
            ).format(title=entry.title),
            yes_text=_("Remove"),
            no_text=_("Keep it"),
            on_answer=answer,
        )

    def start_entry(self, entry: RoutineEntry) -> None:
        if entry.routine is None:
            return
        if self._flow().begin(self._adjustments.for_session(entry.routine)):
            self._show_page("player")
