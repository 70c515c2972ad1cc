"""The window: library, player and history pages, menus, file opening and start-up questions.

Everything it needs is passed in by the composition root (`app.py`), so tests build it with a
temporary profile, a FakeClock, their own history store and a silent cue player.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections import deque
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hiprehab import __version__, resources, safety
from hiprehab.history import readiness
from hiprehab.history.store import HistoryStore, StoreError
from hiprehab.paths import AppPaths
from hiprehab.routine.errors import RoutineError
from hiprehab.routine.model import Routine
from hiprehab.routine.report import text_report
from hiprehab.routine.user_files import (
    RoutineEntry,
    RoutineFileError,
    import_routine,
    is_inside,
    list_user_routines,
    load_entries,
    remove_user_routine,
)
from hiprehab.session.clock import Clock
from hiprehab.ui.adjustment_wiring import wire_adjustments
from hiprehab.ui.dialogs import ProblemsDialog, ask, tell
from hiprehab.ui.first_run import FirstRunDialog
from hiprehab.ui.guidance_banner import GuidanceBanner
from hiprehab.ui.library_view import LibraryView
from hiprehab.ui.player.controller import FRAME_MS
from hiprehab.ui.player.cues import CueOptions, CuePlayer
from hiprehab.ui.player.flow import SessionFlow, pain_checkin
from hiprehab.ui.player.illustration import FigureSource
from hiprehab.ui.player.view import PlayerView
from hiprehab.ui.settings import THEMES, AppSettings
from hiprehab.ui.sound_settings import SoundSettingsDialog
from hiprehab.ui.theme import ThemeManager

PAGES = ("library", "player", "history")
PAGE_TITLES = {"library": "Library", "player": "Session", "history": "History"}
STARTER_ROUTINE = "gentle-start"
MIN_SIZE = QSize(1024, 640)
DEFAULT_SIZE = QSize(1280, 800)
HISTORY_MODULE = "hiprehab.ui.history.view"
STATUS_MS = 10_000  # how long a note in the status bar stays


def routine_format_doc() -> Path | None:
    """docs/routine-format.md as shipped (source checkout, wheel or bundle), if present."""
    return resources.routine_format_doc()


class MainWindow(QMainWindow):
    def __init__(
        self,
        *,
        paths: AppPaths,
        settings: AppSettings,
        clock: Clock,
        store: HistoryStore | None,
        store_message: str | None,
        cues: CuePlayer | None,
        theme: ThemeManager | None,
        figures: FigureSource,
        load: Callable[[Path], Routine],
        today: Callable[[], date] = date.today,
        frame_ms: int = FRAME_MS,
    ) -> None:
        super().__init__()
        self.paths = paths
        self.settings = settings
        self.store = store
        self.cues = cues
        self.theme = theme
        self._load = load
        self._today = today
        self._store_message = store_message
        self._history_widget: QWidget | None = None
        self._startup: deque[Callable[[], QDialog | None]] = deque()
        self.dialog: QDialog | None = None  # the start-up question on screen, if any
        self._close_confirmed = False  # closing mid-session was confirmed: do not ask again
        self.setWindowTitle("hiprehab")
        self.setAcceptDrops(True)

        try:
            illustrations: Path | None = resources.illustrations_dir()
        except FileNotFoundError:
            illustrations = None
        self.fullscreen_action = QAction("Full screen", self)
        self.fullscreen_action.setCheckable(True)
        self.fullscreen_action.setShortcut(QKeySequence(Qt.Key.Key_F11))
        self.fullscreen_action.setToolTip("Full screen on or off (F11)")
        self.fullscreen_action.triggered.connect(self.set_full_screen)

        self.library = LibraryView(figures, illustrations, safety.DISCLAIMER)
        self.player = PlayerView(figures, self.fullscreen_action)
        self.history_page = QWidget()
        QVBoxLayout(self.history_page).setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName("Pages")
        self.guidance_banner = GuidanceBanner()
        library_page = QWidget()
        column = QVBoxLayout(library_page)
        column.setContentsMargins(12, 10, 12, 0)
        column.addWidget(self.guidance_banner)
        column.addWidget(self.library, 1)
        pages = (library_page, self.player, self.history_page)
        for name, page in zip(PAGES, pages, strict=True):
            self.tabs.addTab(page, PAGE_TITLES[name])
        self.setCentralWidget(self.tabs)

        self.flow = SessionFlow(
            host=self,
            player=self.player,
            clock=clock,
            store=store,
            cue_handler=cues.handle if cues is not None else None,
            frame_ms=frame_ms,
            guidance=lambda: readiness.current_guidance(self.store),
        )
        self.flow.active_changed.connect(self._session_active)
        self.flow.start_cancelled.connect(lambda: self.show_page("library"))
        self.flow.store_failed.connect(self._store_failed)
        self.flow.summary_shown.connect(self._refresh_history)
        # the user's own steps over routine files, and their list on the routine page
        self.adjustments, self.routine_adjustments = wire_adjustments(self)

        self.library.start_requested.connect(self.start_entry)
        self.library.remove_requested.connect(self.confirm_remove)
        self.library.open_requested.connect(self.choose_routine_file)
        self.player.library_requested.connect(lambda: self.show_page("library"))
        self.player.history_requested.connect(lambda: self.show_page("history"))
        self.tabs.currentChanged.connect(self._page_changed)

        self._build_menus()
        self.statusBar().setSizeGripEnabled(False)  # made now so no page jumps when it is used
        self.reload_routines()
        self.guidance_banner.show_guidance(readiness.current_guidance(store))
        self._restore_window()

    # ----- menus -------------------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.open_action = file_menu.addAction("&Open routine…")
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self.choose_routine_file)
        self.recent_menu = QMenu("Recent routines", self)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        quit_action = file_menu.addAction("&Quit")
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self._rebuild_recent()

        view = bar.addMenu("&View")
        for number, name in enumerate(PAGES, start=1):
            action = view.addAction(PAGE_TITLES[name])
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _=False, n=name: self.show_page(n))
        view.addSeparator()
        view.addAction(self.fullscreen_action)
        theme_menu = view.addMenu("&Theme")
        self.theme_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        current = self.settings.theme()
        for name in THEMES:
            action = theme_menu.addAction(name.capitalize())
            action.setCheckable(True)
            action.setChecked(name == current)
            action.setEnabled(self.theme is not None)
            action.triggered.connect(lambda _=False, n=name: self.set_theme(n))
            group.addAction(action)
            self.theme_actions[name] = action
        self.sound_action = view.addAction("&Sound settings…")
        self.sound_action.setEnabled(self.cues is not None)
        self.sound_action.triggered.connect(self.show_sound_settings)

        help_menu = bar.addMenu("&Help")
        doc = help_menu.addAction("&Routine format")
        doc.setShortcut(QKeySequence.StandardKey.HelpContents)
        doc.triggered.connect(self.show_routine_format)
        about = help_menu.addAction("&About hiprehab")
        about.triggered.connect(self.show_about)

    def _rebuild_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_routines()
        for number, path in enumerate(recent, start=1):
            action = self.recent_menu.addAction(f"&{number} {Path(path).name}")
            action.setToolTip(path)
            action.triggered.connect(lambda _=False, p=path: self.open_recent(Path(p)))
        self.recent_menu.setEnabled(bool(recent))

    # ----- pages -------------------------------------------------------------------------
    def show_page(self, name: str) -> None:
        self.tabs.setCurrentIndex(PAGES.index(name))

    @property
    def current_page(self) -> str:
        return PAGES[self.tabs.currentIndex()]

    def _page_changed(self, index: int) -> None:
        if PAGES[index] == "history":
            self._ensure_history()

    def _ensure_history(self) -> QWidget:
        """Build the history page on first view: it pulls in pyqtgraph, which start-up avoids."""
        if self._history_widget is not None:
            return self._history_widget
        widget: QWidget
        if self.store is None:
            widget = self._placeholder(
                "Your history is not available this time, so sessions are not being saved."
                + (f"\n\n{self._store_message}" if self._store_message else "")
            )
        elif importlib.util.find_spec(HISTORY_MODULE) is None:
            widget = self._placeholder("The history page is not part of this version yet.")
        else:
            module = importlib.import_module(HISTORY_MODULE)
            view = module.HistoryView(self.store, self.paths)
            view.set_adjustments(self.adjustments)
            widget = view
        layout = self.history_page.layout()
        assert layout is not None
        layout.addWidget(widget)
        self._history_widget = widget
        return widget

    @staticmethod
    def _placeholder(text: str) -> QWidget:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setMargin(48)
        return label

    def _refresh_history(self) -> None:
        self.guidance_banner.show_guidance(readiness.current_guidance(self.store))
        refresh = getattr(self._history_widget, "refresh", None)
        if callable(refresh):
            refresh()

    # ----- window state --------------------------------------------------------------------
    def _restore_window(self) -> None:
        screen = QGuiApplication.primaryScreen()
        available = screen.availableGeometry().size() if screen is not None else DEFAULT_SIZE
        self.setMinimumSize(
            min(MIN_SIZE.width(), available.width()), min(MIN_SIZE.height(), available.height())
        )
        geometry = self.settings.geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(
                min(DEFAULT_SIZE.width(), available.width()),
                min(DEFAULT_SIZE.height(), available.height()),
            )
        page = self.settings.last_page()
        self.show_page(page if page in PAGES else "library")

    def set_full_screen(self, on: bool) -> None:
        if on:
            self.showFullScreen()
        else:
            self.showNormal()
        self.fullscreen_action.setChecked(on)

    def save_state(self) -> None:
        self.settings.set_geometry(self.saveGeometry())
        self.settings.set_last_page(self.current_page)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        """Closing (or Quit) mid-session asks first, as Stop does; Keep going cancels it."""
        if not self._close_confirmed and self.flow.active:
            event.ignore()
            self.flow.confirm_quit(self._quit_confirmed)
            return
        self.flow.abandon()
        self.save_state()
        super().closeEvent(event)

    def _quit_confirmed(self) -> None:
        self._close_confirmed = True
        self.close()

    # ----- routines ------------------------------------------------------------------------
    def reload_routines(self, select: Path | None = None) -> None:
        try:
            builtin = sorted(resources.routines_dir().glob("*.toml"))
        except FileNotFoundError:
            builtin = []
        entries = load_entries(builtin, builtin=True, load=self._load)
        entries += load_entries(
            list_user_routines(self.paths.routines_dir), builtin=False, load=self._load
        )
        self.library.set_entries(entries, select=select)

    def choose_routine_file(self) -> None:
        dialog = QFileDialog(self, "Open a routine file", str(Path.home()))
        dialog.setNameFilters(["Routine files (*.toml)", "All files (*)"])
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
            ProblemsDialog(path.name, lines, self).open()
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
                copy = import_routine(path, images, self.paths.routines_dir)
            except RoutineFileError as exc:
                tell(self, "The routine could not be added", str(exc), warning=True)
                return False
        self.settings.add_recent_routine(str(copy))
        self.settings.sync()
        self._rebuild_recent()
        self.reload_routines(select=copy)
        if self.flow.busy:
            # mid-session the runner stays on the player (its keys keep working); the routine
            # waits in the library
            self.statusBar().showMessage(
                f"“{routine.title}” was added to your routines. It is in the library when "
                "this session is over.",
                STATUS_MS,
            )
        else:
            self.show_page("library")
        return True

    def open_from_another_launch(self, files: list[Path]) -> None:
        """A second `hiprehab [FILE]` (a double-clicked routine, say) handed over to this
        window: come to the front and open its files as File > Open would."""
        if self.isMinimized():
            self.setWindowState(
                (self.windowState() & ~Qt.WindowState.WindowMinimized)
                | Qt.WindowState.WindowActive
            )
        self.show()
        self.raise_()
        self.activateWindow()
        QApplication.alert(self)  # where the window manager refuses to activate it: flash it
        for path in files:
            self.open_routine_file(path)

    def open_recent(self, path: Path) -> None:
        if not path.is_file():
            self.settings.remove_recent_routine(str(path))
            self._rebuild_recent()
            tell(self, "Routine not found", f"{path} no longer exists.", warning=True)
            return
        self.open_routine_file(path)

    def confirm_remove(self, entry: RoutineEntry) -> None:
        def answer(yes: bool) -> None:
            if not yes:
                return
            try:
                remove_user_routine(entry.path, self.paths.routines_dir)
            except RoutineFileError as exc:
                tell(self, "The routine could not be removed", str(exc), warning=True)
                return
            self.settings.remove_recent_routine(str(entry.path))
            self._rebuild_recent()
            self.reload_routines()

        ask(
            self,
            "Remove routine?",
            f"Remove “{entry.title}” from your routines? Your exercise history is kept, "
            "and you can open the file again at any time.",
            yes_text="Remove",
            no_text="Keep it",
            on_answer=answer,
        )

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt override)
        if self._dropped_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt override)
        files = self._dropped_files(event)
        if not files:
            event.ignore()
            return
        event.acceptProposedAction()
        for path in files:
            self.open_routine_file(path)

    @staticmethod
    def _dropped_files(event: QDragEnterEvent | QDropEvent) -> list[Path]:
        mime = event.mimeData()
        if mime is None or not mime.hasUrls():
            return []
        return [
            Path(url.toLocalFile())
            for url in mime.urls()
            if url.isLocalFile() and url.toLocalFile().lower().endswith(".toml")
        ]

    # ----- sessions ------------------------------------------------------------------------
    def start_entry(self, entry: RoutineEntry) -> None:
        if entry.routine is None:
            return
        if self.flow.begin(self.adjustments.for_session(entry.routine)):
            self.show_page("player")

    def _session_active(self, active: bool) -> None:
        self.library.block_start(
            "A session is under way: finish or stop it first" if active else None
        )

    def _store_failed(self, message: str) -> None:
        tell(
            self,
            "History not saved",
            f"{message}\n\nYou can keep exercising; this session will not be in your history.",
            warning=True,
        )

    # ----- start-up questions --------------------------------------------------------------
    def run_startup(self) -> None:
        """Show, one after another: a history problem, the welcome, the morning question."""
        self._startup.extend(
            [self._store_notice_dialog, self._first_run_dialog, self._morning_dialog]
        )
        self._next_startup()

    def _next_startup(self) -> None:
        self.dialog = None
        while self._startup:
            dialog = self._startup.popleft()()
            if dialog is not None:
                self.dialog = dialog
                dialog.finished.connect(lambda _code: self._next_startup())
                return

    def _store_notice_dialog(self) -> QDialog | None:
        if not self._store_message:
            return None
        return tell(self, "Your exercise history", self._store_message, warning=True)

    def _starter_entry(self) -> RoutineEntry | None:
        builtins = [e for e in self.library.entries() if e.builtin and e.routine is not None]
        named = [e for e in builtins if e.path.stem == STARTER_ROUTINE]
        chosen = named or builtins
        return chosen[0] if chosen else None

    def _first_run_dialog(self) -> QDialog | None:
        if self.settings.first_run_done():
            return None
        starter = self._starter_entry()
        dialog = FirstRunDialog(
            disclaimer=safety.DISCLAIMER,
            red_flags=safety.RED_FLAGS,
            see_clinician=safety.SEE_CLINICIAN,
            starter_title=starter.title if starter else None,
            parent=self,
        )

        def chosen(wants_starter: bool) -> None:
            # remembered only now it has been answered: a crash while it is on screen shows
            # it again next time
            self.settings.set_first_run_done()
            self.settings.sync()
            if wants_starter and starter is not None:
                self.show_page("library")
                self.library.select(starter.path)

        dialog.chosen.connect(chosen)
        dialog.open()
        return dialog

    def _morning_dialog(self) -> QDialog | None:
        store = self.store
        if store is None:
            return None
        try:
            record = store.session_awaiting_morning_pain(self._today())
        except StoreError as exc:
            self._store_failed(str(exc))
            return None
        if record is None:
            return None
        day = record.started_at.astimezone().strftime("%A %d %B")
        dialog = pain_checkin(
            self,
            "How is your hip this morning?",
            f"After your “{record.routine_title}” session on {day}. Pain that has settled by "
            "the next morning means the load suits you.",
        )

        def answered(value: int | None, _note: str) -> None:
            try:
                if value is not None:
                    store.set_pain_next_morning(record.id, value)
                store.mark_morning_asked(record.id)
            except StoreError as exc:
                self._store_failed(str(exc))
            self._refresh_history()

        dialog.answered.connect(answered)
        dialog.open()
        return dialog

    # ----- view settings -------------------------------------------------------------------
    def set_theme(self, name: str) -> None:
        if self.theme is None:
            return
        self.theme.apply(name)
        self.settings.set_theme(name)
        self.settings.sync()
        self.theme_actions[name].setChecked(True)

    def show_sound_settings(self) -> SoundSettingsDialog | None:
        cues = self.cues
        if cues is None:
            return None
        dialog = SoundSettingsDialog(
            cues.options,
            sound_available=cues.sound_available,
            speech_available=cues.speech_available,
            parent=self,
        )
        dialog.changed.connect(self.apply_cue_options)
        dialog.open()
        return dialog

    def apply_cue_options(self, options: CueOptions) -> None:
        if self.cues is not None:
            self.cues.set_options(options)
        self.settings.set_cues(
            sound_on=options.sound_on, voice_on=options.voice_on, volume=options.volume
        )
        self.settings.sync()

    # ----- help ----------------------------------------------------------------------------
    def show_routine_format(self) -> QDialog:
        doc = routine_format_doc()
        dialog = QDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowTitle("Routine file format")
        dialog.resize(820, 640)
        layout = QVBoxLayout(dialog)
        browser = QTextBrowser()
        browser.setOpenExternalLinks(True)
        if doc is not None:
            browser.setMarkdown(doc.read_text(encoding="utf-8"))
        else:
            browser.setMarkdown(
                "# Routine files\n\nA routine is a small TOML file with a `title` and a list of "
                "`[[exercise]]` tables. Run `hiprehab check FILE.toml` to check one; the full "
                "description of the format is in `docs/routine-format.md` of the source code."
            )
        layout.addWidget(browser)
        dialog.open()
        return dialog

    def show_about(self) -> QDialog:
        return tell(
            self,
            "About hiprehab",
            f"hiprehab {__version__}\n\nGuided home exercise routines for runners with hip pain."
            f"\n\n{safety.DISCLAIMER}",
        )
