"""Composition root of the desktop app: builds the clock, paths, history store and cue player.

`run_app` is what `hiprehab` and `hiprehab FILE.hiprehab.toml` call. `create_main_window` is the
same assembly without the event loop, so tests build the real window with their own temporary
profile, a FakeClock, their own store and a silent cue player.
"""

from __future__ import annotations

import linecache
import logging
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from hiprehab import __version__
from hiprehab.history.store import HistoryStore, StoreError
from hiprehab.i18n import _, current_language
from hiprehab.paths import AppPaths
from hiprehab.paths_migration import migrate_legacy
from hiprehab.resources import icons_dir, sounds_dir
from hiprehab.routine.loader import load_routine
from hiprehab.session.clock import Clock, SystemClock
from hiprehab.ui import single_instance
from hiprehab.ui.app_log import start_logging
from hiprehab.ui.file_open_events import FileOpenEvents
from hiprehab.ui.idle_warmup import WarmUp
from hiprehab.ui.language import start_language
from hiprehab.ui.language_switch import LanguageSwitch
from hiprehab.ui.main_window import MainWindow
from hiprehab.ui.player.cues import CueOptions, CuePlayer
from hiprehab.ui.player.illustration import FigureSource
from hiprehab.ui.settings import AppSettings
from hiprehab.ui.theme import ThemeManager

log = logging.getLogger(__name__)


def open_store(paths: AppPaths) -> tuple[HistoryStore | None, str | None]:
    """The user's history, and what to tell them about it (a file moved aside, or a failure).

    A store that cannot be opened is not fatal: the app still plays routines, without history.
    """
    try:
        store = HistoryStore.open(paths.history_db)
    except StoreError as exc:
        return None, store_failure_text(exc)
    return store, store.notice


def store_failure_text(exc: StoreError) -> str:
    return _(
        "Your exercise history could not be opened, so sessions will not be saved this "
        "time.\n\n{error}"
    ).format(error=exc)


ICON_SVG = "hiprehab.svg"
ICON_PNG = "hiprehab-256.png"  # made from the SVG by scripts/make_icon.py


def app_icon() -> QIcon:
    """The app's icon: the SVG, drawn at whatever size is asked, with the 256 px PNG for when
    Qt's SVG icon engine is missing. A null icon if the files are not there."""
    try:
        folder = icons_dir()
    except FileNotFoundError:
        return QIcon()
    svg, png = folder / ICON_SVG, folder / ICON_PNG
    icon = QIcon(str(svg)) if svg.is_file() else QIcon()
    if png.is_file():
        icon.addFile(str(png), QSize(256, 256))
    return icon


def cue_options(settings: AppSettings) -> CueOptions:
    return CueOptions(
        sound_on=settings.sound_on(),
        voice_on=settings.voice_on(),
        volume=settings.volume(),
        voice=settings.cue_voice(current_language()),
    )


def create_main_window(
    paths: AppPaths,
    clock: Clock,
    store: HistoryStore | None = None,
    cues: CuePlayer | None = None,
    *,
    open_history: bool = True,
    today: Callable[[], date] = date.today,
    frame_ms: int | None = None,
) -> MainWindow:
    """The main window, wired; a QApplication must exist. Nothing is shown yet.

    With `store=None` the history at `paths.history_db` is opened (unless `open_history` is
    False); with `cues=None` a cue player using Qt's audio and speech is made; `frame_ms` is
    the player's frame interval (None: its own). A language chosen in its menu replaces it with
    one built the same way (`LanguageSwitch.of(window)`).
    """
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        raise RuntimeError("create_main_window needs a QApplication")
    settings = AppSettings(paths.settings_file)
    failure: StoreError | None = None
    if store is None and open_history:
        try:
            store = HistoryStore.open(paths.history_db)
        except StoreError as exc:
            failure = exc
    cues = cues if cues is not None else CuePlayer(sounds_dir(), cue_options(settings))
    theme = app.property("hiprehab_theme_manager")
    if not isinstance(theme, ThemeManager):
        theme = ThemeManager(app)
        app.setProperty("hiprehab_theme_manager", theme)
    theme.apply(settings.theme())
    if app.windowIcon().isNull():
        app.setWindowIcon(app_icon())  # every window and dialog, and the task bar
    figures = FigureSource()

    def build() -> MainWindow:  # the words of its messages in the language of the moment
        message = store_failure_text(failure) if failure else store.notice if store else None
        cues.set_options(cue_options(settings))  # the voice chosen for this language
        window = MainWindow(
            paths=paths,
            settings=settings,
            clock=clock,
            store=store,
            store_message=message,
            cues=cues,
            theme=theme,
            figures=figures,
            load=load_routine,
            today=today,
            frame_ms=frame_ms,
        )
        window.setWindowIcon(app.windowIcon())
        return window

    window = build()
    LanguageSwitch(window, build)
    return window


