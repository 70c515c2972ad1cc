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
from hiprehab.history.pane_data import PaneSnapshot, format_count, format_day, routine_lines
from hiprehab.safety import SEE_CLINICIAN
from hiprehab.ui.theme import GUIDANCE_COLOURS


def guidance_colour(name: str) -> QColor:
    """The swatch for a guidance colour name ('green', 'amber', 'red', anything else: grey)."""
    return QColor(GUIDANCE_COLOURS.get(name, GUIDANCE_COLOURS["none"]))


def week_text(snapshot: PaneSnapshot) -> str:
    """The current week's adherence; for an imported profile, the week it was exported in."""
    week = snapshot.this_week
    if snapshot.as_of is None:
        which = "This week"
    else:
        monday = snapshot.today - timedelta(days=snapshot.today.weekday())
        which = f"Week of {format_day(monday)}"
    if week is None or week.planned == 0:
        return f"{which}: nothing planned yet."
    text = (
        f"{which}: {format_count(week.done)} of {week.planned} planned sessions "
        f"({week.percent:.0f} %)"
    )
    if week.work_share is not None:
        text += f", {100 * week.work_share:.0f} % of the planned sets"
    lines = routine_lines(week.routines)
    return text + "." + (f"\n{'; '.join(lines)}." if lines else "")


def as_of_text(snapshot: PaneSnapshot) -> str:
    """'' for one's own history; for an imported one, the day it shows the history as of."""
    if snapshot.as_of is None:
        return ""
    return (
        f"As of {format_day(snapshot.today)}, when this history was exported: weeks, streak "
        "and guidance are as they were then."
    )


def streak_text(streak: int) -> str:
    if streak <= 0:
        return "Streak: no full week on plan yet."
    unit = "week" if streak == 1 else "weeks"
    return f"Streak: {streak} {unit} in a row on plan."


def red_flag_text(guidance: PainGuidance) -> str:
    """Why to see a clinician and the warning signs, or '' when the rules do not ask for it."""
    lines = clinician_lines(guidance)
    if not lines:
        return ""
    first, *rest = lines
    return first + "\n" + "\n".join(
        line if line == SEE_CLINICIAN else f"• {line}" for line in rest
    )


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
        self.swatch.setToolTip(guidance.colour)
        self.title.setText(guidance.title)
        self.explanation.setText(explanation(guidance))
        as_of = as_of_text(snapshot)
        self.as_of.setText(as_of)
        self.as_of.setVisible(bool(as_of))
        self.week.setText(week_text(snapshot))
        self.streak.setText(streak_text(snapshot.streak))
        advice = red_flag_text(guidance)
        self.red_flags.setText(advice)
        self.red_flags.setStyleSheet(
            f"border: 2px solid {guidance_colour('red').name()}; border-radius: 4px; padding: 6px;"
        )
        self.red_flags.setVisible(bool(advice))
