"""The language: chosen at start (--lang, the setting, the system), Qt's own words, and the switch
from View > Language that rebuilds the window without losing what it showed."""

from __future__ import annotations

import gettext
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QTranslator
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox, QLabel, QMenu
from pytestqt.qtbot import QtBot

from hiprehab.history.records import routine_hash
from hiprehab.history.store import HistoryStore
from hiprehab.i18n import current_language, format_locale
from hiprehab.i18n.catalogue import DOMAIN, LOCALE_DIR
from hiprehab.paths import AppPaths
from hiprehab.session.clock import FakeClock
from hiprehab.ui.history.view import HistoryView
from hiprehab.ui.language import (
    QT_TRANSLATOR,
    pick_language,
    start_language,
    use_qt_language,
    without_script,
)
from hiprehab.ui.language_switch import LanguageSwitch
from hiprehab.ui.main_window import MainWindow
from hiprehab.ui.player.checkins import PainCheckinDialog
from hiprehab.ui.settings import AppSettings
from tests.ui.player.test_player import run, start_short_session

AVAILABLE = ("en", "de")


@pytest.fixture(autouse=True)
def back_to_english(qapp: Any) -> Iterator[None]:
    """Qt's catalogue and default locale are the process's: leave them as they were found."""
    default = QLocale()
    yield
    use_qt_language("en")
    QLocale.setDefault(default)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


# ----- choosing ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("requested", "setting", "system", "chosen"),
    [
        ("de", "en", ["en-US"], ("de", None)),  # --lang beats the setting and the system
        ("en", "de", ["de-AT"], ("en", None)),
        (None, "de", ["en-GB"], ("de", None)),  # the setting beats the system
        ("", "de", ["en-GB"], ("de", None)),  # `--lang` with no value asks for nothing
        (None, "system", ["de-AT", "de"], ("de", "AT")),  # else the system's
        (None, "de", ["fr-FR", "de-CH"], ("de", "CH")),  # with the system's region for it
        (None, "xx", ["de_DE.UTF-8"], ("de", "DE")),  # a setting without catalogue: system
        ("system", "en", ["de-DE"], ("de", "DE")),  # --lang system: the system's, not the setting
        (None, "system", ["C", "fr-FR"], ("en", None)),  # nothing we have: English
    ],
)
def test_precedence_is_lang_then_setting_then_system(
    requested: str | None, setting: str, system: list[str], chosen: tuple[str, str | None]
) -> None:
    assert pick_language(requested, setting, system, AVAILABLE) == chosen


def test_qt_names_the_script_which_is_not_a_region() -> None:
    assert without_script("de-Latn-AT") == "de-AT"
    assert without_script("de-Latn") == "de"
    assert without_script("zh-Hant-TW") == "zh-TW"
    assert without_script("en-US") == "en-US" and without_script("es-419") == "es-419"
    assert pick_language(None, "system", [without_script("de-Latn-AT")], AVAILABLE) == ("de", "AT")


def test_start_uses_the_setting_unless_lang_is_given(qapp: Any, paths: AppPaths) -> None:
    settings = AppSettings(paths.settings_file)
    settings.set_language("de")
    assert start_language(None, settings) == "de"
    assert current_language() == "de"
    assert start_language("en", settings) == "en"
    assert current_language() == "en"
    assert settings.language() == "de"  # --lang does not change the setting


def test_the_setting_survives_a_restart(paths: AppPaths) -> None:
    settings = AppSettings(paths.settings_file)
    assert settings.language() == "system"  # the default
    settings.set_language("de")
    assert settings.sync()
    assert AppSettings(paths.settings_file).language() == "de"
    with pytest.raises(ValueError):
        settings.set_language(" ")


# ----- Qt's own words ------------------------------------------------------------------------
def cancel_text() -> str:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    text = box.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "")
    box.deleteLater()
    return text


def test_qt_translations_are_installed_for_german_and_removed_for_english(qapp: Any) -> None:
    assert cancel_text() == "Cancel"
    assert use_qt_language("de", "AT")
    assert cancel_text() == "Abbrechen"
    assert QLocale().name() == "de_AT"
    assert use_qt_language("de")  # replaced, not stacked
    assert len(qapp.findChildren(QTranslator, QT_TRANSLATOR)) == 1
    assert not use_qt_language("en")  # English needs no catalogue
    assert cancel_text() == "Cancel"


def test_a_language_qt_has_no_catalogue_for_is_quietly_english(qapp: Any) -> None:
    assert not use_qt_language("xx")  # the strict suite fails on any Qt warning
    assert cancel_text() == "Cancel"


# ----- the menu and the switch ---------------------------------------------------------------
def language_actions(window: MainWindow) -> dict[str, QAction]:
    menu = window.findChild(QMenu, "languageMenu")
    assert isinstance(menu, QMenu)
    return {str(action.data()): action for action in menu.actions()}


