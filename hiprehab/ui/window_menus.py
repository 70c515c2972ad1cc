"""The main window's menu bar: File (open, recent, quit), View (pages, full screen, theme, sound,
language) and Help. Each item calls a method of the window; the window keeps the actions that
change with its state or appear elsewhere too (`WindowMenus`: full screen is on the Session
page as well)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from hiprehab.i18n import _
from hiprehab.ui.language_switch import language_menu
from hiprehab.ui.settings import THEMES
from hiprehab.ui.theme import theme_name

if TYPE_CHECKING:
    from hiprehab.ui.main_window import MainWindow


@dataclass(frozen=True)
class WindowMenus:
    open_action: QAction
    theme_actions: dict[str, QAction]  # by the theme setting's value
    sound_action: QAction
    fullscreen: QAction


def build_menus(window: MainWindow) -> WindowMenus:
    from hiprehab.ui.main_window import PAGE_TITLES, PAGES

    bar = window.menuBar()
    file_menu = bar.addMenu(_("&File"))
    open_action = file_menu.addAction(_("&Open routine…"))
    open_action.setShortcut(QKeySequence.StandardKey.Open)
    open_action.triggered.connect(window.routine_actions.choose_routine_file)
    file_menu.addMenu(window.recent_menu)
    file_menu.addSeparator()
    quit_action = file_menu.addAction(_("&Quit"))
    quit_action.setShortcut(QKeySequence.StandardKey.Quit)
    quit_action.triggered.connect(window.close)
    window.routine_actions.rebuild_recent()

    view = bar.addMenu(_("&View"))
    for number, name in enumerate(PAGES, start=1):
        action = view.addAction(_(PAGE_TITLES[name]))
        action.setShortcut(QKeySequence(f"Ctrl+{number}"))
        action.triggered.connect(lambda _=False, n=name: window.show_page(n))
    view.addSeparator()
    fullscreen = QAction(_("Full screen"), window)
    fullscreen.setCheckable(True)
    fullscreen.setShortcut(QKeySequence(Qt.Key.Key_F11))
    fullscreen.setToolTip(_("Full screen on or off (F11)"))
    fullscreen.triggered.connect(window.set_full_screen)
    view.addAction(fullscreen)
    theme_menu = view.addMenu(_("&Theme"))
    theme_actions: dict[str, QAction] = {}
    group = QActionGroup(window)
    current = window.settings.theme()
    for name in THEMES:
        action = theme_menu.addAction(theme_name(name))
        action.setCheckable(True)
        action.setChecked(name == current)
        action.setEnabled(window.theme is not None)
        action.triggered.connect(lambda _=False, n=name: window.set_theme(n))
        group.addAction(action)
        theme_actions[name] = action
    sound_action = view.addAction(_("&Sound settings…"))
    sound_action.setEnabled(window.cues is not None)
    sound_action.triggered.connect(window.show_sound_settings)
    view.addMenu(language_menu(window))  # a choice rebuilds the window (ui/language_switch.py)

    help_menu = bar.addMenu(_("&Help"))
    doc = help_menu.addAction(_("&Routine format"))
    doc.setShortcut(QKeySequence.StandardKey.HelpContents)
    doc.triggered.connect(window.show_routine_format)
    about = help_menu.addAction(_("&About hiprehab"))
    about.triggered.connect(window.show_about)
    return WindowMenus(open_action, theme_actions, sound_action, fullscreen)
