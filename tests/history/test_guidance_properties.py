"""Invariants of guidance format 1 over any history a user could record (hypothesis)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from hiprehab.history.guidance import PainGuidance, evaluate, rank, verdict
from hiprehab.history.guidance_report import as_dict, text_lines
from hiprehab.history.records import SessionRecord

AS_OF = datetime(2026, 12, 1, 23, 59, 59, 999999, tzinfo=UTC)
EARLIEST = AS_OF - timedelta(days=60)
scores = st.none() | st.integers(0, 10)
starts = st.integers(0, 60 * 24 * 60).map(lambda minutes: EARLIEST + timedelta(minutes=minutes))


@st.composite
def sessions(draw: st.DrawFn, start: st.SearchStrategy[datetime] = starts) -> SessionRecord:
    started = draw(start).replace(microsecond=0)
    planned = draw(st.integers(1, 12))
    status = draw(st.sampled_from(("completed", "stopped", "interrupted", "running")))
    return SessionRecord(
        id=draw(st.integers(1, 10**9)),
        routine_hash=draw(st.sampled_from(("a", "b", "c"))),
        routine_title="Routine",
        sessions_per_week=draw(st.integers(1, 7)),
        started_at=started,
        ended_at=None if status == "running" else started + timedelta(minutes=15),
        status=status,
        active_seconds=600.0,
        paused_seconds=0.0,
        pain_before=draw(scores),
        pain_after=draw(scores),
        pain_next_morning=draw(scores),
        morning_asked=False,
        note="",
        planned_work_periods=planned,
        completed_work_periods=draw(st.integers(0, planned)),
        recorded_work_periods=planned,
    )


histories = st.lists(sessions(), max_size=25, unique_by=lambda s: s.id)


def judge(history: list[SessionRecord]) -> PainGuidance:
    return evaluate(history, as_of=AS_OF, tz=UTC)


def _with(base: SessionRecord, **changes: object) -> SessionRecord:
    fields = {name: getattr(base, name) for name in SessionRecord.__dataclass_fields__}
    fields.update(changes)
    return SessionRecord(**fields)  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(histories, st.integers(0, 3), st.integers(0, 3), st.data())
def test_a_later_settled_green_morning_clears_a_red(
    history: list[SessionRecord], after: int, morning: int, data: st.DataObject
) -> None:
    latest = max((s.started_at for s in history), default=AS_OF - timedelta(days=3))
    latest = max(latest, AS_OF - timedelta(days=13))
    start = latest + timedelta(seconds=data.draw(st.integers(1, 3600)))
    if start > AS_OF:
        return
    before = data.draw(st.none() | st.integers(morning, 10))
    settled = _with(
        data.draw(sessions()),
        id=10**10,
        started_at=start,
        status="completed",
        pain_before=before,
        pain_after=after,
        pain_next_morning=morning,
    )
    assert judge([*history, settled]).colour == "green"


@st.composite
def red_sessions(draw: st.DrawFn) -> SessionRecord:
    base = draw(sessions(st.integers(0, 20 * 24 * 60).map(lambda m: AS_OF - timedelta(minutes=m))))
    red = _with(base, id=10**10 + draw(st.integers(0, 99)))
    red = _with(red, status=draw(st.sampled_from(("completed", "stopped", "interrupted"))))
    if verdict(red) != "red":
        red = _with(red, pain_after=draw(st.integers(6, 10)))
    return red


@settings(max_examples=300, deadline=None)
@given(histories, red_sessions())
def test_adding_a_red_session_never_makes_the_colour_better(
    history: list[SessionRecord], red: SessionRecord
) -> None:
    assert verdict(red) == "red"
    assert rank(judge([*history, red]).colour) >= rank(judge(history).colour)


@settings(max_examples=300, deadline=None)
@given(histories, sessions(), st.sampled_from(("pain_before", "pain_after", "pain_next_morning")))
def test_a_score_of_10_in_the_last_7_days_always_asks_for_a_clinician(
    history: list[SessionRecord], base: SessionRecord, which: str
) -> None:
    start = AS_OF - timedelta(days=6, hours=23)
    ten = _with(base, id=10**10, started_at=start, status="stopped", **{which: 10})
    guidance = judge([*history, ten])
    assert guidance.see_clinician and "severe-pain" in guidance.clinician_reasons


@settings(max_examples=300, deadline=None)
@given(histories)
def test_the_guidance_is_consistent(history: list[SessionRecord]) -> None:
    guidance = judge(history)
    assert (guidance.colour == "none") == (not guidance.reasons)
    assert all(reason.colour == guidance.colour for reason in guidance.reasons)
    assert guidance.see_clinician == bool(guidance.clinician_reasons)
    assert list(guidance.clinician_reasons) == sorted(
        guidance.clinician_reasons,
        key=("severe-pain", "red-twice", "rising", "not-improving").index,
    )
    for routine in guidance.routines:
        assert routine.advice != "progress" or not guidance.see_clinician
    assert as_dict(guidance)["colour"] == guidance.colour
    words = " ".join(text_lines(guidance, UTC)).lower()
    assert "safe" not in words  # never, and so never next to a score of 6 or more
    assert judge(list(reversed(history))) == guidance  # order of the input does not matter