def shown_texts(window: MainWindow) -> set[str]:
    """Every text on screen: labels, buttons, tabs, and the menus with their submenus."""
    texts = {w.text() for w in window.findChildren(QLabel) if w.isVisible()}
    texts |= {w.text() for w in window.findChildren(QAbstractButton) if w.isVisible()}
    texts |= {window.tabs.tabText(i) for i in range(window.tabs.count())}

    def walk(actions: list[QAction]) -> None:
        for action in actions:
            texts.add(action.text())
            menu = action.menu()
            if isinstance(menu, QMenu):
                walk(menu.actions())

    walk(window.menuBar().actions())
    return texts - {""}


def with_german(texts: set[str]) -> set[str]:
    """The texts the German catalogue translates."""
    german = gettext.translation(DOMAIN, str(LOCALE_DIR), languages=["de"])
    return {text for text in texts if german.gettext(text) != text}


Switch = Callable[[MainWindow, str], MainWindow]


@pytest.fixture
def switch_to(qtbot: QtBot, request: pytest.FixtureRequest) -> Switch:
    """Choose a language in View > Language; returns the window then on screen.

    A window replaced is deleted by the app: qtbot is told to forget it (it would close it at
    the end of the test), and to close the new one instead."""

    def switch(window: MainWindow, code: str) -> MainWindow:
        switch = LanguageSwitch.of(window)
        language_actions(window)[code].trigger()
        new = switch.window
        if new is not window:
            replaced(qtbot, request, window, new)
        return new

    return switch


def replaced(
    qtbot: QtBot, request: pytest.FixtureRequest, old: MainWindow, new: MainWindow
) -> None:
    node: Any = request.node
    node.qt_widgets = [(ref, close) for ref, close in node.qt_widgets if ref() is not old]
    qtbot.addWidget(new)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def test_the_menu_names_the_systems_language_and_each_in_its_own_name(window: MainWindow) -> None:
    actions = language_actions(window)
    assert [a.text() for a in actions.values()] == ["&System (English)", "&English", "&Deutsch"]
    assert actions["system"].isChecked() and actions["system"].isCheckable()
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert "&Language" in [a.text() for a in view.actions()]


def test_switching_on_the_library_keeps_the_page_selection_and_geometry(
    switch_to: Switch, make_window: Any, routine_file: Path, paths: AppPaths
) -> None:
    window = make_window()
    assert window.open_routine_file(routine_file)
    chosen = window.library.current_entry().path
    first = window.library.entries()[0].path
    assert chosen != first  # not what a new window selects by itself
    window.show_page("library")
    window.resize(window.minimumSize())  # fits the (small) offscreen screen
    window.move(37, 45)
    size, pos = window.size(), window.pos()
    before = shown_texts(window)

    new = switch_to(window, "de")
    assert new is not window and new.isVisible()
    assert current_language() == "de"
    assert new.current_page == "library"
    assert new.library.current_entry().path == chosen
    assert new.size() == size and new.pos().y() == pos.y() == 45  # x: clamped offscreen
    assert AppSettings(paths.settings_file).language() == "de"
    assert language_actions(new)["de"].isChecked()
    after = shown_texts(new)
    assert with_german(before), "at least the Language menu has German words"
    assert with_german(before) & after == set()  # nothing with a German translation stays
    assert "&Sprache" in after


def test_switching_on_the_history_page_keeps_it(
    switch_to: Switch, make_window: Any, routine_file: Path, store: HistoryStore
) -> None:
    window = make_window()
    assert window.open_routine_file(routine_file)
    entry = window.library.current_entry()
    routine = entry.routine
    started = datetime(2026, 3, 1, 7, 0, tzinfo=UTC)
    session = store.start_session(routine, started_at=started, planned_work_periods=0)
    store.finish_session(
        session, status="completed", active_seconds=60, paused_seconds=0,
        ended_at=started + timedelta(minutes=5),
    )  # fmt: skip
    window.show_page("history")
    view = window.history_page.findChild(HistoryView)
    view.set_routine_filter(routine_hash(routine))
    view.range_buttons["1 year"].click()
    before = shown_texts(window)

    new = switch_to(window, "de")
    assert new.current_page == "history"
    assert new.library.current_entry().path == entry.path
    shown = new.history_page.findChild(HistoryView)
    assert shown.current_range == "1 year" and shown.range_buttons["1 year"].isChecked()
    assert shown.routine_filter.currentData() == routine_hash(routine)
    assert with_german(before) & shown_texts(new) == set()
    back = switch_to(new, "en")  # and back
    assert current_language() == "en" and back.current_page == "history"
    assert cancel_text() == "Cancel"


def test_the_history_s_failure_is_told_in_the_new_language(
    switch_to: Switch, make_window: Any, paths: AppPaths
) -> None:
    paths.history_db.mkdir()  # a folder where the file should be: cannot be opened
    window = make_window(store=None)
    window.show_page("history")
    new = switch_to(window, "de")
    assert new.store is None and new.current_page == "history"
    (label,) = [w for w in new.history_page.findChildren(QLabel) if w.isVisible()]
    assert "Dein Verlauf konnte nicht geöffnet werden, deshalb werden deine Einheiten diesmal" in (
        label.text()
    )


