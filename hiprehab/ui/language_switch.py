"""Switching the language from View > Language: the menu, and the window built anew in it.

A switch builds the window anew rather than retranslating each widget: every text is then looked
up exactly as at start-up, so none can stay behind in the old language. What the user was
looking at is carried over: the page, the selected routine, a session's summary, the history's
profile, routine and range, the geometry and full screen. While a session is set up, played or
still being saved, the player is left alone: the switch waits for the session's end, and the
status bar says so in the new language.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QObject, QTimer
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from hiprehab.i18n import (
    N_,
    SOURCE_LANGUAGE,
    _,
    available_languages,
    format_locale,
    language_name,
)
from hiprehab.i18n.choice import split_tag
from hiprehab.ui.language import (
    Language,
    apply_language,
    in_language,
    locale_name,
    pick_language,
    system_choices,
)
from hiprehab.ui.settings import SYSTEM_LANGUAGE

if TYPE_CHECKING:
    from hiprehab.ui.history.view import HistoryView
    from hiprehab.ui.main_window import MainWindow
    from hiprehab.ui.player.summary import SessionSummary

log = logging.getLogger(__name__)

# ----- the menu -------------------------------------------------------------------------------
def language_menu(window: MainWindow) -> QMenu:
    """View > Language: the system's language (named), then every language in its own name, as
    radio items showing the setting. A choice goes to the window's `LanguageSwitch`."""
    menu = QMenu(_("&Language"), window)
    menu.setObjectName("languageMenu")
    group = QActionGroup(menu)
    system = pick_language(None, SYSTEM_LANGUAGE, system_choices(), available_languages())[0]
    # Translators: the menu item that follows the computer's language; {language} is that
    # language's name in its own words, e.g. "System (English)"
    items = [(SYSTEM_LANGUAGE, _("&System ({language})").format(language=language_name(system)))]
    items += [(code, f"&{language_name(code)}") for code in available_languages()]
    setting = window.settings.language()
    parts = split_tag(setting) if setting != SYSTEM_LANGUAGE else None
    checked = parts[0] if parts is not None and parts[0] in dict(items) else SYSTEM_LANGUAGE
    for code, text in items:
        action = QAction(text, menu)
        action.setCheckable(True)
        action.setChecked(code == checked)
        action.setData(code)
        action.triggered.connect(lambda _checked=False, c=code: _choose(window, c))
        group.addAction(action)
        menu.addAction(action)
    return menu


def _choose(window: MainWindow, choice: str) -> None:
    switch = window.findChild(LanguageSwitch)
    if switch is not None:
        switch.choose(choice)
        return
    window.settings.set_language(choice)  # a window made by hand: used from the next start
    window.settings.sync()


# ----- switching ------------------------------------------------------------------------------
def _history_view(window: MainWindow) -> HistoryView | None:
    """The window's history page, if it was built (its module is never loaded from here)."""
    from hiprehab.ui.main_window import HISTORY_MODULE

    module = sys.modules.get(HISTORY_MODULE)
    if module is None:
        return None
    view: HistoryView | None = window.history_page.findChild(module.HistoryView)
    return view


@dataclass(frozen=True)
class _Shown:
    """What a window shows, carried over to the window that replaces it."""

    page: str
    routine: Path | None
    summary: SessionSummary | None
    profile: str | None  # an imported profile on the history page; None: the user's own
    routine_hash: str | None  # the history page's routine filter
    history_range: str | None
    geometry: QByteArray
    full_screen: bool

    @classmethod
    def of(cls, window: MainWindow) -> _Shown:
        entry = window.library.current_entry()
        summary = None  # the Session page shows a summary (if it was built at all)
        if window.built_flow is not None and window.player.page == "summary":
            summary = window.player.summary.summary
        view = _history_view(window)
        return cls(
            page=window.current_page,
            routine=entry.path if entry is not None else None,
            summary=summary,
            profile=view.profiles.current_name() if view and view.as_of is not None else None,
            routine_hash=view.routine_filter.currentData() if view else None,
            history_range=view.current_range if view else None,
            geometry=window.saveGeometry(),
            full_screen=window.isFullScreen(),
        )

    def restore(self, window: MainWindow) -> None:
        window.restoreGeometry(self.geometry)
        if self.routine is not None:
            window.library.select(self.routine)
        if self.summary is not None:
            window.player.summary.show_summary(self.summary)
            window.player.show_summary()
        window.show_page(self.page)
        view = _history_view(window)
        if view is not None:
            self._restore_history(view)
        if self.full_screen:
            window.set_full_screen(True)
        else:
            window.show()

    def _restore_history(self, view: HistoryView) -> None:
        try:
            if self.profile is not None:
                view.show_profile(self.profile)
            if self.routine_hash is not None:
                view.set_routine_filter(self.routine_hash)
        except ValueError:  # gone meanwhile (the views share the files): show what is there
            return
        if self.history_range is not None and self.history_range != view.current_range:
            view.range_buttons[self.history_range].click()  # as the user had chosen it


