"""Pain guidance, format 1: the rules a runner in pain acts on, in one place and Qt-free.

The command line, the history pane, the summary after a session and the start screen all show
what `evaluate` decides, so they can never disagree. The rules are the contract written in
docs/guidance-format.md; every threshold below is declared once and named.

Pain scores are 0-10 (NRS). A *scored session* has a finished status (completed, stopped or
interrupted) and an after or a next-morning score. Times are compared as wall-clock times in the
local zone (`tz`, default the computer's), and "the last N days" means sessions that started in
(as_of - N days, as_of]. Sessions after as_of, and running sessions, are ignored everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from fractions import Fraction
from typing import Literal

from hiprehab.history import guidance_words
from hiprehab.history.records import FINISHED_STATUSES, SessionRecord
from hiprehab.history.stats import planned_periods
from hiprehab.history.wording import IN_USE, Words

Colour = Literal["green", "amber", "red", "none"]
Advice = Literal["progress", "hold", "regress"]
ClinicianReason = Literal["severe-pain", "red-twice", "rising", "not-improving"]
CLINICIAN_REASONS: tuple[ClinicianReason, ...] = (
    "severe-pain",
    "red-twice",
    "rising",
    "not-improving",
)

# Zones of one score: 0-3 green, 4-5 amber, 6-10 red (the pain-monitoring model).
AMBER_FROM = 4
RED_FROM = 6
RED_RISE = 2  # a next-morning score this far above the score before is red; 1 above is amber
COLOUR_WINDOW = timedelta(days=14)
WEEK = timedelta(days=7)
SEVERE_FROM = 8  # any score this high in the last 7 days: see a clinician
MEANINGFUL_CHANGE = 2  # points of NRS change that matter clinically (Farrar 2001)
RISING_MIN_SESSIONS = 2  # sessions with a score before, in each of the two weeks compared
NOT_IMPROVING_AFTER = timedelta(days=42)
NOT_IMPROVING_FROM = 3  # a mean score before of this or more after six weeks is not improving

_RANK: dict[Colour, int] = {"none": 0, "green": 1, "amber": 2, "red": 3}


def worse(a: Colour, b: Colour) -> Colour:
    """The worse of two colours (none < green < amber < red)."""
    return a if _RANK[a] >= _RANK[b] else b


def rank(colour: Colour) -> int:
    return _RANK[colour]


def score_colour(score: int) -> Colour:
    """One score on its own: 0-3 green, 4-5 amber, 6-10 red."""
    if score >= RED_FROM:
        return "red"
    return "amber" if score >= AMBER_FROM else "green"


def rise_colour(rise: int) -> Colour:
    """A next-morning rise over the score before: >= 2 red, 1 amber, <= 0 green."""
    if rise >= RED_RISE:
        return "red"
    return "amber" if rise >= 1 else "green"


Part = Literal["after", "rise", "morning"]


@dataclass(frozen=True)
class Reason:
    """One part of one session's verdict: the pain after, the next morning's rise over the
    score before, or the next-morning score on its own; `text` says it in words."""

    colour: Colour
    part: Part
    score: int  # the pain after (part "after"), else the next-morning score
    session_started_at: datetime
    before: int | None = None  # the score before the session (part "rise")

    @property
    def text(self) -> str:
        """The reason in a sentence, in the language in use."""
        return self.worded(IN_USE)

    def worded(self, words: Words) -> str:
        """The reason in a sentence, in `words`' language (`wording.ENGLISH` for the JSON)."""
        if self.part == "after":
            return guidance_words.after_text(self.colour, self.score, words)
        if self.part == "rise" and self.before is not None:
            return guidance_words.rise_text(self.colour, self.score, self.before, words)
        return guidance_words.morning_text(self.colour, self.score, words)


@dataclass(frozen=True)
class RoutineAdvice:
    """What to do with one routine used in the last 14 days."""

    hash: str
    title: str
    advice: Advice
    sessions_last_7_days: int
    sessions_per_week: int


