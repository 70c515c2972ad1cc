"""What `hiprehab history list` and `summary` print: the sessions table and the weeks.

Columns are as wide as their words in the user's language (a German heading is longer than the
English one), dates, numbers and percentages are in its format (`hiprehab.i18n.formats`), and
every text from outside (titles, notes) is made safe for a terminal (`shown`). Plain text only:
`cli/history.py` reads the history and decides what to print.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TextIO

from hiprehab.history.records import SessionRecord
from hiprehab.history.stats import WeekAdherence
from hiprehab.i18n import pgettext
from hiprehab.i18n.formats import format_datetime, format_number, format_percent, format_skeleton
from hiprehab.routine.wording import elapsed_text
from hiprehab.terminal import shown

GAP = "  "
TITLE_WIDTH = 24
NOTE_WIDTH = 40


def say(text: str, file: TextIO | None = None) -> None:
    """Print one line, with any outside text in it made safe for a terminal (`shown`)."""
    print(shown(text), file=file)


def clip(text: str, width: int) -> str:
    """Outside text on one line, safe for a terminal, at most `width` characters."""
    text = shown(" ".join(text.split()))
    return text if len(text) <= width else text[: width - 1] + "…"


def status_word(status: str) -> str:
    """A session's status in the user's words; "running" as "running or interrupted", since a
    read-only look cannot tell a live session from one whose app died."""
    if status == "completed":
        return pgettext("session status", "completed")
    if status == "stopped":
        return pgettext("session status", "stopped")
    if status == "interrupted":
        return pgettext("session status", "interrupted")
    if status == "running":
        return pgettext("session status", "running or interrupted")
    return status


def columns(rows: Sequence[Sequence[str]], right: set[int]) -> list[str]:
    """The rows as lines of aligned columns (those in `right` aligned right); the last column
    is not padded, and no line ends in spaces."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [
            cell.rjust(width) if i in right else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        cells[-1] = row[-1]
        lines.append(GAP.join(cells).rstrip())
    return lines


def _local(moment: datetime) -> datetime:
    """The moment on the computer's clock, as babel shows a time without a zone."""
    return moment.astimezone().replace(tzinfo=None)


def session_table(
    sessions: Sequence[SessionRecord], work: Mapping[int, float] | None = None
) -> list[str]:
    """The sessions as a table, a heading first. A session marked running is shown as "running
    or interrupted" with the time of its work periods so far (`work`: seconds per session id),
    since its active time is only written when it ends."""
    heading = [
        pgettext("table heading", "ID"),
        pgettext("table heading", "Started"),
        pgettext("table heading", "Routine"),
        pgettext("table heading", "Status"),
        pgettext("table heading", "Sets"),
        pgettext("table heading", "Active"),
        # Translators: the pain scores before, after and the next morning ("2/3/-").
        pgettext("table heading", "Pain b/a/m"),
        pgettext("table heading", "Note"),
    ]
    rows = [heading]
    for s in sessions:
        planned = "?" if s.planned_work_periods is None else str(s.planned_work_periods)
        pains = "/".join(
            "-" if v is None else str(v) for v in (s.pain_before, s.pain_after, s.pain_next_morning)
        )
        active = (work or {}).get(s.id, 0.0) if s.status == "running" else s.active_seconds
        rows.append(
            [
                str(s.id),
                format_datetime(_local(s.started_at), "short"),
                clip(s.routine_title, TITLE_WIDTH),
                status_word(s.status),
                f"{s.completed_work_periods}/{planned}",
                elapsed_text(active),
                pains,
                clip(s.note, NOTE_WIDTH),
            ]
        )
    return columns(rows, right={0, 4, 5})


def _percent(fraction: float | None) -> str:
    return "-" if fraction is None else format_percent(fraction)


def week_table(weeks: Sequence[WeekAdherence]) -> list[str]:
    """One line per week (ISO week, its Monday, sessions planned and done, the share of the plan
    and of the sets done), each followed by its routines' own lines when it has several."""
    heading = [
        pgettext("table heading", "Week"),
        pgettext("table heading", "Monday"),
        pgettext("table heading", "Planned"),
        pgettext("table heading", "Done"),
        pgettext("table heading", "Plan"),
        pgettext("table heading", "Sets"),
    ]
    rows = [heading] + [
        [
            week.label,
            format_skeleton(week.monday, "yMMdd"),
            str(week.planned),
            format_number(week.done, 1),
            _percent(week.ratio),
            _percent(week.work_share),
        ]
        for week in weeks
    ]
    lines = columns(rows, right={2, 3, 4, 5})
    widths = [max(len(row[i]) for row in rows) for i in range(len(heading))]
    title_width = widths[0] + len(GAP) + widths[1] - 2
    out = lines[:1]
    for week, line in zip(weeks, lines[1:], strict=True):
        out.append(line)
        for r in week.routines if len(week.routines) > 1 else ():
            cells = [
                str(r.planned).rjust(widths[2]),
                format_number(r.done, 1).rjust(widths[3]),
                format_percent(r.done / r.planned).rjust(widths[4]),
            ]
            title = clip(r.title, title_width).ljust(title_width)
            out.append(GAP.join([f"  {title}", *cells]).rstrip())
    return out
