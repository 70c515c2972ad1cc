"""What the history pane shows, as plain data: weeks, pain points, ranges and their texts.

This module turns the store's sessions and the statistics into plot-ready rows and the strings a
person reads (hover text, table cells). It imports neither Qt nor pyqtgraph, so the arithmetic of
the pane is testable on its own and the widgets only draw.

The shared time axis is measured in days since 1970-01-01 in local time: a week's bar spans its
Monday to Sunday and a session's point sits at its local start time inside that week.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from hiprehab.history import stats
from hiprehab.history.guidance import PainGuidance, evaluate
from hiprehab.history.guidance_report import end_of_day
from hiprehab.history.records import SessionRecord
from hiprehab.i18n import N_, _, ngettext
from hiprehab.i18n.formats import format_number, format_percent, format_skeleton, format_time

EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
BAR_WIDTH_DAYS = 5.6  # a week's bar leaves a small gap to its neighbours
ALL_MARGIN_DAYS = 2.0  # room left of the first week in "All", so its date label fits
MISSED_STUB = 3.0  # height (%) of the grey stub marking a planned week with nothing done

# The pane's ranges: the keys name them in code and are shown translated (`_(name)`).
ALL = N_("All")
RANGES: dict[str, int | None] = {
    N_("4 weeks"): 28,
    N_("3 months"): 91,
    N_("1 year"): 365,
    ALL: None,
}
DEFAULT_RANGE = "3 months"


def day_x(day: date) -> float:
    """The axis position of midnight at the start of `day`."""
    return float(day.toordinal() - EPOCH_ORDINAL)


def moment_x(moment: datetime, tz: tzinfo | None = None) -> float:
    """The axis position of an aware moment, in `tz` (default: the computer's local time)."""
    return _local_x(moment.astimezone(tz))


def _local_x(local: datetime) -> float:
    """The axis position of a moment already in the zone of the axis."""
    seconds = local.hour * 3600 + local.minute * 60 + local.second
    return local.toordinal() - EPOCH_ORDINAL + seconds / 86400


def x_date(x: float) -> date:
    """The local date at axis position `x`."""
    return date.fromordinal(int(x // 1) + EPOCH_ORDINAL)


@dataclass(frozen=True)
class WeekBar:
    """One ISO week of adherence, placed on the axis."""

    monday: date
    planned: int
    done: float  # completed sessions count 1, unfinished ones their share of sets done, each
    # routine's capped at its own plan (stats.WeekAdherence)
    ratio: float  # done / planned (0 to 1); 0 when nothing was planned
    work_share: float | None  # share of the planned sets that were done; None: no sessions
    routines: tuple[stats.RoutineWeek, ...] = ()  # each routine against its own plan

    @property
    def x(self) -> float:
        """The bar's centre: the middle of the week."""
        return day_x(self.monday) + 3.5

    @property
    def percent(self) -> float:
        return 100.0 * self.ratio

    def hover_text(self) -> str:
        sunday = self.monday + timedelta(days=6)
        sets = (
            _("no sessions")
            if self.work_share is None
            else _("{percent} of planned sets done").format(
                percent=format_percent(self.work_share)
            )
        )
        lines = [
            _("Week of {monday} to {sunday}").format(
                monday=format_day(self.monday), sunday=format_day(sunday)
            ),
            ngettext(
                "{done} of {planned} planned session ({percent})",
                "{done} of {planned} planned sessions ({percent})",
                self.planned,
            ).format(
                done=format_count(self.done),
                planned=self.planned,
                percent=format_percent(self.ratio),
            ),
            sets,
            *routine_lines(self.routines),
        ]
        return "\n".join(lines)


def routine_lines(routines: Sequence[stats.RoutineWeek]) -> list[str]:
    """'Warm-up: 5 of 3' for each routine of a week that has two or more (none otherwise)."""
    if len(routines) < 2:
        return []
    return [
        _("{routine}: {done} of {planned}").format(
            routine=r.title, done=format_count(r.done), planned=r.planned
        )
        for r in routines
    ]


@dataclass(frozen=True)
class PainRow:
    """One session's pain scores, placed on the axis."""

    session_id: int
    x: float
    started_at: datetime
    routine: str
    before: int | None
    after: int | None
    next_morning: int | None
    average: float | None  # moving average of the scores up to this session

    def hover_text(self) -> str:
        lines = [
            format_moment(self.started_at),
            self.routine,
            _("Pain before {before}, after {after}, next morning {morning}").format(
                before=format_pain(self.before),
                after=format_pain(self.after),
                morning=format_pain(self.next_morning),
            ),
        ]
        if self.average is not None:
            lines.append(
                _("Average pain after, last 7 sessions: {average}").format(
                    average=format_number(self.average, 1)
                )
            )
        return "\n".join(lines)


@dataclass(frozen=True)
class PaneSnapshot:
    """Everything the pane draws for one store and routine filter, computed once per refresh."""

    sessions: tuple[SessionRecord, ...]  # newest first, as the table lists them
    weeks: tuple[WeekBar, ...]  # oldest first, one per ISO week from the first session to today
    pain: tuple[PainRow, ...]  # oldest first, sessions with at least one pain score
    session_x: dict[int, float]  # every session's axis position
    guidance: PainGuidance
    streak: int
    today: date  # the day the pane is "now" at: today, or an imported profile's export day
    tz: tzinfo  # the zone dates and times are shown in
    as_of: datetime | None = None  # an imported profile's export time (None: one's own, live)

    @property
    def is_empty(self) -> bool:
        return not self.sessions

    @property
    def this_week(self) -> WeekBar | None:
        monday = self.today - timedelta(days=self.today.weekday())
        for week in reversed(self.weeks):
            if week.monday == monday:
                return week
        return None

    def x_bounds(self) -> tuple[float, float]:
        """From the first week's Monday to the end of the current week."""
        monday = self.today - timedelta(days=self.today.weekday())
        end = day_x(monday) + 7
        if not self.weeks:
            return end - 28, end
        return min(day_x(self.weeks[0].monday), end - 28), end

    def sessions_in_week(self, monday: date) -> list[int]:
        """Ids of the sessions started in the week of `monday`, newest first."""
        start = day_x(monday)
        return [s.id for s in self.sessions if start <= self.session_x[s.id] < start + 7]

    def default_range(self) -> str:
        """'All' while the whole history fits in the default range, else the default range."""
        first, end = self.x_bounds()
        default_days = RANGES[DEFAULT_RANGE]
        assert default_days is not None
        return ALL if end - first <= default_days else DEFAULT_RANGE

    def range_bounds(self, name: str) -> tuple[float, float]:
        """The x-range for one of RANGES, ending with the current week."""
        first, end = self.x_bounds()
        days = RANGES[name]
        if days is None:
            return first - ALL_MARGIN_DAYS, end
        return end - days, end


def build_snapshot(
    sessions: Sequence[SessionRecord],
    today: date,
    tz: tzinfo,
    *,
    as_of: datetime | None = None,
    guidance: PainGuidance | None = None,
) -> PaneSnapshot:
    """Place the sessions on the axis and compute the statistics the pane shows.

    `tz` is the zone whose calendar the person lives by: it decides a session's day and week.
    `today` ends the axis and is the current week; for an imported profile it is the day of
    `as_of`, the moment it was exported. `guidance` is judged on the person's whole history
    (the pane may show one routine only); without it, it is judged on `sessions` as of `as_of`,
    or the end of `today`.
    """
    ordered = sorted(sessions, key=lambda s: (s.started_at, s.id))
    weeks: tuple[WeekBar, ...] = ()
    streak = 0
    if ordered:
        adherence = stats.weekly_adherence(ordered, start=None, end=today, tz=tz)
        weeks = tuple(
            WeekBar(
                monday=w.monday,
                planned=w.planned,
                done=w.done,
                ratio=w.ratio or 0.0,
                work_share=w.work_share,
                routines=w.routines,
            )
            for w in adherence
        )
        streak = stats.streak(adherence)
    local = [s.started_at.astimezone(tz) for s in ordered]  # once per session: not cheap
    xs = [_local_x(moment) for moment in local]
    session_x = {s.id: x for s, x in zip(ordered, xs, strict=True)}
    # pain_series keeps `ordered`'s order (its own is the same), one point per session
    points = stats.pain_series(ordered, tz=tz)
    pain = tuple(
        PainRow(
            s.id, x, moment, s.routine_title, p.before, p.after, p.next_morning, p.moving_average
        )
        for s, x, moment, p in zip(ordered, xs, local, points, strict=True)
        if p.before is not None or p.after is not None or p.next_morning is not None
    )
    return PaneSnapshot(
        sessions=tuple(reversed(ordered)),
        weeks=weeks,
        pain=pain,
        session_x=session_x,
        guidance=guidance or evaluate(ordered, as_of=as_of or end_of_day(today, tz), tz=tz),
        streak=streak,
        today=today,
        tz=tz,
        as_of=as_of,
    )


def bar_heights(weeks: Sequence[WeekBar], current: WeekBar | None = None) -> list[float]:
    """Bar heights in percent of the plan; a missed week gets a small stub so it shows.

    The week in progress (`current`) gets no stub: it is not missed yet.
    """
    return [
        MISSED_STUB if w.planned > 0 and w.done <= 0 and w is not current else w.percent
        for w in weeks
    ]


def period_summary(snapshot: PaneSnapshot, x0: float, x1: float) -> str:
    """One line on the sessions between axis positions x0 and x1: done, planned, mean pains."""
    inside = [s for s in snapshot.sessions if x0 <= snapshot.session_x[s.id] < x1]
    weeks = [w for w in snapshot.weeks if x0 <= w.x < x1]
    planned = sum(w.planned for w in weeks)
    done = sum(w.done for w in weeks)
    parts = [ngettext("{count} session", "{count} sessions", len(inside)).format(count=len(inside))]
    if planned:
        parts.append(
            _("{done} of {planned} planned done ({percent})").format(
                done=format_count(done), planned=planned, percent=format_percent(done / planned)
            )
        )
    for field, words in (
        ("pain_before", N_("mean pain before {score}")),
        ("pain_after", N_("mean pain after {score}")),
        ("pain_next_morning", N_("mean pain next morning {score}")),
    ):
        scores = [v for s in inside if (v := getattr(s, field)) is not None]
        if scores:
            parts.append(_(words).format(score=format_number(sum(scores) / len(scores), 1)))
    return ", ".join(parts) + "."


def bar_level(ratio: float, done: float) -> str:
    """How close a week came to the plan: 'full', 'close', 'low' or 'none'."""
    if done <= 0:
        return "none"
    if ratio >= 1.0:
        return "full"
    if ratio >= 0.6:
        return "close"
    return "low"


def format_day(day: date) -> str:
    """'Nov 2, 2026' ('2. Nov. 2026'): a day as the language in use writes it."""
    return format_skeleton(day, "yMMMd")


def format_count(value: float) -> str:
    """A session count that may be fractional (an unfinished session counts its share): at most
    two decimals, none shown that are zero ('2.5', '2,5' in German)."""
    rounded = round(value, 2)
    digits = next(d for d in (0, 1, 2) if round(rounded, d) == rounded)
    return format_number(rounded, digits)


def format_moment(moment: datetime) -> str:
    """A session's start as a person reads it, in the moment's own zone: 'Nov 30, 2026, 7:05 AM'
    ('30. Nov. 2026, 07:05'); no weekday, so it fits the tables' first column."""
    # Translators: a day and a clock time, e.g. "Nov 30, 2026, 7:05 AM".
    return _("{date}, {time}").format(date=format_day(moment), time=format_time(moment))


def format_pain(value: int | None) -> str:
    return "–" if value is None else str(value)


def sets_done(session: SessionRecord) -> str:
    planned = stats.planned_periods(session)
    return f"{session.completed_work_periods}/{planned}"