@dataclass(frozen=True)
class PainGuidance:
    """The whole guidance as of one moment."""

    as_of: datetime
    colour: Colour
    reasons: tuple[Reason, ...]
    see_clinician: bool
    clinician_reasons: tuple[ClinicianReason, ...]
    routines: tuple[RoutineAdvice, ...]

    def for_routine(self, routine_hash: str) -> RoutineAdvice | None:
        return next((r for r in self.routines if r.hash == routine_hash), None)

    @property
    def title(self) -> str:
        """The headline of the colour, in the language in use."""
        return guidance_words.title(self.colour)

    @property
    def next_step(self) -> str:
        """What to do next, in one or two sentences, in the language in use."""
        return guidance_words.next_step(self.colour, self.see_clinician)


def is_scored(session: SessionRecord) -> bool:
    return session.status in FINISHED_STATUSES and (
        session.pain_after is not None or session.pain_next_morning is not None
    )


def verdict_parts(session: SessionRecord) -> list[Reason]:
    """The parts of one session's verdict: after, and next morning (rise and score)."""
    parts: list[Reason] = []
    started = session.started_at
    after, morning, before = session.pain_after, session.pain_next_morning, session.pain_before
    if after is not None:
        colour = score_colour(after)
        parts.append(Reason(colour, "after", after, started))
    if morning is not None:
        if before is not None:
            colour = rise_colour(morning - before)
            parts.append(Reason(colour, "rise", morning, started, before))
        colour = score_colour(morning)
        # The morning score on its own only adds a reason when it says more than the rise.
        if before is None or rank(colour) > rank(rise_colour(morning - before)):
            parts.append(Reason(colour, "morning", morning, started))
    return parts


def verdict(session: SessionRecord) -> Colour:
    """The worse of the parts a session has; `none` for a session without after/morning."""
    colour: Colour = "none"
    for part in verdict_parts(session):
        colour = worse(colour, part.colour)
    return colour


def _mean(values: Sequence[int]) -> Fraction:
    return Fraction(sum(values), len(values))


def _befores(sessions: Iterable[SessionRecord]) -> list[int]:
    return [s.pain_before for s in sessions if s.pain_before is not None]


def _scores(session: SessionRecord) -> list[int]:
    found = (session.pain_before, session.pain_after, session.pain_next_morning)
    return [score for score in found if score is not None]


def _fully_done(session: SessionRecord) -> bool:
    return (
        session.status == "completed"
        and session.completed_work_periods >= planned_periods(session)
    )


class _Clock:
    """Wall-clock comparisons in the local zone, relative to as_of."""

    def __init__(self, as_of: datetime, tz: tzinfo | None) -> None:
        self.tz = tz
        self.as_of = self.local(as_of)

    def local(self, moment: datetime) -> datetime:
        shown = moment.astimezone(self.tz) if self.tz is not None else moment.astimezone()
        return shown.replace(tzinfo=None)

    def within(
        self, session: SessionRecord, span: timedelta, *, ending: timedelta = timedelta(0)
    ) -> bool:
        """Started in (as_of - ending - span, as_of - ending]."""
        start = self.local(session.started_at)
        end = self.as_of - ending
        return end - span < start <= end


