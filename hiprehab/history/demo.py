"""Made-up but plausible histories, written through the real store API.

Used by the history pane's tests, its benchmark and the screenshot script, so that all three see
the same kind of data a runner's real history holds: a few sessions a week, some missed or cut
short, pain scores before, after and the next morning, and now and then a note. Plain Python.

The names and notes are written in the language in use (the screenshots show them), as a runner
would have typed them; the data, once stored, stays as written.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from hiprehab.history.records import (
    HistorySnapshot,
    RoutineRecord,
    SessionRecord,
    WorkPeriodRecord,
    planned_work_periods_of,
    routine_hash,
)
from hiprehab.history.store import HistoryStore
from hiprehab.i18n import N_, _
from hiprehab.routine.model import Exercise, Routine
from hiprehab.session.recorder import WorkReport


def _exercise(
    name: str, ident: str, sides: str, sets: int, reps: int | None, hold: float
) -> Exercise:
    return Exercise(
        name=_(name),
        sides=sides,  # type: ignore[arg-type]
        sets=sets,
        reps=reps,
        hold=hold,
        seconds_per_rep=3,
        rest=30,
        library_id=ident,
    )


DEMO_TITLE = N_("Hip strength")


def demo_routine(title: str | None = None, sessions_per_week: int = 3) -> Routine:
    """A routine with 16 work periods per full run (sets times sides); its title is
    `DEMO_TITLE` in the language in use unless one is given."""
    if title is None:
        title = _(DEMO_TITLE)
    # the library's names of these exercises
    exercises = (
        _exercise(N_("Clamshell"), "clamshell", "each", 3, 12, 0),
        _exercise(N_("Bridge"), "bridge", "both", 3, 10, 3),
        _exercise(N_("Side plank"), "side-plank", "each", 2, None, 30),
        _exercise(N_("Monster walk"), "monster-walk", "both", 3, 15, 0),
    )
    return Routine(
        title=title,
        exercises=exercises,
        sessions_per_week=sessions_per_week,
        text=f'title = "{title}"\nsessions_per_week = {sessions_per_week}\n# demo\n',
    )


@dataclass(frozen=True)
class DemoSession:
    """One session to record: when, how it ended, how much of it was done, and the pain scores."""

    started_at: datetime
    status: str = "completed"
    done_fraction: float = 1.0  # share of the planned work periods completed
    pain_before: int | None = None
    pain_after: int | None = None
    pain_next_morning: int | None = None
    note: str = ""
    minutes: float = 25.0


def _clamp(value: float) -> int:
    return max(0, min(10, round(value)))


def generate_sessions(
    rng: random.Random,
    *,
    first_day: datetime,
    days: int,
    per_week: int = 3,
    daily: bool = False,
    skip_chance: float = 0.15,
    start_pain: float = 4.5,
    end_pain: float = 1.5,
) -> list[DemoSession]:
    """Sessions from `first_day` for `days` days: on Mon/Wed/Fri/Sat (or daily), pain easing off.

    Pain drifts from `start_pain` to `end_pain` with noise; after-pain is a little above the
    before-pain, the next morning settles back, and a short flare appears about two thirds in.
    """
    weekdays = set(range(7)) if daily else {0, 2, 4, 5} if per_week >= 4 else {0, 2, 4}
    sessions: list[DemoSession] = []
    notes = (
        N_("Left hip tight at the start"),
        N_("Easier than last week"),
        N_("Long run yesterday, legs heavy"),
        N_("Used the lighter band"),
        N_("Felt strong today"),
    )
    for offset in range(days):
        day = first_day + timedelta(days=offset)
        if day.weekday() not in weekdays or rng.random() < skip_chance:
            continue
        progress = offset / max(days - 1, 1)
        base = start_pain + (end_pain - start_pain) * progress
        if 0.6 < progress < 0.68:
            base += 2.5  # a flare after a long run
        before = _clamp(base + rng.gauss(0, 0.6))
        after = _clamp(before + rng.choice((0, 1, 1, 2)) + rng.gauss(0, 0.4))
        morning = _clamp(before + rng.choice((-1, 0, 0, 1)))
        status, fraction = "completed", 1.0
        roll = rng.random()
        if roll < 0.08:
            status, fraction = "stopped", rng.choice((0.25, 0.5, 0.75))
        elif roll < 0.1:
            status, fraction = "interrupted", 0.5
        started = day.replace(hour=rng.choice((7, 12, 18, 19)), minute=rng.randrange(0, 60, 5))
        sessions.append(
            DemoSession(
                started_at=started,
                status=status,
                done_fraction=fraction,
                pain_before=before if rng.random() > 0.05 else None,
                pain_after=after if rng.random() > 0.05 else None,
                pain_next_morning=morning if rng.random() > 0.2 else None,
                note=_(rng.choice(notes)) if rng.random() < 0.15 else "",
                minutes=25 * fraction,
            )
        )
    return sessions


def _periods(routine: Routine) -> list[tuple[Exercise, int, str]]:
    """Every work period of a full run, in order: (exercise, set number, side)."""
    return [
        (ex, set_number, side)
        for ex in routine.exercises
        for set_number in range(1, ex.sets + 1)
        for side in (("left", "right") if ex.side_count == 2 else ("none",))
    ]


def fill_store(store: HistoryStore, routine: Routine, sessions: Sequence[DemoSession]) -> list[int]:
    """Record the sessions one by one as the player does (one commit per event); returns ids."""
    ids = []
    periods = _periods(routine)
    for demo in sessions:
        sid = store.start_session(routine, started_at=demo.started_at, pain_before=demo.pain_before)
        done = round(len(periods) * demo.done_fraction)
        moment = demo.started_at
        for index, (ex, set_number, side) in enumerate(periods[: max(done, 0)]):
            moment = demo.started_at + timedelta(seconds=60 * (index + 1))
            store.record_work_period(
                sid,
                WorkReport(
                    exercise_id=ex.library_id,
                    exercise_name=ex.name,
                    set_number=set_number,
                    side=side,
                    planned_seconds=ex.work_seconds,
                    actual_seconds=ex.work_seconds,
                    status="completed",
                ),
                ended_at=moment,
            )
        store.finish_session(
            sid,
            status=demo.status,
            active_seconds=60 * demo.minutes,
            paused_seconds=0,
            ended_at=demo.started_at + timedelta(minutes=demo.minutes),
        )
        if demo.pain_after is not None:
            store.set_pain_after(sid, demo.pain_after)
        if demo.pain_next_morning is not None:
            store.set_pain_next_morning(sid, demo.pain_next_morning)
        if demo.note:
            store.set_note(sid, demo.note)
        ids.append(sid)
    return ids


def bulk_fill(store: HistoryStore, routine: Routine, sessions: Sequence[DemoSession]) -> int:
    """Write many sessions in one transaction through the store's import (`add_snapshot`).

    The store must be empty. Returns the number of work periods written.
    """
    digest = routine_hash(routine)
    periods = _periods(routine)
    planned = planned_work_periods_of(routine)
    first = sessions[0].started_at if sessions else datetime.now(UTC)
    record = RoutineRecord(
        content_hash=digest,
        title=routine.title,
        source=None,
        text=routine.text,
        sessions_per_week=routine.sessions_per_week,
        first_used_at=first,
    )
    session_rows: list[SessionRecord] = []
    work_rows: list[WorkPeriodRecord] = []
    for number, demo in enumerate(sessions, start=1):
        done = round(planned * demo.done_fraction)
        session_rows.append(
            SessionRecord(
                id=number,
                routine_hash=digest,
                routine_title=routine.title,
                sessions_per_week=routine.sessions_per_week,
                started_at=demo.started_at,
                ended_at=demo.started_at + timedelta(minutes=demo.minutes),
                status=demo.status,
                active_seconds=60 * demo.minutes,
                paused_seconds=0,
                pain_before=demo.pain_before,
                pain_after=demo.pain_after,
                pain_next_morning=demo.pain_next_morning,
                morning_asked=demo.pain_next_morning is not None,
                note=demo.note,
                planned_work_periods=planned,
                completed_work_periods=done,
                recorded_work_periods=done,
            )
        )
        for index, (ex, set_number, side) in enumerate(periods[:done]):
            work_rows.append(
                WorkPeriodRecord(
                    id=0,
                    session_id=number,
                    exercise_id=ex.library_id,
                    exercise_name=ex.name,
                    set_number=set_number,
                    side=side,
                    planned_seconds=ex.work_seconds,
                    actual_seconds=ex.work_seconds,
                    status="completed",
                    ended_at=demo.started_at + timedelta(seconds=60 * (index + 1)),
                )
            )
    store.add_snapshot(
        HistorySnapshot(
            routines=(record,), sessions=tuple(session_rows), work_periods=tuple(work_rows)
        )
    )
    return len(work_rows)


# (weekday, hour, before, after, next morning, status, share done, note) per week, oldest first
_STORY: tuple[tuple[tuple[int, int, int, int, int | None, str, float, str], ...], ...] = (
    (
        (0, 18, 4, 5, 4, "completed", 1.0, ""),
        (2, 18, 4, 5, 4, "completed", 1.0, ""),
        (4, 7, 4, 6, 5, "completed", 1.0, N_("Sore after the bridges")),
    ),
    (
        (0, 18, 4, 5, 4, "completed", 1.0, ""),
        (2, 19, 3, 5, 4, "completed", 1.0, ""),
        (5, 9, 4, 5, 3, "completed", 1.0, ""),
    ),
    (
        (1, 18, 3, 4, 3, "completed", 1.0, ""),
        (4, 18, 3, 5, 3, "completed", 1.0, N_("Busy week, two sessions")),
    ),
    (
        (0, 18, 3, 4, 3, "completed", 1.0, ""),
        (2, 7, 3, 4, 2, "completed", 1.0, ""),
        (4, 18, 2, 4, 3, "completed", 1.0, ""),
        (6, 10, 2, 3, None, "stopped", 0.5, N_("Ran out of time")),
    ),
    (
        (0, 18, 3, 4, 4, "completed", 1.0, ""),
        (2, 18, 5, 7, 6, "completed", 1.0, N_("Long run on Sunday, hip sore")),
        (4, 18, 5, 6, 5, "stopped", 0.25, N_("Stopped early: pain")),
    ),
    (
        (1, 18, 4, 4, 3, "completed", 1.0, N_("Lighter band, fewer reps")),
        (5, 9, 3, 3, 2, "completed", 1.0, ""),
    ),
    (
        (0, 18, 2, 3, 2, "completed", 1.0, ""),
        (2, 18, 2, 3, 2, "completed", 1.0, ""),
        (4, 7, 2, 2, 1, "completed", 1.0, ""),
        (6, 10, 1, 2, 1, "completed", 1.0, N_("Felt strong")),
    ),
    (
        (0, 18, 1, 2, 1, "completed", 1.0, ""),
        (2, 18, 1, 2, None, "completed", 1.0, ""),
    ),
)


def eight_weeks(now: datetime) -> list[DemoSession]:
    """A scripted eight-week rehab block whose last week holds `now` (best a Wednesday evening).

    Three sessions a week planned; a short week, a flare after a long run in week five with
    pain above 5 and a session stopped early, an easier week, then pain settling to 1-2.
    """
    monday = (now - timedelta(days=now.weekday() + 7 * (len(_STORY) - 1))).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    sessions = []
    for week, entries in enumerate(_STORY):
        for day, hour, before, after, morning, status, share, note in entries:
            started = monday + timedelta(weeks=week, days=day, hours=hour)
            if started > now:
                continue
            sessions.append(
                DemoSession(
                    started_at=started,
                    status=status,
                    done_fraction=share,
                    pain_before=before,
                    pain_after=after,
                    pain_next_morning=morning,
                    note=_(note) if note else "",
                    minutes=25 * share,
                )
            )
    return sessions