def test_full_screen_is_kept(qtbot: QtBot, switch_to: Switch, window: MainWindow) -> None:
    window.set_full_screen(True)
    qtbot.waitUntil(window.isFullScreen)
    new = switch_to(window, "de")
    assert new.isFullScreen() and new.fullscreen_action.isChecked()
    new.set_full_screen(False)


def test_choosing_the_language_in_use_rebuilds_nothing(
    switch_to: Switch, window: MainWindow
) -> None:
    assert switch_to(window, "en") is window
    assert switch_to(window, "system") is window  # the system's is English here


@pytest.mark.usefixtures("german")
def test_a_session_is_not_torn_down_the_switch_waits_for_its_end(
    qtbot: QtBot,
    request: pytest.FixtureRequest,
    switch_to: Switch,
    make_window: Any,
    dialogs: Any,
    clock: FakeClock,
) -> None:
    window = make_window()
    use_qt_language("de")
    assert language_actions(window)["system"].text() == "&System (English)"
    assert window.findChild(QMenu, "languageMenu").title() == "&Sprache"
    window.library.start_button.click()
    dialogs.wait(PainCheckinDialog).skip_button.click()
    controller = window.flow.controller
    for _ in range(6):
        clock.advance(0.5)
        controller.tick()

    assert switch_to(window, "en") is window  # the player stays
    assert current_language() == "de"
    assert window.statusBar().currentMessage() == (
        "The language changes to English when this session is over."
    )
    assert controller.active
    switch = LanguageSwitch.of(window)
    assert switch.waiting

    controller.stop()
    dialogs.wait(PainCheckinDialog).skip_button.click()  # the session ends: the switch is made
    summary = window.player.summary.summary
    assert summary is not None and switch.window is window  # once the session's code is done
    qtbot.waitUntil(lambda: switch.window is not window)
    new = switch.window
    replaced(qtbot, request, window, new)
    assert current_language() == "en" and not switch.waiting
    assert new.current_page == "player" and new.player.page == "summary"  # the summary stays
    assert new.player.summary.summary == summary


def test_the_waiting_message_is_in_the_language_chosen(
    switch_to: Switch, make_window: Any, dialogs: Any
) -> None:
    window = make_window()
    window.library.start_button.click()
    dialogs.wait(PainCheckinDialog).skip_button.click()
    assert switch_to(window, "de") is window
    assert window.statusBar().currentMessage() == (
        "Die Sprache wechselt zu Deutsch, sobald diese Einheit vorbei ist."
    )
    assert format_locale() == "en"
    switch_to(window, "system")  # chosen back before the end: nothing waits
    assert not LanguageSwitch.of(window).waiting
    assert window.statusBar().currentMessage() == ""
    window.flow.abandon()


def test_a_session_kept_while_the_history_is_busy_is_saved_before_the_switch(
    qtbot: QtBot,
    request: pytest.FixtureRequest,
    switch_to: Switch,
    make_window: Any,
    dialogs: Any,
    clock: FakeClock,
    store: HistoryStore,
    routine_file: Path,
) -> None:
    window = make_window()
    start_short_session(qtbot, dialogs, window, routine_file)
    switch = LanguageSwitch.of(window)
    assert switch_to(window, "de") is window
    with closing(sqlite3.connect(store.path, isolation_level=None)) as locker:
        locker.execute("BEGIN EXCLUSIVE")  # another program holds the file from now on
        run(window, clock, 40.0)  # to the end of the session
        dialogs.wait(PainCheckinDialog).skip_button.click()
        assert window.flow.saving.unsaved
        qtbot.wait(10)  # the switch had its chance: the old window keeps what is unsaved
        assert switch.window is window and switch.waiting and current_language() == "en"
        locker.execute("ROLLBACK")
    clock.advance(30.0)  # past the retry delay: the window's timer writes it all
    qtbot.waitUntil(lambda: switch.window is not window, timeout=3000)
    new = switch.window
    replaced(qtbot, request, window, new)
    assert current_language() == "de" and store.sessions()[0].status == "completed"
    summary = new.player.summary.summary
    assert new.player.page == "summary" and summary is not None and summary.saved


def test_lang_on_the_command_line_opens_the_app_in_german(paths: AppPaths) -> None:
    settings = AppSettings(paths.settings_file)
    settings.set_language("en")
    settings.set_first_run_done()
    settings.sync()
    code = (
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication, QMenu\n"
        "from hiprehab.i18n import current_language\n"
        "from hiprehab.launch import main\n"
        "app = QApplication([])\n"
        "def look():\n"
        "    window = next(w for w in app.topLevelWidgets() if w.isVisible())\n"
        "    print(current_language(), window.findChild(QMenu, 'languageMenu').title())\n"
        "    app.quit()\n"
        "QTimer.singleShot(0, look)\n"
        "sys.exit(main(['--lang', 'de']))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.split() == ["de", "&Sprache"]
    assert AppSettings(paths.settings_file).language() == "en"  # --lang is for this run only