def evaluate(
    sessions: Iterable[SessionRecord], *, as_of: datetime, tz: tzinfo | None = None
) -> PainGuidance:
    """Guidance format 1 for `sessions` as of the aware moment `as_of` (see the module doc)."""
    if as_of.tzinfo is None or as_of.utcoffset() is None:
        raise ValueError("as_of must be an aware datetime")
    clock = _Clock(as_of, tz)
    history = sorted(
        (
            s
            for s in sessions
            if s.status in FINISHED_STATUSES and clock.local(s.started_at) <= clock.as_of
        ),
        key=lambda s: (s.started_at, s.id),
    )
    recent = [s for s in history if clock.within(s, COLOUR_WINDOW)]
    week = [s for s in history if clock.within(s, WEEK)]
    scored = [s for s in recent if is_scored(s)]

    colour: Colour = "none"
    reasons: list[Reason] = []
    if scored:
        with_morning = [i for i, s in enumerate(scored) if s.pain_next_morning is not None]
        anchor = with_morning[-1] if with_morning else len(scored) - 1
        parts = [part for s in scored[anchor:] for part in verdict_parts(s)]
        for part in parts:
            colour = worse(colour, part.colour)
        reasons = [part for part in parts if part.colour == colour]

    clinician = _clinician_reasons(history, recent, week, scored, clock)
    see_clinician = bool(clinician)
    return PainGuidance(
        as_of=as_of,
        colour=colour,
        reasons=tuple(reasons),
        see_clinician=see_clinician,
        clinician_reasons=clinician,
        routines=_routine_advice(recent, week, see_clinician),
    )


def _clinician_reasons(
    history: list[SessionRecord],
    recent: list[SessionRecord],
    week: list[SessionRecord],
    scored: list[SessionRecord],
    clock: _Clock,
) -> tuple[ClinicianReason, ...]:
    found: list[ClinicianReason] = []
    if any(score >= SEVERE_FROM for s in week for score in _scores(s)):
        found.append("severe-pain")
    if len(scored) >= 2 and all(verdict(s) == "red" for s in scored[-2:]):
        found.append("red-twice")
    this_week = _befores(week)
    week_before = _befores(s for s in recent if clock.within(s, WEEK, ending=WEEK))
    if (
        len(this_week) >= RISING_MIN_SESSIONS
        and len(week_before) >= RISING_MIN_SESSIONS
        and _mean(this_week) - _mean(week_before) >= MEANINGFUL_CHANGE
    ):
        found.append("rising")
    if _not_improving(history, this_week, clock):
        found.append("not-improving")
    return tuple(found)


def _not_improving(history: list[SessionRecord], this_week: list[int], clock: _Clock) -> bool:
    """Six weeks on, pain before sessions is still 3 or more and not 2 points below the start.

    With no score before any session of the first week there is nothing to show improvement
    against, so a mean of 3 or more after six weeks counts as not improving.
    """
    first = next((s for s in history if _scores(s)), None)
    if first is None or not this_week:
        return False
    first_start = clock.local(first.started_at)
    if clock.as_of - first_start < NOT_IMPROVING_AFTER:
        return False
    now = _mean(this_week)
    if now < NOT_IMPROVING_FROM:
        return False
    start = _befores(s for s in history if clock.local(s.started_at) - first_start < WEEK)
    return not (start and now <= _mean(start) - MEANINGFUL_CHANGE)


def _routine_advice(
    recent: list[SessionRecord], week: list[SessionRecord], see_clinician: bool
) -> tuple[RoutineAdvice, ...]:
    by_hash: dict[str, list[SessionRecord]] = {}
    for s in recent:
        by_hash.setdefault(s.routine_hash, []).append(s)
    advice: list[RoutineAdvice] = []
    for routine_hash, group in by_hash.items():
        latest_scored = next((s for s in reversed(group) if is_scored(s)), None)
        last_two = group[-2:]
        choice: Advice = "hold"
        if latest_scored is not None and verdict(latest_scored) == "red":
            choice = "regress"
        elif (
            len(last_two) == 2
            and not see_clinician
            and all(
                _fully_done(s) and s.pain_next_morning is not None and verdict(s) == "green"
                for s in last_two
            )
        ):
            choice = "progress"
        latest = group[-1]
        advice.append(
            RoutineAdvice(
                hash=routine_hash,
                title=latest.routine_title,
                advice=choice,
                sessions_last_7_days=sum(1 for s in week if s.routine_hash == routine_hash),
                sessions_per_week=latest.sessions_per_week,
            )
        )
    advice.sort(key=lambda r: -max(i for i, s in enumerate(recent) if s.routine_hash == r.hash))
    return tuple(advice)
