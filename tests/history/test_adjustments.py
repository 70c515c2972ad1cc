"""Progression and regression steps: the offer rule, layering, today's easier version."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from hiprehab.history.adjustment_steps import (
    StepOffer,
    due_offer,
    easier_version,
    offer_is_due,
    propose_step,
)
from hiprehab.history.adjustments import (
    Adjustment,
    apply_adjustments,
    change_text,
    marker_text,
    version_levels,
)
from hiprehab.history.records import routine_hash
from hiprehab.routine.library import default_library
from hiprehab.routine.loader import load_routine_text
from hiprehab.routine.model import Exercise, Routine

T0 = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
LIBRARY = default_library()

TEXT = """\
format = 1
title = "Hip strength"

[[exercise]]
name = "Wall sit"
sides = "both"
sets = 2
hold = 20

[[exercise]]
use = "clamshell"
sets = 2
reps = 15

[[exercise]]
use = "side-plank"
sets = 3
hold = 20
"""


def routine(text: str = TEXT) -> Routine:
    return load_routine_text(text, source_name="test.toml", base_dir=None, library=LIBRARY)


def accept(offer: StepOffer | None, minutes: int) -> Adjustment:
    assert offer is not None
    return replace(offer.adjustment(T0 + timedelta(minutes=minutes)), id=minutes)


def test_progress_steps_reps_first_on_the_first_library_exercise() -> None:
    r = routine()
    offer = propose_step(r, "progress", LIBRARY, [])
    assert offer is not None
    # the inline wall sit is never stepped; clamshell reps 15 -> 17 (range 10-20)
    assert (offer.exercise_index, offer.field, offer.old, offer.new) == (1, "reps", 15, 17)
    assert offer.change == "Clamshell: 17 reps instead of 15"
    assert offer.routine_hash == routine_hash(r)
    assert offer.direction == "progress"


def test_progress_goes_up_to_the_edge_of_the_range_then_on_to_sets() -> None:
    r = routine()
    steps: list[Adjustment] = []
    seen = []
    for minute in range(1, 6):
        offer = propose_step(r, "progress", LIBRARY, steps)
        steps.append(accept(offer, minute))
        seen.append((offer.exercise_index, offer.field, offer.new) if offer else None)
    # 15 -> 17 -> 19 -> 20 (what is left to the edge), then sets 2 -> 3, then side plank hold
    assert seen == [(1, "reps", 17), (1, "reps", 19), (1, "reps", 20), (1, "sets", 3),
                    (2, "hold", 25)]  # fmt: skip
    adjusted = apply_adjustments(r, steps, library=LIBRARY)
    clam = adjusted.exercises[1]
    assert (clam.sets, clam.reps) == (3, 20)
    assert clam.adjustment == "3 sets instead of 2; 20 reps instead of 15"
    assert adjusted.exercises[0] == r.exercises[0]
    assert adjusted.text == r.text and routine_hash(adjusted) == routine_hash(r)


def test_when_no_dose_step_fits_the_harder_version_is_offered() -> None:
    text = TEXT.replace("sets = 2\nreps = 15", "sets = 3\nreps = 20").replace(
        "sets = 3\nhold = 20", "sets = 3\nhold = 30"
    )
    r = routine(text)
    offer = propose_step(r, "progress", LIBRARY, [])
    assert offer is not None and offer.field == "version"
    assert (offer.exercise_index, offer.old, offer.new) == (1, 0, 1)
    assert offer.text == LIBRARY["clamshell"].harder
    step = accept(offer, 1)
    adjusted = apply_adjustments(r, [step], library=LIBRARY)
    assert adjusted.exercises[1].version_note == LIBRARY["clamshell"].harder
    assert marker_text(adjusted.exercises[1]).startswith("Your adjustment: the harder version. ")
    assert version_levels(r, [step]) == (0, 1, 0)
    # next: the side plank's harder version, then nothing is left
    second = propose_step(r, "progress", LIBRARY, [step])
    assert second is not None and (second.exercise_index, second.field) == (2, "version")
    assert propose_step(r, "progress", LIBRARY, [step, accept(second, 2)]) is None


def test_regress_steps_hold_then_sets_then_reps() -> None:
    r = routine()
    offer = propose_step(r, "regress", LIBRARY, [])
    # clamshell has no hold range; its sets 2 -> 1 come before its reps
    assert offer is not None and (offer.exercise_index, offer.field, offer.new) == (1, "sets", 1)
    assert offer.change == "Clamshell: 1 set instead of 2"
    steps = [accept(offer, 1)]
    offer = propose_step(r, "regress", LIBRARY, steps)
    assert offer is not None and (offer.field, offer.old, offer.new) == ("reps", 15, 13)


def test_regress_from_the_harder_version_goes_back_to_the_exercise_as_written() -> None:
    text = TEXT.replace("sets = 2\nreps = 15", "sets = 1\nreps = 10").replace(
        "sets = 3\nhold = 20", "sets = 1\nhold = 10"
    )
    r = routine(text)
    harder = Adjustment(routine_hash(r), 1, "clamshell", "version", 0, 1, "progress", T0,
                        text=LIBRARY["clamshell"].harder, id=1)  # fmt: skip
    offer = propose_step(r, "regress", LIBRARY, [harder])
    assert offer is not None and (offer.exercise_index, offer.old, offer.new) == (1, 1, 0)
    assert change_text("version", 1, 0) == "the exercise as written"
    back = apply_adjustments(r, [harder, accept(offer, 5)], library=LIBRARY)
    assert back == r  # net nothing: no marker left


def test_hold_advice_and_unknown_advice_give_no_offer() -> None:
    assert propose_step(routine(), "hold", LIBRARY, []) is None
    assert propose_step(routine(), "none", LIBRARY, []) is None


def test_an_inline_only_routine_is_never_stepped() -> None:
    text = TEXT.split("\n[[exercise]]\nuse")[0]
    assert propose_step(routine(text), "progress", LIBRARY, []) is None
    assert propose_step(routine(text), "regress", LIBRARY, []) is None


def test_a_dose_already_outside_the_range_is_left_alone() -> None:
    # clamshell reps 25 is above the sourced 10-20: no dose step, the easier version instead
    text = TEXT.replace("sets = 2\nreps = 15", "sets = 2\nreps = 25").replace(
        "sets = 3\nhold = 20", "sets = 1\nhold = 10"
    )
    offer = propose_step(routine(text), "regress", LIBRARY, [])
    assert offer is not None and (offer.exercise_index, offer.field) == (1, "version")
    assert offer.new == -1 and offer.text == LIBRARY["clamshell"].easier


def test_steps_that_no_longer_fit_are_left_out() -> None:
    r = routine()
    digest = routine_hash(r)
    moved = Adjustment(digest, 1, "bridge", "sets", 2, 3, "progress", T0, id=1)
    outside = Adjustment(digest, 1, "clamshell", "reps", 15, 40, "progress", T0, id=2)
    missing = Adjustment(digest, 9, "clamshell", "sets", 2, 3, "progress", T0, id=3)
    assert apply_adjustments(r, [moved, outside, missing], library=LIBRARY) == r


def test_undone_steps_do_not_apply_and_the_latest_step_wins() -> None:
    r = routine()
    digest = routine_hash(r)
    first = Adjustment(digest, 1, "clamshell", "reps", 15, 17, "progress", T0, id=1)
    second = Adjustment(digest, 1, "clamshell", "reps", 17, 19, "progress", T0 + timedelta(1), id=2)
    assert apply_adjustments(r, [second, first]).exercises[1].reps == 19
    undone = replace(second, undone_at=T0 + timedelta(2))
    assert apply_adjustments(r, [first, undone]).exercises[1].reps == 17
    assert apply_adjustments(r, [replace(first, undone_at=T0 + timedelta(2))]) == r


def test_easier_version_is_one_regression_step_on_every_library_exercise() -> None:
    r = routine()
    easy = easier_version(r, LIBRARY)
    wall, clam, plank = easy.exercises
    assert wall == r.exercises[0]
    assert (clam.sets, clam.reps) == (1, 15)
    assert plank.hold == 15 and plank.sets == 3
    assert plank.adjustment == "easier today, 15 s hold instead of 20"
    assert easy.text == r.text and routine_hash(easy) == routine_hash(r)
    assert easy.duration_us() < r.duration_us()


def test_an_offer_is_due_only_after_a_session_with_the_last_step() -> None:
    step = Adjustment("h", 0, "clamshell", "reps", 15, 17, "progress", T0)
    assert offer_is_due([], T0)
    assert not offer_is_due([], None)
    assert not offer_is_due([step], T0 - timedelta(minutes=1))
    assert offer_is_due([step], T0 + timedelta(minutes=1))


@pytest.mark.parametrize(
    ("field", "old", "new", "words"),
    [
        ("sets", 2, 3, "3 sets instead of 2"),
        ("sets", 2, 1, "1 set instead of 2"),
        ("reps", 10, 12, "12 reps instead of 10"),
        ("hold", 20, 25, "25 s hold instead of 20"),
        ("hold", 2.5, 7.5, "7.5 s hold instead of 2.5"),
        ("version", 0, -1, "the easier version"),
    ],
)
def test_changes_in_words(field: str, old: float, new: float, words: str) -> None:
    assert change_text(field, old, new) == words  # type: ignore[arg-type]


def test_an_exercise_without_change_has_no_marker() -> None:
    ex = Exercise("Bridge", "both", 2, 10, 0, 3, 30)
    assert marker_text(ex) == ""
    assert marker_text(replace(ex, adjustment="3 sets instead of 2")) == (
        "Your adjustment: 3 sets instead of 2"
    )


def test_a_due_offer_waits_for_a_session_after_the_last_step() -> None:
    r = routine()
    first = propose_step(r, "progress", LIBRARY, [])
    step = accept(first, 1)
    assert due_offer(r, "progress", LIBRARY, [], T0) == first
    assert due_offer(r, "hold", LIBRARY, [], T0) is None
    assert due_offer(r, None, LIBRARY, [], T0) is None
    assert due_offer(r, "progress", LIBRARY, [step], T0) is None  # made after that session
    later = due_offer(r, "progress", LIBRARY, [step], T0 + timedelta(hours=1))
    assert later is not None and (later.old, later.new) == (17, 19)
    undone = replace(step, undone_at=T0 + timedelta(minutes=2))
    again = due_offer(r, "progress", LIBRARY, [undone], T0 + timedelta(hours=1))
    assert again == first
