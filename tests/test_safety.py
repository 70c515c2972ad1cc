"""The safety texts say what they must, and the pain zones classify every score exactly once."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hiprehab import safety
from hiprehab.safety import (
    DISCLAIMER,
    NEXT_MORNING_RULE,
    PAIN_SCALE_MAX,
    PAIN_SCALE_MIN,
    PAIN_SCALE_WORDS,
    PAIN_ZONES,
    RED_FLAGS,
    SEE_CLINICIAN,
    pain_zone,
)

CLINICIAN_WORDS = ("doctor", "physiotherapist", "clinician")


def test_disclaimer_says_it_is_not_medical_advice() -> None:
    text = DISCLAIMER.lower()
    assert "not medical advice" in text
    assert "diagnose" in text and "treat" in text
    assert any(word in text for word in CLINICIAN_WORDS)


def test_see_clinician_says_to_stop_and_whom_to_see() -> None:
    text = SEE_CLINICIAN.lower()
    assert "stop" in text
    assert any(word in text for word in CLINICIAN_WORDS)


def test_texts_are_tidy_sentences() -> None:
    for text in (DISCLAIMER, SEE_CLINICIAN, NEXT_MORNING_RULE, *RED_FLAGS):
        assert text and text == text.strip() and "  " not in text, text
        assert text[0].isupper() or text.startswith("hiprehab "), text
        assert text.endswith("."), text


def test_red_flags_are_short_distinct_sentences() -> None:
    assert isinstance(RED_FLAGS, tuple) and len(RED_FLAGS) >= 5
    assert len(set(RED_FLAGS)) == len(RED_FLAGS)
    for flag in RED_FLAGS:
        assert isinstance(flag, str) and len(flag) <= 200, flag


# The reference's "Stop and see a clinician" signs; each must be covered by one red flag
# containing all the words of at least one of its alternatives.
MAIN_SIGNS: dict[str, list[tuple[str, ...]]] = {
    "night or rest pain": [("night",), ("rest",)],
    "groin pain on weight bearing": [("groin", "weight")],
    "possible stress fracture": [("stress fracture",)],
    "fever": [("fever",)],
    "hot swollen joint": [("hot", "swollen")],
    "numbness": [("numb",)],
    "weakness": [("weak",)],
    "not improving": [("not getting better",), ("not improving",)],
    "sudden severe pain or injury": [("sudden", "severe")],
    "locking or catching": [("locking",), ("catching",)],
    "unexplained weight loss": [("losing weight",), ("weight loss",)],
}


@pytest.mark.parametrize("sign", sorted(MAIN_SIGNS))
def test_red_flags_cover_the_main_signs(sign: str) -> None:
    flags = [flag.lower() for flag in RED_FLAGS]
    assert any(
        all(word in flag for word in alternative)
        for flag in flags
        for alternative in MAIN_SIGNS[sign]
    ), f"no red flag mentions {sign}"


def test_pain_scale_words() -> None:
    assert PAIN_SCALE_WORDS == {0: "No pain", 10: "Worst pain imaginable"}
    assert (PAIN_SCALE_MIN, PAIN_SCALE_MAX) == (0, 10)


def test_pain_zones_follow_the_pain_monitoring_model() -> None:
    bands = [(zone.key, zone.low, zone.high) for zone in PAIN_ZONES]
    assert bands == [("safe", 0, 3), ("acceptable", 4, 5), ("too_much", 6, 10)]
    for zone in PAIN_ZONES:
        assert zone.label and zone.explanation.strip() and zone.explanation.endswith(".")
    assert "next morning" in NEXT_MORNING_RULE
    assert "next morning" in PAIN_ZONES[1].explanation  # acceptable only if it settles


def test_pain_zones_cover_the_scale_without_gaps_or_overlaps() -> None:
    for score in range(PAIN_SCALE_MIN, PAIN_SCALE_MAX + 1):
        containing = [zone for zone in PAIN_ZONES if zone.contains(score)]
        assert len(containing) == 1, score
        assert pain_zone(score) is containing[0]
    assert [pain_zone(s).key for s in (0, 3, 4, 5, 6, 10)] == [
        "safe",
        "safe",
        "acceptable",
        "acceptable",
        "too_much",
        "too_much",
    ]


@settings(max_examples=50)
@given(st.integers().filter(lambda n: not PAIN_SCALE_MIN <= n <= PAIN_SCALE_MAX))
def test_scores_outside_the_scale_are_a_programming_error(score: int) -> None:
    with pytest.raises(ValueError, match=str(score)):
        pain_zone(score)


@pytest.mark.parametrize("bad", [True, 4.0, "4", None])
def test_non_integer_scores_are_rejected(bad: object) -> None:
    with pytest.raises(TypeError):
        pain_zone(bad)  # type: ignore[arg-type]


def test_zones_are_immutable() -> None:
    zone = PAIN_ZONES[0]
    with pytest.raises(AttributeError):
        zone.high = 9  # type: ignore[misc]
    assert isinstance(safety.PAIN_ZONES, tuple)


def test_no_zone_label_calls_a_score_safe() -> None:
    """The pain plot shows the zone labels beside scores of 6 and more: none says "safe"."""
    assert [zone.label for zone in PAIN_ZONES] == ["Low", "Acceptable", "Too much"]
    assert not any("safe" in (z.label + z.explanation).lower() for z in PAIN_ZONES)
