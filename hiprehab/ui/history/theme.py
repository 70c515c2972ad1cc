"""Colours for the history pane, taken from the widget palette so light and dark both read well.

The series colours are fixed hues (so a physio learns them once) in a lighter or darker shade
depending on whether the palette's background is dark; backgrounds and text come from the palette.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette


@dataclass(frozen=True)
class HistoryTheme:
    dark: bool
    background: QColor
    foreground: QColor
    muted: QColor  # axis lines, grid, secondary text
    before: QColor  # pain before the session
    after: QColor  # pain straight after
    next_morning: QColor  # pain the next morning
    average: QColor  # moving average line
    work_share: QColor  # share of planned sets done
    target: QColor  # the 100 % line
    bar_full: QColor  # week on plan
    bar_close: QColor  # week nearly on plan
    bar_low: QColor  # week well short of plan
    bar_none: QColor  # week with nothing done
    zone_safe: QColor  # pain 0-3
    zone_caution: QColor  # pain 4-5
    zone_high: QColor  # pain above 5
    highlight: QColor  # the selected session


def _alpha(colour: str, alpha: int) -> QColor:
    c = QColor(colour)
    c.setAlpha(alpha)
    return c


def theme_from_palette(palette: QPalette) -> HistoryTheme:
    """Pick readable colours for the palette's background (dark when its lightness is low)."""
    background = palette.color(QPalette.ColorRole.Base)
    foreground = palette.color(QPalette.ColorRole.Text)
    dark = background.lightnessF() < 0.5
    muted = QColor(foreground)
    muted.setAlpha(110)
    if dark:
        return HistoryTheme(
            dark=True,
            background=background,
            foreground=foreground,
            muted=muted,
            before=QColor("#6cb6ff"),
            after=QColor("#ffa657"),
            next_morning=QColor("#d2a8ff"),
            average=QColor("#f0f0f0"),
            work_share=QColor("#79c0ff"),
            target=QColor("#e6e6e6"),
            bar_full=QColor("#3fb950"),
            bar_close=QColor("#d29922"),
            bar_low=QColor("#f0883e"),
            bar_none=QColor("#6e7681"),
            zone_safe=_alpha("#3fb950", 34),
            zone_caution=_alpha("#d29922", 40),
            zone_high=_alpha("#f85149", 40),
            highlight=QColor("#ffffff"),
        )
    return HistoryTheme(
        dark=False,
        background=background,
        foreground=foreground,
        muted=muted,
        before=QColor("#1f6feb"),
        after=QColor("#d4610b"),
        next_morning=QColor("#8250df"),
        average=QColor("#24292f"),
        work_share=QColor("#0b5394"),
        target=QColor("#24292f"),
        bar_full=QColor("#2da44e"),
        bar_close=QColor("#d4a72c"),
        bar_low=QColor("#e16f24"),
        bar_none=QColor("#afb8c1"),
        zone_safe=_alpha("#2da44e", 30),
        zone_caution=_alpha("#d4a72c", 38),
        zone_high=_alpha("#cf222e", 30),
        highlight=QColor("#000000"),
    )


def print_theme() -> HistoryTheme:
    """The light theme on white paper, for the PDF report whatever the screen's palette."""
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#15181b"))
    return theme_from_palette(palette)


def range_button_style(palette: QPalette) -> str:
    """The range buttons as a segmented control whose chosen range stands out in any theme.

    Every state is styled (not only `:checked`) so all buttons keep one size and look alike
    apart from the choice, which gets the palette's highlight colour: the Fusion style's own
    checked look is barely darker than an unchecked button in the dark theme.
    """
    role = QPalette.ColorRole
    button = palette.color(role.Button).name()
    text = palette.color(role.ButtonText).name()
    edge = palette.color(role.Mid).name()
    accent = palette.color(role.Highlight)
    on_accent = palette.color(role.HighlightedText).name()
    muted = palette.color(QPalette.ColorGroup.Disabled, role.ButtonText).name()
    return (
        f"QPushButton {{ background-color: {button}; color: {text}; border: 1px solid {edge}; "
        "border-radius: 4px; padding: 3px 10px; }"  # i18n: ignore (a style sheet)
        f"QPushButton:hover {{ border-color: {accent.name()}; }}"
        f"QPushButton:focus {{ border: 1px solid {accent.name()}; }}"
        f"QPushButton:checked {{ background-color: {accent.name()}; color: {on_accent}; "
        f"border-color: {accent.darker(125).name()}; }}"
        f"QPushButton:disabled {{ color: {muted}; }}"
    )
