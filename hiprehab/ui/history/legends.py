"""The history plots' titles, which double as their legends (above the data, never over it).

Each key is a coloured mark and a few words, in the theme's colours, as the rich text
pyqtgraph shows in a plot's title.
"""

from __future__ import annotations

from html import escape

from PySide6.QtGui import QColor

from hiprehab.i18n import _, pgettext
from hiprehab.i18n.formats import format_number, format_percent
from hiprehab.ui.history.theme import HistoryTheme


def _key(colour: QColor, mark: str, text: str) -> str:
    span = f'<span style="color:{colour.name()}">{mark}</span>'  # i18n: ignore (markup)
    return f"{span}&nbsp;{escape(text)}"


def _title(title: str, keys: tuple[str, ...]) -> str:
    joined = "&nbsp;&nbsp;&nbsp;".join(keys)
    return f'<b>{escape(title)}</b><br><span style="font-size:9pt">{joined}</span>'  # i18n: ignore


def adherence_legend(theme: HistoryTheme) -> str:
    """The adherence plot's title, which doubles as its legend."""
    close = f"{format_number(60)}–{format_percent(0.99)}"  # "60–99 %"
    keys = (
        _key(theme.bar_full, "■", _("plan met")),
        _key(theme.bar_close, "■", close),
        _key(theme.bar_low, "■", _("under {percent}").format(percent=format_percent(0.6))),
        _key(theme.bar_none, "■", pgettext("week", "missed")),
        _key(theme.work_share, "◆", _("sets done")),
        _key(theme.target, "╌╌", pgettext("legend", "plan")),
    )
    return _title(_("Sessions per week against the plan"), keys)


def pain_legend(theme: HistoryTheme) -> str:
    """The pain plot's title, which doubles as its legend."""
    keys = (
        _key(theme.before, "●", pgettext("pain score", "before")),
        _key(theme.after, "▲", pgettext("pain score", "after")),
        _key(theme.next_morning, "■", pgettext("pain score", "next morning")),
        _key(theme.average, "━", _("average after, last 7")),
    )
    return _title(_("Pain per session (0-10)"), keys)
