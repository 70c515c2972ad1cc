"""The history plots' titles, which double as their legends (above the data, never over it).

Each key is a coloured mark and a few words, in the theme's colours, as the rich text
pyqtgraph shows in a plot's title.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

from hiprehab.ui.history.theme import HistoryTheme


def _key(colour: QColor, mark: str, text: str) -> str:
    return f'<span style="color:{colour.name()}">{mark}</span>&nbsp;{text}'


def _title(title: str, keys: tuple[str, ...]) -> str:
    joined = "&nbsp;&nbsp;&nbsp;".join(keys)
    return f'<b>{title}</b><br><span style="font-size:9pt">{joined}</span>'


def adherence_legend(theme: HistoryTheme) -> str:
    """The adherence plot's title, which doubles as its legend."""
    keys = (
        _key(theme.bar_full, "■", "plan met"),
        _key(theme.bar_close, "■", "60-99 %"),
        _key(theme.bar_low, "■", "under 60 %"),
        _key(theme.bar_none, "■", "missed"),
        _key(theme.work_share, "◆", "sets done"),
        _key(theme.target, "╌╌", "plan"),
    )
    return _title("Sessions per week against the plan", keys)


def pain_legend(theme: HistoryTheme) -> str:
    """The pain plot's title, which doubles as its legend."""
    keys = (
        _key(theme.before, "●", "before"),
        _key(theme.after, "▲", "after"),
        _key(theme.next_morning, "■", "next morning"),
        _key(theme.average, "━", "average after, last 7"),
    )
    return _title("Pain per session (0-10)", keys)
