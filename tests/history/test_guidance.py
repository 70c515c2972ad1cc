"""Guidance format 1: every rule, its edges and its thresholds, worked out by hand.

All times are UTC and the rules are evaluated with tz=UTC, so "the last 14 days" as of the end of
1 December 2026 are the sessions that started from 18 November 00:00 on (the window is
(as_of - 14 days, as_of]).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from itertools import count

import pytest

from hiprehab.history.guidance import (
    PainGuidance,
    evaluate,
    rise_colour,
    score_colour,
    verdict,
)
from hiprehab.history.records import SessionRecord

AS_OF = datetime(2026, 12, 1, 23, 59, 59, 999999, tzinfo=UTC)
_ids = count(1)


def sess(
    start: str,
    *,
    status: str = "completed",
    routine: str = "hips",
    spw: int = 3,
    planned: int | None = 6,
    completed: int = 6,
    before: int | None = None,
    after: int | None = None,
    morning: int | None = None,
) -> SessionRecord:
    started = datetime.fromisoformat(start).replace(tzinfo=UTC)
    return SessionRecord(
        id=next(_ids),
        routine_hash=routine,
        routine_title=routine.title(),
        sessions_per_week=spw,
        started_at=started,
        ended_at=None if status == "running" else started + timedelta(minutes=20),
        status=status,
        active_seconds=900.0,
        paused_seconds=0.0,
        pain_before=before,
        pain_after=after,
        pain_next_morning=morning,
        morning_asked=morning is not None,
        note="",
        planned_work_periods=planned,
        completed_work_periods=completed,
        recorded_work_periods=completed,
    )


def judge(*sessions: SessionRecord, as_of: datetime = AS_OF) -> PainGuidance:
    return evaluate(sessions, as_of=as_of, tz=UTC)


# ------------------------------------------------------------------ one session's verdict
@pytest.mark.parametrize(
    ("score", "colour"),
    [(0, "green"), (3, "green"), (4, "amber"), (5, "amber"), (6, "red"), (10, "red")],
)
def test_zones_of_one_score(score: int, colour: str) -> None:
    assert score_colour(score) == colour


@pytest.mark.parametrize(
    ("rise", "colour"), [(-10, "green"), (0, "green"), (1, "amber"), (2, "red"), (9, "red")]
)
def test_zones_of_a_rise(rise: int, colour: str) -> None:
    assert rise_colour(rise) == colour


@pytest.mark.parametrize(
    ("scores", "colour"),
    [
        ({"after": 3}, "green"),
        ({"after": 4}, "amber"),
        ({"after": 6}, "red"),
        ({"before": 2, "morning": 2}, "green"),
        ({"before": 2, "morning": 3}, "amber"),
        ({"before": 2, "morning": 4}, "red"),  # a rise of 2
        ({"before": 7, "morning": 7}, "red"),  # no rise, but 7 on its own is red
        ({"before": 8, "morning": 5}, "amber"),  # fell 3 points, 5 on its own is amber
        ({"before": 7, "after": 3, "morning": 7}, "red"),  # the case from the issue
        ({"morning": 5}, "amber"),
        ({"morning": 3}, "green"),
        ({"after": 2, "before": 1, "morning": 2}, "amber"),
        ({"after": 5, "before": 3, "morning": 3}, "amber"),
        ({"before": 9}, "none"),  # a score before alone is not a verdict
    ],
)
def test_verdict_is_the_worse_of_its_parts(scores: dict[str, int], colour: str) -> None:
    assert verdict(sess("2026-11-30T07:00", **scores)) == colour  # type: ignore[arg-type]


# ------------------------------------------------------------------ current colour
def test_no_scored_session_in_14_days_is_none() -> None:
    assert judge().colour == "none"
    assert judge(sess("2026-11-30T07:00", before=3)).colour == "none"  # before only
    assert judge(sess("2026-11-17T23:59:59", after=8)).colour == "none"  # just outside
    assert judge(sess("2026-11-18T00:00", after=8)).colour == "red"  # just inside


def test_running_sessions_and_later_sessions_are_ignored() -> None:
    assert judge(sess("2026-11-30T07:00", status="running", after=9)).colour == "none"
    assert judge(sess("2026-12-02T00:00", after=9)).colour == "none"
    for status in ("completed", "stopped", "interrupted"):
        assert judge(sess("2026-11-30T07:00", status=status, after=9)).colour == "red"


def test_a_morning_that_did_not_settle_stays_until_a_later_morning_settles() -> None:
    red_morning = sess("2026-11-24T07:00", before=2, after=3, morning=5)
    good_after = sess("2026-11-26T07:00", before=2, after=1)
    assert judge(red_morning, good_after).colour == "red"  # an after alone never clears it
    settled = sess("2026-11-28T07:00", before=2, after=2, morning=2)
    assert judge(red_morning, good_after, settled).colour == "green"


def test_colour_is_the_worst_from_the_anchor_to_the_end() -> None:
    settled = sess("2026-11-24T07:00", before=2, after=2, morning=2)
    amber_after = sess("2026-11-26T07:00", after=4)
    green_after = sess("2026-11-28T07:00", after=1)
    guidance = judge(settled, amber_after, green_after)
    assert guidance.colour == "amber"
    assert [r.session_started_at for r in guidance.reasons] == [amber_after.started_at]
    assert all(r.colour == "amber" for r in guidance.reasons)


def test_without_any_morning_the_anchor_is_the_last_session() -> None:
    old_red = sess("2026-11-20T07:00", after=8)
    new_green = sess("2026-11-25T07:00", after=2)
    assert judge(old_red, new_green).colour == "green"


def test_the_issues_unsafe_cases_are_red() -> None:
    assert judge(sess("2026-11-30T07:00", before=7, after=3, morning=7)).colour == "red"
    assert judge(sess("2026-11-30T07:00", before=8, morning=8)).colour == "red"


# ------------------------------------------------------------------ see a clinician
def test_severe_pain_from_8_in_the_last_7_days() -> None:
    for key in ("before", "after", "morning"):
        guidance = judge(sess("2026-11-25T00:00", **{key: 8}))  # type: ignore[arg-type]
        assert guidance.clinician_reasons == ("severe-pain",), key
    assert not judge(sess("2026-11-25T00:00", before=7, after=7, morning=7)).see_clinician
    assert not judge(sess("2026-11-24T23:59:59", after=10)).see_clinician  # 8 days ago
    assert not judge(sess("2026-11-30T07:00", status="running", before=9)).see_clinician


def test_red_twice_needs_the_last_two_scored_sessions_red() -> None:
    first = sess("2026-11-20T07:00", before=1, after=6)
    unscored = sess("2026-11-22T07:00", before=2)
    second = sess("2026-11-23T07:00", before=1, morning=3)  # rise 2: red
    assert judge(first, unscored, second).clinician_reasons == ("red-twice",)
    assert not judge(first, sess("2026-11-23T07:00", after=5)).see_clinician
    assert not judge(first).see_clinician  # one is not two
    outside = sess("2026-11-17T07:00", after=7)
    assert not judge(outside, second).see_clinician  # the first is older than 14 days


def _week(days: list[int], befores: list[int]) -> list[SessionRecord]:
    return [sess(f"2026-11-{d:02d}T07:00", before=b) for d, b in zip(days, befores, strict=True)]


def test_rising_compares_this_week_with_the_week_before() -> None:
    # previous week: 18-24 Nov; this week: 25 Nov - 1 Dec
    earlier = _week([19, 22], [2, 3])  # mean 2.5
    assert judge(*earlier, *_week([26, 29], [4, 5])).clinician_reasons == ("rising",)  # 4.5
    assert not judge(*earlier, *_week([26, 29], [4, 4])).see_clinician  # 1.5 points only
    assert not judge(*earlier, *_week([29], [7])).see_clinician  # one session this week
    assert not judge(*_week([22], [1]), *_week([26, 29], [5, 5])).see_clinician
    # the week edges: 24 Nov 23:59 is last week, 25 Nov 00:00 this week
    edge = [sess("2026-11-24T23:59", before=2), sess("2026-11-25T00:00", before=5)]
    assert "rising" in judge(
        sess("2026-11-19T07:00", before=2), *edge, sess("2026-11-30T07:00", before=5)
    ).clinician_reasons


def test_not_improving_after_six_weeks() -> None:
    first_week = _week([1, 3], [4, 4])  # 1 Nov, 4/10: as_of is 30 days + later
    start = [sess("2026-10-20T07:00", before=4), sess("2026-10-24T07:00", before=4)]
    now = _week([28, 30], [3, 3])
    assert judge(*start, *now).clinician_reasons == ("not-improving",)  # 3 is not 4 - 2
    assert not judge(*start, *_week([28, 30], [2, 2])).see_clinician  # 2 < 3
    assert not judge(*first_week, *now).see_clinician  # first score only 30 days ago
    improved = [sess("2026-10-20T07:00", before=6), sess("2026-10-24T07:00", before=5)]
    assert not judge(*improved, *now).see_clinician  # 5.5 -> 3: 2.5 points better
    # exactly 42 days: 20 Oct 23:59:59.999999 + 42 days = as_of
    edge = sess("2026-10-20T23:59:59.999999", before=4)
    assert judge(edge, *now).clinician_reasons == ("not-improving",)
    too_late = sess("2026-10-21T00:00", before=4)
    assert not judge(too_late, *now).see_clinician
    # no pain before in the last 7 days: nothing to judge
    assert not judge(*start, sess("2026-11-28T07:00", after=3)).see_clinician


def test_not_improving_without_a_baseline_score_before() -> None:
    start = [sess("2026-10-20T07:00", after=4)]  # first scored session has no score before
    assert judge(*start, *_week([28, 30], [3, 4])).clinician_reasons == ("not-improving",)


def test_clinician_reasons_come_in_the_documented_order() -> None:
    sessions = [
        sess("2026-10-10T07:00", before=5),
        *_week([19, 20], [2, 2]),
        sess("2026-11-27T07:00", before=6, after=9),
        sess("2026-11-29T07:00", before=6, after=7),
    ]
    assert judge(*sessions).clinician_reasons == (
        "severe-pain",
        "red-twice",
        "rising",
        "not-improving",
    )


# ------------------------------------------------------------------ per routine
def test_progress_needs_two_full_settled_green_sessions() -> None:
    a = sess("2026-11-27T07:00", before=2, after=2, morning=2)
    b = sess("2026-11-29T07:00", before=2, after=3, morning=1)
    (only,) = judge(a, b).routines
    assert (only.hash, only.title, only.advice) == ("hips", "Hips", "progress")
    assert (only.sessions_last_7_days, only.sessions_per_week) == (2, 3)
    cases = {
        "no morning": sess("2026-11-29T07:00", before=2, after=2),
        "amber": sess("2026-11-29T07:00", before=2, after=4, morning=2),
        "stopped": sess("2026-11-29T07:00", status="stopped", before=2, after=2, morning=2),
        "a set missed": sess("2026-11-29T07:00", completed=5, before=2, after=2, morning=2),
    }
    for name, second in cases.items():
        assert judge(a, second).routines[0].advice == "hold", name
    assert judge(b).routines[0].advice == "hold"  # one session only


def test_progress_is_withheld_while_a_clinician_is_advised() -> None:
    a = sess("2026-11-27T07:00", before=8, after=2, morning=2)  # 8 before: severe pain
    b = sess("2026-11-29T07:00", before=2, after=2, morning=2)
    guidance = judge(a, b)
    assert guidance.see_clinician and guidance.routines[0].advice == "hold"


def test_regress_when_the_latest_scored_session_is_red() -> None:
    red = sess("2026-11-27T07:00", after=6)
    unscored = sess("2026-11-29T07:00")
    assert judge(red, unscored).routines[0].advice == "regress"
    assert judge(red, sess("2026-11-29T07:00", after=5)).routines[0].advice == "hold"


def test_each_routine_is_judged_on_its_own_sessions() -> None:
    warm = [sess(f"2026-11-{d}T07:00", routine="warm", spw=4, after=7) for d in (20, 30)]
    hips = [
        sess("2026-11-19T07:00", before=1, after=1, morning=1),
        sess("2026-11-21T07:00", before=1, after=1, morning=1),
    ]
    guidance = judge(*warm, *hips, sess("2026-11-10T07:00", routine="old", after=9))
    by_hash = {r.hash: r for r in guidance.routines}
    assert set(by_hash) == {"warm", "hips"}  # "old" had no session in the last 14 days
    assert by_hash["warm"].advice == "regress"
    assert by_hash["warm"].sessions_last_7_days == 1  # 30 Nov only
    assert by_hash["warm"].sessions_per_week == 4
    assert by_hash["hips"].advice == "progress"
    assert by_hash["hips"].sessions_last_7_days == 0
    assert [r.hash for r in guidance.routines] == ["warm", "hips"]  # most recent first


def test_sessions_of_any_finished_status_count_in_the_last_7_days() -> None:
    sessions = [
        sess("2026-11-25T00:00", status="stopped"),
        sess("2026-11-26T07:00", status="interrupted"),
        sess("2026-11-24T23:59"),  # 8th day back
        sess("2026-11-30T07:00", status="running"),
    ]
    assert judge(*sessions).routines[0].sessions_last_7_days == 2


# ------------------------------------------------------------------ local time
def test_days_are_counted_in_the_local_zone() -> None:
    plus_two = timezone(timedelta(hours=2))
    as_of = datetime(2026, 12, 1, 23, 59, 59, 999999, tzinfo=plus_two)
    # 17 Nov 22:30 UTC is 18 Nov 00:30 at +02:00: inside the 14 days there
    late = sess("2026-11-17T22:30", after=7)
    assert evaluate([late], as_of=as_of, tz=plus_two).colour == "red"
    assert evaluate([late], as_of=AS_OF, tz=UTC).colour == "none"


def test_as_of_must_be_aware() -> None:
    with pytest.raises(ValueError, match="aware"):
        evaluate([], as_of=datetime(2026, 12, 1))


def test_not_improving_stops_exactly_at_a_two_point_improvement() -> None:
    now = _week([28, 30], [3, 3])  # mean 3
    two_better = [sess("2026-10-20T07:00", before=5), sess("2026-10-24T07:00", before=5)]
    assert not judge(*two_better, *now).see_clinician  # 3 <= 5 - 2: improved
    just_short = [sess("2026-10-20T07:00", before=5), sess("2026-10-24T07:00", before=4)]
    assert judge(*just_short, *now).clinician_reasons == ("not-improving",)  # 3 > 4.5 - 2
    # the first week runs from the first scored session for 7 days, no longer
    late = sess("2026-10-27T07:00", before=9)  # 7 days after the first: not part of it
    assert judge(*just_short, late, *now).clinician_reasons == ("not-improving",)


def test_rising_at_exactly_two_points_and_just_below() -> None:
    earlier = _week([19, 22], [2, 2])  # mean 2
    assert judge(*earlier, *_week([26, 29], [4, 4])).clinician_reasons == ("rising",)  # +2
    assert not judge(*earlier, *_week([26, 29], [4, 3])).see_clinician  # +1.5
