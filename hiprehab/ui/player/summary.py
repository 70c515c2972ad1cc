"""The end of a session: how long, how many sets, pain before and after, and what it suggests.

Filled from plain data (`SessionSummary`) so the page never reaches into the engine or store.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hiprehab.history import guidance_words
from hiprehab.history.adjustment_steps import StepOffer
from hiprehab.history.guidance import PainGuidance, RoutineAdvice
from hiprehab.history.guidance_report import clinician_lines, explanation
from hiprehab.i18n import N_, _
from hiprehab.routine.wording import elapsed_text
from hiprehab.ui.adjustment_offer import OfferBox
from hiprehab.ui.theme import GUIDANCE_COLOURS


@dataclass(frozen=True)
class SessionSummary:
    routine_title: str
    completed: bool  # False: stopped early
    active_seconds: float
    paused_seconds: float
    sets_done: int
    sets_planned: int
    pain_before: int | None
    pain_after: int | None
    guidance: PainGuidance | None  # None when there is no history to judge from
    saved: bool  # whether the session is in the history
    routine_advice: RoutineAdvice | None = None  # the guidance for this session's routine
    offer: StepOffer | None = None  # one progression/regression step to offer (Apply, Not now)
    saving_later: bool = False  # kept in memory while the history file is busy, saved when free


def _pain(value: int | None) -> str:
    # Translators: a pain score on the summary, "3 out of 10".
    return _("not given") if value is None else _("{score} out of 10").format(score=value)


GUIDANCE_STYLE = (
    "QFrame#guidance {{ border: 3px solid {colour}; border-radius: 12px; }}"  # i18n: ignore
)
FIELDS = (
    ("time", N_("Time exercising")),
    ("sets", N_("Sets done")),
    ("pain_before", N_("Pain before")),
    ("pain_after", N_("Pain after")),
)


class SummaryView(QWidget):
    library_requested = Signal()
    history_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 32, 48, 32)
        outer.setSpacing(18)
        self.title = QLabel()
        font = QFont(self.title.font())
        font.setPixelSize(34)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        outer.addWidget(self.title)

        form = QFormLayout()
        form.setHorizontalSpacing(24)
        form.setVerticalSpacing(10)
        self.fields: dict[str, QLabel] = {}
        for key, label in FIELDS:
            name = QLabel(_(label))
            value = QLabel()
            value.setAccessibleName(_(label))
            for widget in (name, value):
                f = QFont(widget.font())
                f.setPixelSize(22)
                widget.setFont(f)
            f = QFont(value.font())
            f.setBold(True)
            value.setFont(f)
            form.addRow(name, value)
            self.fields[key] = value
        outer.addLayout(form)

        self.guidance = QFrame()
        self.guidance.setObjectName("guidance")
        box = QVBoxLayout(self.guidance)
        box.setContentsMargins(20, 16, 20, 16)
        self.guidance_title = QLabel()
        self.guidance_title.setAccessibleName(_("Pain guidance"))
        f = QFont(self.guidance_title.font())
        f.setPixelSize(24)
        f.setBold(True)
        self.guidance_title.setFont(f)
        self.guidance_text = QLabel()
        self.guidance_text.setWordWrap(True)
        f = QFont(self.guidance_text.font())
        f.setPixelSize(18)
        self.guidance_text.setFont(f)
        self.red_flags = QLabel()
        self.red_flags.setWordWrap(True)
        self.red_flags.setTextFormat(Qt.TextFormat.RichText)
        self.red_flags.setFont(f)
        for w in (self.guidance_title, self.guidance_text, self.red_flags):
            box.addWidget(w)
        outer.addWidget(self.guidance)
        self.offer_box = OfferBox()  # the step offered; storing it is the window's job
        outer.addWidget(self.offer_box)

        self.saved_label = QLabel()
        self.saved_label.setWordWrap(True)
        f = QFont(self.saved_label.font())
        f.setPixelSize(16)
        self.saved_label.setFont(f)
        outer.addWidget(self.saved_label)
        outer.addStretch(1)

        row = QHBoxLayout()
        row.addStretch(1)
        self.history_button = QPushButton(_("See your hi&story"))
        self.history_button.setAccessibleName(_("See your history"))
        self.history_button.clicked.connect(self.history_requested)
        self.library_button = QPushButton(_("Back to the &library"))
        self.library_button.setAccessibleName(_("Back to the library"))
        self.library_button.setDefault(True)
        self.library_button.clicked.connect(self.library_requested)
        for b in (self.history_button, self.library_button):
            b.setMinimumSize(200, 48)
            bf = QFont(b.font())
            bf.setPixelSize(16)
            b.setFont(bf)
            row.addWidget(b)
        outer.addLayout(row)
        self.summary: SessionSummary | None = None

    def show_summary(self, summary: SessionSummary) -> None:
        self.summary = summary
        title = summary.routine_title
        if summary.completed:
            self.title.setText(_("Well done: {routine}").format(routine=title))
        else:
            self.title.setText(_("Session stopped early: {routine}").format(routine=title))
        # rounded as `hiprehab history list` shows the same session
        time = elapsed_text(summary.active_seconds)
        if summary.paused_seconds >= 1:
            paused = elapsed_text(summary.paused_seconds)
            # Translators: time exercising and time paused, both m:ss: "12:30  (paused 1:05)".
            time = _("{time}  (paused {paused})").format(time=time, paused=paused)
        self.fields["time"].setText(time)
        # Translators: sets done on the summary: "5 of 6 (each side counts as one)".
        sets = _("{done} of {planned} (each side counts as one)")
        done, planned = summary.sets_done, summary.sets_planned
        self.fields["sets"].setText(sets.format(done=done, planned=planned))
        self.fields["pain_before"].setText(_pain(summary.pain_before))
        self.fields["pain_after"].setText(_pain(summary.pain_after))
        g = summary.guidance
        if g is None:
            self.guidance.setVisible(False)
        else:
            self.guidance.setVisible(True)
            colour = GUIDANCE_COLOURS.get(g.colour, GUIDANCE_COLOURS["none"])
            self.guidance.setStyleSheet(GUIDANCE_STYLE.format(colour=colour))
            self.guidance_title.setStyleSheet(f"color: {colour};")
            self.guidance_title.setText(g.title)
            text = explanation(g)
            advice = summary.routine_advice
            if advice is not None and advice.advice != "hold":
                advice_words = _(guidance_words.ADVICE_TEXT[advice.advice])
                text += f"\n\n{title}: {advice_words}"
            self.guidance_text.setText(text)
            lines = [html.escape(line) for line in clinician_lines(g)]
            self.red_flags.setVisible(bool(lines))
            if lines:
                self.red_flags.setText(
                    f"<b>{lines[0]}</b><br>" + "<br>".join(lines[1:])
                )
        if summary.saved:
            saved = _("Saved in your history.")
        elif summary.saving_later:
            saved = _(
                "Kept for your history: the history file is in use by another program, so this "
                "session will be saved as soon as the file is free."
            )
        else:
            saved = _("This session could not be saved in your history.")
        self.saved_label.setText(saved)
        self.history_button.setEnabled(summary.saved)
        self.offer_box.show_offer(summary.offer)

    def set_offer(self, offer: StepOffer | None) -> None:
        """Offer a step (or none) on the summary already shown."""
        if self.summary is not None:
            self.summary = replace(self.summary, offer=offer)
        self.offer_box.show_offer(offer)