class LanguageSwitch(QObject):
    """Applies the language chosen in the menu: stores it, and replaces the window with one
    built in that language (`build` makes a window as at start-up), now or after the session.

    It lives as a child of the window in use and moves to the window that replaces it;
    `LanguageSwitch.of(window).window` is the window on screen."""

    def __init__(self, window: MainWindow, build: Callable[[], MainWindow]) -> None:
        super().__init__(window)
        self._window = window
        self._build = build
        self._wanted: Language | None = None
        self._told = ""  # what the status bar was told about the wait
        self._retry = QTimer(self)  # after the session's own code has run to its end
        self._retry.setSingleShot(True)
        self._retry.setInterval(0)
        self._retry.timeout.connect(lambda: self._apply_when_free(tell=False))
        app = QApplication.instance()
        if isinstance(app, QApplication):  # a dialog closing gives the window its focus back
            app.focusChanged.connect(self._focus_changed)
        self._attach(window)

    @staticmethod
    def of(window: MainWindow) -> LanguageSwitch:
        found = window.findChild(LanguageSwitch)
        if found is None:
            raise LookupError("this window was not made by create_main_window")
        return found

    @property
    def window(self) -> MainWindow:
        return self._window

    @property
    def waiting(self) -> bool:
        """A language was chosen and waits for the session to end."""
        return self._wanted is not None

    def choose(self, choice: str) -> None:
        """The menu's choice ('system' or a code): stored, and applied now or after the session."""
        settings = self._window.settings
        settings.set_language(choice)
        settings.sync()
        self._wanted = pick_language(None, choice, system_choices(), available_languages())
        self._apply_when_free(tell=True)

    def _attach(self, window: MainWindow) -> None:
        window.player_built.connect(self._watch_flow)  # the Session page is built when needed
        if window.built_flow is not None:
            self._watch_flow()

    def _watch_flow(self) -> None:
        flow = self._window.flow
        flow.active_changed.connect(self._session_changed)
        flow.saving.waiting.connect(self._saving_changed)

    def _detach(self, window: MainWindow) -> None:
        window.player_built.disconnect(self._watch_flow)
        flow = window.built_flow
        if flow is not None:
            flow.active_changed.disconnect(self._session_changed)
            flow.saving.waiting.disconnect(self._saving_changed)

    def _session_changed(self, active: bool) -> None:
        if not active and self._wanted is not None:
            self._retry.start()

    def _saving_changed(self, message: str) -> None:
        if not message and self._wanted is not None:  # everything is written
            self._retry.start()

    def _focus_changed(self, _old: QWidget | None, _new: QWidget | None) -> None:
        if self._wanted is not None:
            self._retry.start()

    def _wait_message(self) -> str | None:
        """Why the window cannot be rebuilt now (N_-marked; "" to wait quietly), or None."""
        flow = self._window.built_flow  # None: no session has been started
        if flow is not None and flow.busy:
            return N_("The language changes to {language} when this session is over.")
        if flow is not None and flow.saving.unsaved:
            return N_("The language changes to {language} once this session is saved.")
        if QApplication.activeModalWidget() is not None:  # a question is open: after it
            return ""
        return None

    def _apply_when_free(self, *, tell: bool) -> None:
        """Rebuild in the language wanted if nothing stops it; else say why (once: `tell`) and
        leave it to the next end of a session, of a save or of a question to try again."""
        wanted = self._wanted
        if wanted is None:
            return
        status = self._window.statusBar()
        if locale_name(wanted) == format_locale():  # chosen back before the session ended
            self._wanted = None
            if self._told and status.currentMessage() == self._told:
                status.clearMessage()
            return
        message = self._wait_message()
        if message is not None:
            if message and tell:
                code = wanted[0]
                self._told = in_language(code, message).format(language=language_name(code))
                status.showMessage(self._told)
            return
        self._wanted = None
        self._rebuild(wanted)

    def _rebuild(self, language: Language) -> None:
        old = self._window
        shown = _Shown.of(old)
        before = split_tag(format_locale()) or (SOURCE_LANGUAGE, None)
        code = apply_language(language)
        log.info("language now %s (formats %s): the window is rebuilt", code, format_locale())
        try:
            new = self._build()
        except Exception:
            apply_language(before)
            raise
        self._detach(old)
        self._window = new
        self.setParent(new)
        self._attach(new)
        shown.restore(new)
        old.close()  # saves the same page and geometry the new window shows
        old.deleteLater()