def warm_up_history(switch: LanguageSwitch) -> WarmUp:
    """Import what the History page needs in small steps once the app is idle, so its first
    opening is quick (ui/idle_warmup.py); no step while a session plays. Started by
    `run_app` only: tests and tools that build the window get none."""
    warm_up = WarmUp(busy=lambda: switch.window.flow.active, parent=QApplication.instance())
    warm_up.start()
    return warm_up


def route_opened_files(
    switch: LanguageSwitch,
    server: single_instance.InstanceServer | None,
    system_files: FileOpenEvents,
) -> None:
    """The files a second launch hands over (`hiprehab FILE`, a double-click on Windows and
    Linux) and the ones the system opens with the app (`QFileOpenEvent`: a double-click or "Open
    With" on macOS) go where File > Open goes, in the window on screen (a language switch
    replaces it): the window comes forward and opens them."""

    def open_files(files: list[Path]) -> None:
        switch.window.open_from_another_launch(files)

    if server is not None:
        server.files_received.connect(open_files)
    system_files.deliver_to(open_files)


def run_app(
    routine_path: str | None = None, *, verbose: bool = False, language: str | None = None
) -> int:
    """Start the app (optionally opening a routine file) and run until the window closes.

    When hiprehab is already running for this profile, the file (or just "show yourself") is
    handed to it instead and this returns 0 at once: one window, one writer to the history.
    Messages go to the log file (`paths.log_file`), and to the terminal too when `verbose`.
    `language` is the one asked for on the command line (None: the app's setting, else the
    system's).
    """
    paths = AppPaths.from_environment()
    app_log = start_logging(paths.log_file, verbose=verbose)  # before Qt loads its plug-ins
    try:
        return _run(paths, routine_path, language)
    finally:
        app_log.close()


def remove_stale_staging(paths: AppPaths) -> None:
    """Remove what imports killed long ago left in the profiles folder (noted in the log)."""
    from hiprehab.history.exchange.profiles import remove_stale_staging as remove

    for stale in remove(paths.profiles_dir, datetime.now(UTC)):
        log.info("removed %s, left by an import that was killed", stale)


def _run(paths: AppPaths, routine_path: str | None, language: str | None) -> int:
    QGuiApplication.setApplicationName("hiprehab")
    QGuiApplication.setDesktopFileName("io.github.hiprehab.HipRehab")  # the desktop entry's id
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    system_files = FileOpenEvents(app)  # from the first moment: macOS may send a file at once
    try:
        return _start(app, paths, routine_path, language, system_files)
    finally:
        system_files.close()


def _start(
    app: QApplication,
    paths: AppPaths,
    routine_path: str | None,
    language: str | None,
    system_files: FileOpenEvents,
) -> int:
    log.info("hiprehab %s starting on the %s platform", __version__, app.platformName())
    files = [Path(routine_path)] if routine_path else []
    name = single_instance.server_name(paths.data_dir)
    claimed = single_instance.claim(name, files)
    if claimed.handed_over:
        late = system_files.take_waiting()  # macOS sent a file while the launch was asking
        if late and single_instance.hand_over(name, late) is not single_instance.Outcome.DELIVERED:
            log.warning("could not hand %d opened files to the running instance", len(late))
        return 0
    server = claimed.server
    migrate_legacy(paths)  # data in older versions' folders moves here once; notes go to the log
    start_language(language, AppSettings(paths.settings_file))
    try:
        paths.ensure()
    except OSError as exc:
        QMessageBox.critical(
            None,
            _("hiprehab cannot start"),
            _(
                "hiprehab needs a folder for its settings and history and could not create "
                "{folder}: {error}"
            ).format(folder=exc.filename or paths.data_dir, error=exc.strerror or exc),
        )
        if server is not None:
            server.close()
        return 1
    # PySide6 reads the source of every module imported after it (to see whether it uses
    # PySide6) through linecache, which keeps all those lines, a few MB, for tracebacks that
    # would read them again anyway: let the window reuse that memory.
    linecache.clearcache()
    window = create_main_window(paths, SystemClock())
    window.settled.connect(lambda: remove_stale_staging(paths))  # once it is on screen
    switch = LanguageSwitch.of(window)  # its window is the one on screen after a switch
    window.show()
    window.run_startup()
    warm_up_history(switch)  # its steps begin once the window is shown and idle
    for path in files:
        QTimer.singleShot(0, lambda p=path: switch.window.open_routine_file(p))
    route_opened_files(switch, server, system_files)  # also what came before the window
    try:
        code = int(app.exec())
    finally:
        if server is not None:
            server.close()  # removes the socket file: the next launch starts at once
    if switch.window.store is not None:
        switch.window.store.close()
    return code
