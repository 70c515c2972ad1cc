"""Light, dark or the system's look: one palette switch for the whole application.

"system" restores whatever style and palette Qt chose at start-up; "light" and "dark" use the
Fusion style with a fixed palette so screenshots look the same on every machine. Colours that
mean something (work, rest, switch sides) are defined here once and stay readable on both.
Widgets that bake colours into pixmaps or style sheets redo them on `QEvent.PaletteChange`,
which covers this switch and a change of the system's palette alike.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from hiprehab.i18n import N_, _

# Step colours: strong backgrounds with white text, readable in light and dark themes.
STEP_COLOURS = {
    "prepare": "#b35c00",  # get ready: deep orange
    "work": "#1b7f3b",  # work: green
    "hold": "#1f5fae",  # hold: blue
    "switch": "#7b3fa8",  # switch sides: purple
    "rest": "#4a5866",  # rest: slate
    "transition": "#4a5866",
    "paused": "#8a6d00",
    "finished": "#1b7f3b",
}

# The themes' names in the View menu, by their setting's value.
THEME_NAMES = {"system": N_("System"), "light": N_("Light"), "dark": N_("Dark")}

GUIDANCE_COLOURS = {"green": "#1b7f3b", "amber": "#b35c00", "red": "#b3261e", "none": "#4a5866"}


def _palette(dark: bool) -> QPalette:
    p = QPalette()
    if dark:
        window, base, text, button = "#202326", "#16181a", "#eceff1", "#2c3035"
        alt, mid, disabled, highlight, link = "#262a2e", "#3a3f45", "#8a9199", "#3d8fd6", "#7cb9f0"
    else:
        window, base, text, button = "#f3f4f6", "#ffffff", "#15181b", "#e7e9ec"
        alt, mid, disabled, highlight, link = "#f7f8fa", "#c4c9cf", "#7b828a", "#1f5fae", "#1f5fae"
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: alt,
        QPalette.ColorRole.ToolTipBase: base,
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: disabled,
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: button,
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: "#ffffff",
        QPalette.ColorRole.Highlight: highlight,
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: link,
        QPalette.ColorRole.Mid: mid,
        QPalette.ColorRole.Midlight: mid,
        QPalette.ColorRole.Dark: mid,
    }
    for role, colour in roles.items():
        p.setColor(role, QColor(colour))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(disabled))
    return p


class ThemeManager:
    """Remembers the start-up look so that "system" can always go back to it."""

    def __init__(self, app: QApplication) -> None:
        self._app = app
        self._system_style = app.style().name()
        self._system_palette = QPalette(app.palette())
        self.current = "system"

    def apply(self, theme: str) -> None:
        if theme == "system":
            self._app.setStyle(self._system_style)
            self._app.setPalette(self._system_palette)
        elif theme in ("light", "dark"):
            self._app.setStyle("Fusion")  # i18n: ignore
            self._app.setPalette(_palette(theme == "dark"))
        else:
            raise ValueError(f"unknown theme {theme!r}")
        # Qt posts the palette change to the windows; deliver it now, so every widget has the
        # new colours (and has redrawn what it drew itself) when the menu item returns
        QCoreApplication.sendPostedEvents(None, QEvent.Type.ApplicationPaletteChange)
        self.current = theme


def theme_name(theme: str) -> str:
    """A theme's name in the current language ('Dark', 'Dunkel'); the value itself if unknown."""
    return _(THEME_NAMES[theme]) if theme in THEME_NAMES else theme


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether the palette in use has light text on a dark window."""
    pal = palette or QGuiApplication.palette()
    return pal.color(QPalette.ColorRole.Window).lightness() < 128


def set_font(widget: QWidget, pixels: int, bold: bool = False) -> None:
    """The widget's font at a size in pixels (the app's text sizes are set so), bold or not."""
    font = QFont(widget.font())
    font.setPixelSize(pixels)
    font.setBold(bold)
    widget.setFont(font)
