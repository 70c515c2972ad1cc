"""The guidance panel: what the pain trend suggests, this week's adherence and the streak.

It only shows what `core.guidance.evaluate` decided (colour, reasons, what to do next, whether to
see a clinician) so the pane, the command line and the PDF report never disagree.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from hiprehab.history.guidance import PainGuidance
from hiprehab.history.guidance_report import clinician_lines, explanation
from hiprehab.history.pane_data import PaneSnapshot, routine_lines
from hiprehab.i18n import _, ngettext, pgettext
from hiprehab.i18n.formats import format_number, format_percent, format_skeleton
from hiprehab.safety import SEE_CLINICIAN
from hiprehab.ui.theme import GUIDANCE_COLOURS


def guidance_colour(name: str) -> QColor:
    """The swatch for a guidance colour name ('green', 'amber', 'red', anything else: grey)."""
    return QColor(GUIDANCE_COLOURS.get(name, GUIDANCE_COLOURS["none"]))


def colour_name(name: str) -> str:
    """A guidance colour in words, for the swatch's tooltip ('amber' -> 'gelb')."""
    words = {
        "green": pgettext("guidance colour", "green"),
        "amber": pgettext("guidance colour", "amber"),
        "red": pgettext("guidance colour", "red"),
    }
    return words.get(name) or pgettext("guidance colour", "grey")


def format_sessions(value: float) -> str:
    """A session count that may be fractional (an unfinished session counts its share of sets),
    with as few decimals as it needs, at most two: '3', '2.5' ('2,5' in German)."""
    rounded = round(value, 2)
    digits = next(d for d in (0, 1, 2) if abs(rounded - round(rounded, d)) < 1e-9)
    return format_number(rounded, digits)


def week_text(snapshot: PaneSnapshot) -> str:
    """The current week's adherence; for an imported profile, the week it was exported in."""
    week = snapshot.this_week
    if snapshot.as_of is None:
        which = _("This week")
    else:
        monday = snapshot.today - timedelta(days=snapshot.today.weekday())
        which = _("Week of {date}").format(date=format_skeleton(monday, "yMMMd"))
    if week is None or week.planned == 0:
        return _("{week}: nothing planned yet.").format(week=which)
    values = {
        "week": which,
        "done": format_sessions(week.done),
        "planned": format_number(week.planned),
        "percent": format_percent(week.ratio),
    }
    if week.work_share is None:
        text = ngettext(
            "{week}: {done} of {planned} planned session ({percent}).",
            "{week}: {done} of {planned} planned sessions ({percent}).",
            week.planned,
        ).format(**values)
    else:
        text = ngettext(
            "{week}: {done} of {planned} planned session ({percent}), {sets} of the planned sets.",
            "{week}: {done} of {planned} planned sessions ({percent}), {sets} of the planned sets.",
            week.planned,
        ).format(**values, sets=format_percent(week.work_share))
    lines = routine_lines(week.routines)
    return text + (f"\n{'; '.join(lines)}." if lines else "")


def as_of_text(snapshot: PaneSnapshot) -> str:
    """'' for one's own history; for an imported one, the day it shows the history as of."""
    if snapshot.as_of is None:
        return ""
    return _(
        "As of {date}, when this history was exported: weeks, streak and guidance are as they "
        "were then."
    ).format(date=format_skeleton(snapshot.today, "yMMMd"))


def streak_text(streak: int) -> str:
    if streak <= 0:
        return _("Streak: no full week on plan yet.")
    return ngettext(
        "Streak: {n} week in a row on plan.", "Streak: {n} weeks in a row on plan.", streak
    ).format(n=format_number(streak))


def red_flag_text(guidance: PainGuidance) -> str:
    """Why to see a clinician and the warning signs, or '' when the rules do not ask for it."""
    lines = clinician_lines(guidance)
    if not lines:
        return ""
    first, *rest = lines
    see = (SEE_CLINICIAN, _(SEE_CLINICIAN))  # the advice itself gets no bullet, in any language
    return first + "\n" + "\n".join(line if line in see else f"• {line}" for line in rest)


class GuidancePanel(QFrame):
    """A coloured swatch with the guidance title and sentence, then adherence and streak."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guidancePanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.swatch = QLabel()
        self.swatch.setFixedSize(18, 18)
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.as_of = QLabel()  # an imported profile: the day it is shown as of
        self.as_of.setObjectName("asOf")
        self.as_of.setWordWrap(True)
        self.week = QLabel()
        self.streak = QLabel()
        self.red_flags = QLabel()
        self.red_flags.setWordWrap(True)
        self.red_flags.setObjectName("redFlags")
        self.red_flags.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        head = QHBoxLayout()
        head.addWidget(self.swatch, 0, Qt.AlignmentFlag.AlignVCenter)
        head.addWidget(self.title, 1)
        facts = QHBoxLayout()
        facts.addWidget(self.week, 1)
        facts.addWidget(self.streak, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        layout.addLayout(head)
        layout.addWidget(self.as_of)
        layout.addWidget(self.explanation)
        layout.addLayout(facts)
        layout.addWidget(self.red_flags)
        self.red_flags.hide()
        self.as_of.hide()

    def show_snapshot(self, snapshot: PaneSnapshot) -> None:
        guidance = snapshot.guidance
        colour = guidance_colour(guidance.colour)
        self.swatch.setStyleSheet(f"background: {colour.name()}; border-radius: 9px;")
        self.swatch.setToolTip(colour_name(guidance.colour))
        self.title.setText(guidance.title)
        self.explanation.setText(explanation(guidance))
        as_of = as_of_text(snapshot)
        self.as_of.setText(as_of)
        self.as_of.setVisible(bool(as_of))
        self.week.setText(week_text(snapshot))
        self.streak.setText(streak_text(snapshot.streak))
        advice = red_flag_text(guidance)
        self.red_flags.setText(advice)
        red = guidance_colour("red").name()
        self.red_flags.setStyleSheet(
            f"border: 2px solid {red}; border-radius: 4px; padding: 6px;"  # i18n: ignore
        )
        self.red_flags.setVisible(bool(advice))
