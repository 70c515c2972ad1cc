"""Statistics against values worked out by hand (the arithmetic is in the comments)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hiprehab.history.records import SessionRecord
from hiprehab.history.stats import (
    RoutineWeek,
    WeekAdherence,
    pain_series,
    streak,
    weekly_adherence,
)

_ids = iter(range(1, 1_000_000))


def sess(
    start: str,
    *,
    status: str = "completed",
    spw: int = 3,
    planned: int | None = 7,
    completed: int = 7,
    recorded: int | None = None,
    before: int | None = None,
    after: int | None = None,
    morning: int | None = None,
    routine: str | None = None,
) -> SessionRecord:
    started = datetime.fromisoformat(start).replace(tzinfo=UTC)
    return SessionRecord(
        id=next(_ids),
        routine_hash=routine or f"routine-{spw}",
        routine_title=routine.title() if routine else f"{spw} a week",
        sessions_per_week=spw,
        started_at=started,
        ended_at=started + timedelta(minutes=20),
        status=status,
        active_seconds=1000.0,
        paused_seconds=0.0,
        pain_before=before,
        pain_after=after,
        pain_next_morning=morning,
        morning_asked=False,
        note="",
        planned_work_periods=planned,
        completed_work_periods=completed,
        recorded_work_periods=completed if recorded is None else recorded,
    )


def week(*values: Any) -> WeekAdherence:
    """A WeekAdherence from (iso year, week), monday, planned, done, ratio, work share,
    sessions, completed sessions and routines; numbers may be `pytest.approx` values."""
    (iso_year, iso_week), *rest = values
    return WeekAdherence(iso_year, iso_week, *rest)


def rw(spw: int, done: Any, sessions: int, completed: int) -> RoutineWeek:
    """The RoutineWeek of `sess(..., spw=spw)` sessions: planned spw, done, sessions, completed."""
    return RoutineWeek(f"routine-{spw}", f"{spw} a week", spw, done, sessions, completed)


# ------------------------------------------------------------------------------ adherence
NOVEMBER = [
    # 2026-W45 (Mon 2 Nov), routine 3 a week, 7 work periods each
    sess("2026-11-02T07:00", completed=6, recorded=7),  # completed with a skipped set: counts 1
    sess("2026-11-04T18:00", status="stopped", completed=3),  # 3/7
    sess("2026-11-06T18:00", status="interrupted", completed=5, recorded=6),  # 5/7
    # 2026-W46: nothing at all
    # 2026-W47 (Mon 16 Nov): the old routine once, then a new one of 4 a week (5 periods)
    sess("2026-11-16T07:00"),
    sess("2026-11-17T07:00", spw=4, planned=5, completed=5),
    sess("2026-11-19T07:00", spw=4, planned=5, completed=5),
    sess("2026-11-21T07:00", spw=4, planned=5, completed=5),
    # 2026-W48 (Mon 23 Nov): one completed, one from schema 1 (no planned count) stopped 2 of 4
    sess("2026-11-23T07:00", spw=4, planned=5, completed=5),
    sess("2026-11-24T07:00", spw=4, status="stopped", planned=None, completed=2, recorded=4),
]


def test_weekly_adherence_by_hand() -> None:
    weeks = weekly_adherence(NOVEMBER, start=None, end=date(2026, 11, 25))
    w45 = pytest.approx(2.142857142857143)  # 1 + 3/7 + 5/7 = 15/7
    assert weeks == [
        # done = 15/7 of 3 planned; ratio = 15/7 / 3 = 5/7; sets = (6+3+5)/21 = 2/3
        week((2026, 45), date(2026, 11, 2), 3, w45, pytest.approx(0.7142857142857143),
             pytest.approx(0.6666666666666666), 3, 1, (rw(3, w45, 3, 1),)),
        # no sessions: the routine of 3 a week carries on, nothing done, no work share
        week((2026, 46), date(2026, 11, 9), 3, 0.0, 0.0, None, 0, 0, (rw(3, 0.0, 0, 0),)),
        # two routines, each against its own plan: 1 of 3 and 3 of 4 = 4 of 7
        week((2026, 47), date(2026, 11, 16), 7, 4.0, pytest.approx(4 / 7), 1.0, 4, 4,
             (rw(3, 1.0, 1, 1), rw(4, 3.0, 3, 3))),
        # done = 1 + 2/4 = 1.5; ratio 1.5/4 = 0.375; sets (5+2)/(5+4) = 7/9
        week((2026, 48), date(2026, 11, 23), 4, 1.5, 0.375,
             pytest.approx(0.7777777777777778), 2, 1, (rw(4, 1.5, 2, 1),)),
    ]  # fmt: skip
    assert [w.label for w in weeks] == ["2026-W45", "2026-W46", "2026-W47", "2026-W48"]
    assert [w.met for w in weeks] == [False, False, False, False]
    assert streak(weeks) == 0


WARM_UP_AND_STRENGTH = [
    # 2026-W45 (Mon 2 Nov): a warm-up 3 times a week, strength 2 times a week
    sess("2026-11-02T07:00", spw=3, routine="warm-up"),
    sess("2026-11-02T07:20", spw=2, routine="strength"),
    sess("2026-11-03T07:00", spw=3, routine="warm-up"),
    sess("2026-11-04T07:00", spw=3, routine="warm-up"),
    sess("2026-11-05T07:00", spw=3, routine="warm-up"),  # a 4th warm-up: no extra credit
    sess("2026-11-06T07:00", spw=3, routine="warm-up"),  # nor a 5th
    # 2026-W46 (Mon 9 Nov): both plans met (strength listed first: it came first)
    sess("2026-11-09T07:00", spw=2, routine="strength"),
    sess("2026-11-10T07:00", spw=3, routine="warm-up"),
    sess("2026-11-11T07:00", spw=2, routine="strength", status="stopped", completed=7),
    sess("2026-11-12T07:00", spw=3, routine="warm-up"),
    sess("2026-11-13T07:00", spw=3, routine="warm-up"),
    # 2026-W47 (Mon 16 Nov): the warm-up once, the strength work half-done once (4 of 8 sets)
    sess("2026-11-16T07:00", spw=3, routine="warm-up"),
    sess("2026-11-18T07:00", spw=2, routine="strength", status="stopped", planned=8, completed=4),
    # 2026-W48 and W49: nothing, so both routines carry on as missed
]


def test_each_routine_counts_against_its_own_plan() -> None:
    weeks = weekly_adherence(WARM_UP_AND_STRENGTH, start=None, end=date(2026, 12, 1))
    rows = [
        (w.label, w.planned, w.done, w.ratio, w.met, w.sessions, w.completed_sessions,
         [(r.title, r.planned, r.done, r.counted, r.sessions, r.met) for r in w.routines])
        for w in weeks
    ]  # fmt: skip
    assert rows == [
        # pooled, 6 sessions against the larger plan of 3 would read 200 %; per routine the
        # warm-up counts 3 of 3 (5 done) and strength 1 of 2: (3 + 1) / (3 + 2) = 80 %
        ("2026-W45", 5, 4.0, 0.8, False, 6, 6,
         [("Warm-Up", 3, 5.0, 3, 5, True), ("Strength", 2, 1.0, 1.0, 1, False)]),
        # a stopped session with all its sets done counts 1: (2 + 3) / 5
        ("2026-W46", 5, 5.0, 1.0, True, 5, 4,
         [("Strength", 2, 2.0, 2.0, 2, True), ("Warm-Up", 3, 3.0, 3.0, 3, True)]),
        # (1 + 0.5) / 5 = 0.3
        ("2026-W47", 5, 1.5, 0.3, False, 2, 1,
         [("Warm-Up", 3, 1.0, 1.0, 1, False), ("Strength", 2, 0.5, 0.5, 1, False)]),
        # carried from W47, the last week with sessions: 0 of 5
        ("2026-W48", 5, 0.0, 0.0, False, 0, 0,
         [("Warm-Up", 3, 0.0, 0.0, 0, False), ("Strength", 2, 0.0, 0.0, 0, False)]),
        ("2026-W49", 5, 0.0, 0.0, False, 0, 0,
         [("Warm-Up", 3, 0.0, 0.0, 0, False), ("Strength", 2, 0.0, 0.0, 0, False)]),
    ]  # fmt: skip
    assert streak(weeks[:3]) == 1  # W46 met; W47 (taken as this week) not yet


def test_a_routine_left_out_of_a_week_with_other_sessions_is_not_counted_missed() -> None:
    # W46 of the table above with the strength sessions removed: only the warm-up is planned
    sessions = [s for s in WARM_UP_AND_STRENGTH[6:11] if s.routine_hash == "warm-up"]
    (only,) = weekly_adherence(sessions, start=None, end=date(2026, 11, 15))
    assert (only.planned, only.done, only.ratio) == (3, 3.0, 1.0)
    assert [r.routine_hash for r in only.routines] == ["warm-up"]


def test_a_plan_carried_into_the_range_keeps_every_routine() -> None:
    weeks = weekly_adherence(WARM_UP_AND_STRENGTH, start=date(2026, 11, 23), end=date(2026, 11, 23))
    assert [(w.planned, w.done, [r.routine_hash for r in w.routines]) for w in weeks] == [
        (5, 0.0, ["warm-up", "strength"])
    ]


def test_weeks_before_the_first_session_and_after_the_last() -> None:
    weeks = weekly_adherence(NOVEMBER[:1], start=date(2026, 10, 28), end=date(2026, 11, 12))
    assert weeks == [
        week((2026, 44), date(2026, 10, 26), 0, 0.0, None, None, 0, 0, ()),  # no plan yet
        week((2026, 45), date(2026, 11, 2), 3, 1.0, pytest.approx(1 / 3), pytest.approx(6 / 7),
             1, 1, (rw(3, 1.0, 1, 1),)),
        week((2026, 46), date(2026, 11, 9), 3, 0.0, 0.0, None, 0, 0, (rw(3, 0.0, 0, 0),)),
    ]  # fmt: skip


def test_a_plan_from_before_the_start_carries_into_the_range() -> None:
    weeks = weekly_adherence(NOVEMBER, start=date(2026, 11, 10), end=date(2026, 11, 10))
    assert weeks == [
        week((2026, 46), date(2026, 11, 9), 3, 0.0, 0.0, None, 0, 0, (rw(3, 0.0, 0, 0),))
    ]


def test_repeated_sets_never_count_more_than_the_whole_session() -> None:
    # stopped after 6 completed periods of 4 planned (sets repeated with "back"): counts 1, not
    # 1.5; a session planning no periods at all counts 0 unless completed
    sessions = [
        sess("2026-11-02T07:00", status="stopped", planned=4, completed=6),
        sess("2026-11-03T07:00", status="stopped", planned=0, completed=0),
    ]
    (only,) = weekly_adherence(sessions, start=None, end=date(2026, 11, 8))
    assert (only.done, only.work_share) == (1.0, 1.0)
    assert only.ratio == pytest.approx(1 / 3)


def test_no_sessions_gives_the_end_week_without_a_plan() -> None:
    assert weekly_adherence([], start=None, end=date(2027, 1, 1)) == [
        week((2026, 53), date(2026, 12, 28), 0, 0.0, None, None, 0, 0, ())
    ]
    with pytest.raises(ValueError, match="after end"):
        weekly_adherence([], start=date(2027, 1, 12), end=date(2027, 1, 1))


NEW_YEAR = [
    sess("2026-12-28T08:00", spw=2),  # Monday of 2026-W53 (2026 began on a Thursday)
    sess("2026-12-31T08:00", spw=2),  # Thursday, 2026-W53
    sess("2027-01-01T08:00", spw=2),  # Friday 1 January 2027: still 2026-W53
    sess("2027-01-03T23:30", spw=2),  # Sunday 23:30 UTC, but Monday 01:30 at UTC+2
]


def test_iso_weeks_across_the_year_boundary_in_utc() -> None:
    weeks = weekly_adherence(NEW_YEAR, start=date(2026, 12, 21), end=date(2027, 1, 10))
    assert weeks == [
        week((2026, 52), date(2026, 12, 21), 0, 0.0, None, None, 0, 0, ()),
        # 4 done of 2: 2 count toward the plan
        week((2026, 53), date(2026, 12, 28), 2, 2.0, 1.0, 1.0, 4, 4, (rw(2, 4.0, 4, 4),)),
        week((2027, 1), date(2027, 1, 4), 2, 0.0, 0.0, None, 0, 0, (rw(2, 0.0, 0, 0),)),
    ]
    assert weeks[1].label == "2026-W53" and weeks[2].label == "2027-W01"


def test_iso_weeks_follow_the_given_time_zone() -> None:
    plus_two = timezone(timedelta(hours=2))
    weeks = weekly_adherence(NEW_YEAR, start=None, end=date(2027, 1, 4), tz=plus_two)
    assert weeks == [
        week((2026, 53), date(2026, 12, 28), 2, 2.0, 1.0, 1.0, 3, 3, (rw(2, 3.0, 3, 3),)),
        week((2027, 1), date(2027, 1, 4), 2, 1.0, 0.5, 1.0, 1, 1, (rw(2, 1.0, 1, 1),)),
    ]


def plain_week(monday: date, ratio: float | None) -> WeekAdherence:
    iso = monday.isocalendar()
    return week((iso.year, iso.week), monday, 2, 0.0, ratio, None, 0, 0)


def weeks_from(*ratios: float | None, first: date = date(2026, 11, 2)) -> list[WeekAdherence]:
    return [plain_week(first + timedelta(weeks=i), r) for i, r in enumerate(ratios)]


@pytest.mark.parametrize(
    ("ratios", "expected"),
    [
        ((), 0),
        ((1.0, 1.5, 0.5, 1.0, 1.0, 0.0), 2),  # current week not met yet: counts from the one before
        ((1.0, 1.0, 1.0), 3),  # current week already met: it counts
        ((1.0, 0.9, 0.5), 0),  # the last complete week missed the plan
        ((1.0, None, 1.0, 0.2), 1),  # a week without a plan breaks the streak
        ((0.99, 1.0, 1.0), 2),
    ],
)
def test_streak(ratios: tuple[float | None, ...], expected: int) -> None:
    assert streak(weeks_from(*ratios)) == expected


def test_a_gap_between_weeks_breaks_the_streak() -> None:
    weeks = weeks_from(1.0, 1.0) + weeks_from(1.0, 1.0, first=date(2026, 11, 30))
    assert streak(weeks) == 2


@settings(max_examples=40)
@given(
    st.lists(
        st.tuples(
            st.datetimes(datetime(2026, 1, 1), datetime(2027, 12, 31)),
            st.sampled_from(["completed", "stopped", "interrupted", "running"]),
            st.integers(1, 7),
            st.integers(0, 9),
        ),
        max_size=25,
    )
)
def test_adherence_accounts_for_every_session_once(
    rows: list[tuple[datetime, str, int, int]],
) -> None:
    sessions = [
        sess(moment.isoformat(), status=status, spw=spw, planned=9, completed=done)
        for moment, status, spw, done in rows
    ]
    end = date(2027, 12, 31)
    weeks = weekly_adherence(sessions, start=None, end=end)
    assert sum(w.sessions for w in weeks) == len(sessions)
    assert all(w.monday.weekday() == 0 for w in weeks)
    assert all(
        b.monday - a.monday == timedelta(weeks=1) for a, b in zip(weeks, weeks[1:], strict=False)
    )
    assert weeks[-1].monday <= end < weeks[-1].monday + timedelta(weeks=1)
    for w in weeks:
        assert w.done <= w.sessions and w.done <= w.planned
        assert w.completed_sessions <= sum(r.done for r in w.routines) <= w.sessions
        assert w.planned == sum(r.planned for r in w.routines)
        assert w.done == pytest.approx(sum(min(r.done, r.planned) for r in w.routines))
        assert len({r.routine_hash for r in w.routines}) == len(w.routines)
        if w.sessions:
            assert sum(r.sessions for r in w.routines) == w.sessions
            assert w.planned >= 1 and w.ratio == pytest.approx(w.done / w.planned)
            assert 0 <= w.ratio <= 1
            assert w.met == all(r.done >= r.planned for r in w.routines)


# ------------------------------------------------------------------------------ pain series
def test_pain_series_moving_average_by_hand() -> None:
    afters = [None, 2, None, 4, 3, 5, 1, None, 6, 2, 4, 3]
    sessions = [
        sess(f"2026-11-{day:02d}T07:00", after=a, before=1, morning=day % 3 or None)
        for day, a in zip(range(1, 13), afters, strict=True)
    ]
    points = pain_series(list(reversed(sessions)))  # any input order: output is in time order
    assert [p.session_id for p in points] == [s.id for s in sessions]
    assert [p.after for p in points] == afters
    assert [p.moving_average for p in points] == pytest.approx(
        [
            None,  # no after-score yet
            2.0,  # [2]
            2.0,  # no score: the average so far
            3.0,  # [2, 4]
            3.0,  # [2, 4, 3]
            3.5,  # [2, 4, 3, 5] = 14 / 4
            3.0,  # [2, 4, 3, 5, 1] = 15 / 5
            3.0,
            3.5,  # [2, 4, 3, 5, 1, 6] = 21 / 6
            3.2857142857142856,  # [2, 4, 3, 5, 1, 6, 2] = 23 / 7
            3.5714285714285716,  # the first 2 drops out: [4, 3, 5, 1, 6, 2, 4] = 25 / 7
            3.4285714285714284,  # [3, 5, 1, 6, 2, 4, 3] = 24 / 7
        ]
    )
    assert points[0].day == date(2026, 11, 1) and points[0].before == 1
    assert [p.next_morning for p in points[:4]] == [1, 2, None, 1]


def test_pain_series_days_follow_the_time_zone() -> None:
    late = sess("2026-11-01T23:30", after=1)
    (point,) = pain_series([late], tz=timezone(timedelta(hours=1)))
    assert point.day == date(2026, 11, 2)
    assert point.started_at == datetime(2026, 11, 1, 23, 30, tzinfo=UTC)
