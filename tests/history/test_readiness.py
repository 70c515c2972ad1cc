"""When the before-session choice is offered, what it says, and the guidance it reads."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from hiprehab.history import guidance as rules
from hiprehab.history import readiness
from hiprehab.history.store import HistoryStore, StoreError
from hiprehab.routine.model import Exercise, Routine

NOW = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Facts:
    colour: str = "green"
    see_clinician: bool = False
    clinician_reasons: tuple[str, ...] = ()


@pytest.mark.parametrize(
    ("pain", "facts", "asks"),
    [
        (None, None, False),  # skipped score, no history
        (0, None, False),
        (5, None, False),  # the edge: 5 is still acceptable
        (6, None, True),  # 6 is too much
        (10, None, True),
        (5, Facts("green"), False),
        (5, Facts("amber"), False),
        (5, Facts("none"), False),
        (6, Facts("green"), True),
        (2, Facts("red"), True),  # a red light asks whatever the score today
        (None, Facts("red"), True),
        # advice to see a clinician alone is on the start screen, not a question each time
        (0, Facts("green", True, ("not-improving",)), False),
        (None, Facts("amber", True, ("rising",)), False),
        (6, Facts("amber", True, ("rising",)), True),
        (5, Facts("amber", False, ()), False),
    ],
)
def test_needs_choice(pain: int | None, facts: Facts | None, asks: bool) -> None:
    assert readiness.needs_choice(pain, facts) is asks


def test_the_threshold_is_the_guidance_red_score() -> None:
    assert readiness.PAIN_TOO_HIGH == rules.RED_FROM == 6


def test_every_clinician_reason_has_its_own_sentence() -> None:
    texts = readiness.clinician_reason_texts(rules.CLINICIAN_REASONS)
    assert len(texts) == len(rules.CLINICIAN_REASONS) == len(set(texts))
    assert readiness.UNKNOWN_REASON not in texts
    assert "8" in texts[0]  # severe-pain first, in the guidance's order
    assert readiness.clinician_reason_texts(("rising", "severe-pain")) == (texts[2], texts[0])


def test_an_unknown_reason_is_said_once_and_never_dropped() -> None:
    texts = readiness.clinician_reason_texts(("new-rule", "other-rule", "red-twice"))
    assert texts[0] == readiness.UNKNOWN_REASON
    assert len(texts) == 2


def all_words(text: readiness.ChoiceText) -> str:
    return " ".join(
        [text.heading, *text.reasons, text.advice, *text.clinician_reasons, text.rest_detail,
         text.easier_detail, text.start_detail]
    )


def test_high_pain_says_the_score_and_why() -> None:
    text = readiness.choice_text("Hip stability", 7, None)
    assert text.reasons[0].startswith("Your pain is 7/10 before starting.")
    assert "flare" in text.reasons[0]
    assert "missed session" in text.rest_detail
    assert "Hip stability" in text.easier_detail
    assert not text.see_clinician and text.clinician_reasons == ()


def test_red_guidance_says_so_even_with_low_pain() -> None:
    text = readiness.choice_text("R", 2, Facts("red"))
    assert len(text.reasons) == 1
    assert "red" in text.reasons[0]
    assert "2/10" not in all_words(text)


def test_clinician_words_come_with_the_reasons() -> None:
    text = readiness.choice_text("R", 3, Facts("amber", True, ("rising", "not-improving")))
    assert text.see_clinician
    assert "clinician" in text.heading
    assert text.clinician_reasons == readiness.clinician_reason_texts(("rising", "not-improving"))


def test_never_safe_while_a_score_is_six_or_more() -> None:
    cases = itertools.product(
        [None, 6, 7, 8, 9, 10],
        ["green", "amber", "red", "none"],
        [False, True],
        [(), tuple(rules.CLINICIAN_REASONS)],
    )
    for pain, colour, clinician, codes in cases:
        facts = Facts(colour, clinician, codes if clinician else ())
        if not readiness.needs_choice(pain, facts):
            continue
        words = all_words(readiness.choice_text("Routine", pain, facts)).lower()
        assert "safe" not in words, (pain, colour, clinician)


ROUTINE = Routine(
    title="Test",
    exercises=(
        Exercise(name="Bridge", sides="both", sets=2, reps=10, hold=0, seconds_per_rep=3, rest=30),
    ),
)


def test_current_guidance_reads_the_store(tmp_path: Path) -> None:
    assert readiness.current_guidance(None) is None
    now = [NOW]
    with HistoryStore.open(tmp_path / "h.db", now=lambda: now[0]) as store:
        assert readiness.current_guidance(store) is None  # no history yet
        started = NOW - timedelta(days=1)
        sid = store.start_session(ROUTINE, started_at=started, pain_before=2)
        store.finish_session(
            sid, status="completed", active_seconds=60, paused_seconds=0,
            ended_at=started + timedelta(minutes=5),
        )
        store.set_pain_after(sid, 7)
        found = readiness.current_guidance(store)
        assert found is not None
        assert found.colour == "red"
        assert found == rules.evaluate(store.sessions(), as_of=NOW)
        now[0] = NOW + timedelta(days=30)
        later = readiness.current_guidance(store)
        assert later is not None and later.colour == "none"  # as of the store's now


def test_current_guidance_is_none_when_the_history_cannot_be_read() -> None:
    class Broken:
        def sessions(self) -> list[object]:
            raise StoreError("disk gone")

    assert readiness.current_guidance(Broken()) is None  # type: ignore[arg-type]
