"""The window: library, player and history pages, menus and window state, and the parts it is
composed of.

What the user does with routine files is `RoutineActions`' job and the questions at start-up
`StartupQuestions`'; the window places their menus and keeps its public methods as delegates.
Everything it needs is passed in by the composition root (`app.py`), so tests build it with a
temporary profile, a FakeClock, their own history store and a silent cue player.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QPaintEvent,
)
from PySide6.QtWidgets import QDialog, QLabel, QMainWindow, QTabWidget, QVBoxLayout, QWidget

from hiprehab import resources, safety
from hiprehab.history.store import HistoryStore
from hiprehab.i18n import N_, _, current_language
from hiprehab.paths import AppPaths
from hiprehab.routine.model import Routine
from hiprehab.routine.user_files import RoutineEntry
from hiprehab.session.clock import Clock
from hiprehab.ui.adjustment_wiring import wire_adjustments
from hiprehab.ui.dialogs import tell
from hiprehab.ui.guidance_banner import GuidanceBanner
from hiprehab.ui.library_view import LibraryView
from hiprehab.ui.player.cues import CueOptions, CuePlayer
from hiprehab.ui.player.illustration import FigureSource
from hiprehab.ui.routine_actions import RoutineActions
from hiprehab.ui.settings import AppSettings
from hiprehab.ui.startup_questions import StartupQuestions
from hiprehab.ui.theme import ThemeManager
from hiprehab.ui.window_menus import build_menus

if TYPE_CHECKING:
    from hiprehab.history.guidance import PainGuidance
    from hiprehab.ui.player.flow import SessionFlow
    from hiprehab.ui.player.view import PlayerView
    from hiprehab.ui.sound_settings import SoundSettingsDialog

PAGES = ("library", "player", "history")
PAGE_TITLES = {"library": N_("Library"), "player": N_("Session"), "history": N_("History")}
MIN_SIZE = QSize(1024, 640)
DEFAULT_SIZE = QSize(1280, 800)
HISTORY_MODULE = "hiprehab.ui.history.view"


class MainWindow(QMainWindow):
    settled = Signal()  # the start-up work that could wait until the window was painted is done
    player_built = Signal()  # the Session page (`player` and `flow`) exists now

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
        frame_ms: int | None = None,  # None: the player's own
    ) -> None:
        super().__init__()
        self.paths = paths
        self.settings = settings
        self.store = store
        self.cues = cues
        self.theme = theme
        self._store_message = store_message
        self._history_widget: QWidget | None = None
        self._close_confirmed = False  # closing mid-session was confirmed: do not ask again
        self._session_args = (clock, frame_ms)
        self._player: PlayerView | None = None  # the Session page, built when first needed
        self._flow: SessionFlow | None = None
        self.is_settled = self._painted = False  # see `settle`
        self.setWindowTitle("hiprehab")
        self.setAcceptDrops(True)

        try:
            illustrations: Path | None = resources.illustrations_dir()
        except FileNotFoundError:
            illustrations = None
        self.figures = figures  # the drawn figures, built as they are first shown
        self.library = LibraryView(figures, illustrations, _(safety.DISCLAIMER))
        self.player_page, self.history_page = QWidget(), QWidget()  # filled when first needed
        for page in (self.player_page, self.history_page):
            QVBoxLayout(page).setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName(_("Pages"))
        self.guidance_banner = GuidanceBanner()
        library_page = QWidget()
        column = QVBoxLayout(library_page)
        column.setContentsMargins(12, 10, 12, 0)
        column.addWidget(self.guidance_banner)
        column.addWidget(self.library, 1)
        pages = (library_page, self.player_page, self.history_page)
        for name, page in zip(PAGES, pages, strict=True):
            self.tabs.addTab(page, _(PAGE_TITLES[name]))
        self.setCentralWidget(self.tabs)

        # the user's own steps over routine files, and their list on the routine page
        self.adjustments, self.routine_adjustments = wire_adjustments(self)
        # opening, removing and starting routines, and the start-up questions
        self.routine_actions = RoutineActions(
            window=self,
            library=self.library,
            flow=lambda: self.flow,
            busy=lambda: self._flow is not None and self._flow.busy,
            adjustments=self.adjustments,
            settings=settings,
            paths=paths,
            load=load,
            show_page=self.show_page,
        )
        self.recent_menu = self.routine_actions.recent_menu
        self.startup = StartupQuestions(
            parent=self,
            settings=settings,
            store=store,
            store_message=store_message,
            library=self.library,
            show_page=self.show_page,
            store_failed=self._store_failed,
            history_changed=self._refresh_history,
            today=today,
        )

        self.library.start_requested.connect(self.routine_actions.start_entry)
        self.library.remove_requested.connect(self.routine_actions.confirm_remove)
        self.library.open_requested.connect(self.routine_actions.choose_routine_file)
        self.tabs.currentChanged.connect(self._page_changed)

        menus = build_menus(self)
        self.open_action, self.sound_action = menus.open_action, menus.sound_action
        self.theme_actions, self.fullscreen_action = menus.theme_actions, menus.fullscreen
        self.statusBar().setSizeGripEnabled(False)  # made now so no page jumps when it is used
        self.reload_routines()
        self._restore_window()

    # ----- after the first paint -----------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self, self.settle)  # once this first frame is on screen

    def settle(self) -> None:
        """The start-up work that can wait until the window is on screen (once): the pain
        guidance above the library, which reads the whole history. Then `settled` is emitted
        (the app removes what a killed import left then)."""
        if not self.is_settled:
            self.is_settled = True
            self.guidance_banner.show_guidance(self._guidance())
            self.settled.emit()

    # ----- the Session page: built when first shown or a session starts ---------------------
    @property
    def player(self) -> PlayerView:
        return self._build_player()[0]

    @property
    def flow(self) -> SessionFlow:
        return self._build_player()[1]

    @property
    def built_flow(self) -> SessionFlow | None:
        """The session flow if the Session page has been built (else nothing is under way)."""
        return self._flow

    def _build_player(self) -> tuple[PlayerView, SessionFlow]:
        if self._player is None or self._flow is None:
            from hiprehab.ui.session_page import build_session_page

            self._player, self._flow = build_session_page(self, *self._session_args)
            self.player_built.emit()
        return self._player, self._flow

    def _guidance(self) -> PainGuidance | None:
        from hiprehab.history.readiness import current_guidance

        return current_guidance(self.store)

    # ----- pages -------------------------------------------------------------------------
    def show_page(self, name: str) -> None:
        self.tabs.setCurrentIndex(PAGES.index(name))

    @property
    def current_page(self) -> str:
        return PAGES[self.tabs.currentIndex()]

    def _page_changed(self, index: int) -> None:
        if PAGES[index] == "history":
            self._ensure_history()
        elif PAGES[index] == "player":
            self._build_player()

    def _ensure_history(self) -> QWidget:
        """Build the history page on first view: it pulls in pyqtgraph, which start-up avoids."""
        if self._history_widget is not None:
            return self._history_widget
        widget: QWidget
        if self.store is None:
            widget = self._placeholder(
                _("Your history is not available this time, so sessions are not being saved.")
                + (f"\n\n{self._store_message}" if self._store_message else "")
            )
        elif importlib.util.find_spec(HISTORY_MODULE) is None:
            widget = self._placeholder(_("The history page is not part of this version yet."))
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
        self.guidance_banner.show_guidance(self._guidance())
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
        flow = self._flow
        if not self._close_confirmed and flow is not None and flow.active:
            event.ignore()
            flow.confirm_quit(self._quit_confirmed)
            return
        if flow is not None:
            flow.abandon()
        self.save_state()
        super().closeEvent(event)

    def _quit_confirmed(self) -> None:
        self._close_confirmed = True
        self.close()

    # ----- routines (done by RoutineActions) ------------------------------------------------
    def reload_routines(self, select: Path | None = None) -> None:
        self.routine_actions.reload_routines(select)

    def choose_routine_file(self) -> None:
        self.routine_actions.choose_routine_file()

    def open_routine_file(self, path: Path) -> bool:
        """Load `path`, copy it into the user's routines and select it (False: it was not)."""
        return self.routine_actions.open_routine_file(path)

    def open_from_another_launch(self, files: list[Path]) -> None:
        self.routine_actions.open_from_another_launch(files)

    def open_recent(self, path: Path) -> None:
        self.routine_actions.open_recent(path)

    def confirm_remove(self, entry: RoutineEntry) -> None:
        self.routine_actions.confirm_remove(entry)

    def start_entry(self, entry: RoutineEntry) -> None:
        self.routine_actions.start_entry(entry)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt override)
        self.routine_actions.drag_enter(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt override)
        self.routine_actions.drop(event)

    # ----- sessions ------------------------------------------------------------------------
    def _session_active(self, active: bool) -> None:
        if active and self.cues is not None:
            self.cues.prepare()  # the sounds load while the question before it is on screen
        self.library.block_start(
            _("A session is under way: finish or stop it first") if active else None
        )

    def _store_failed(self, message: str) -> None:
        tell(
            self,
            _("History not saved"),
            _("{message}\n\nYou can keep exercising; this session will not be in your history.")
            .format(message=message),
            warning=True,
        )

    # ----- start-up questions (asked by StartupQuestions) ----------------------------------
    def run_startup(self) -> None:
        """Show, one after another: a history problem, the welcome, the morning question."""
        self.startup.run()

    @property
    def dialog(self) -> QDialog | None:
        """The start-up question on screen, if any."""
        return self.startup.dialog

    # ----- view settings and help ----------------------------------------------------------
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
        from hiprehab.ui.sound_settings import SoundSettingsDialog

        dialog = SoundSettingsDialog(
            cues.options,
            sound_available=cues.sound_available,
            speech_available=cues.speech_available,
            voices=cues.voices,
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
        self.settings.set_cue_voice(current_language(), options.voice)
        self.settings.sync()

    def show_routine_format(self) -> QDialog:
        from hiprehab.ui.help_dialogs import routine_format_dialog

        return routine_format_dialog(self)

    def show_about(self) -> QDialog:
        from hiprehab.ui.help_dialogs import about_dialog

        return about_dialog(self)
