"""Properties of progression and regression over random ranges, doses and advice sequences."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from hiprehab.history.adjustment_steps import easier_version, propose_step
from hiprehab.history.adjustments import Adjustment, apply_adjustments, version_levels
from hiprehab.routine.library import DoseRange, LibraryExercise, default_library
from hiprehab.routine.model import Exercise, Routine

T0 = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
TEMPLATE = default_library()["clamshell"]


@st.composite
def pairs(draw: st.DrawFn, low: int, high: int) -> tuple[int, int]:
    a, b = draw(st.integers(low, high)), draw(st.integers(low, high))
    return (min(a, b), max(a, b))


@st.composite
def cases(draw: st.DrawFn) -> tuple[Routine, dict[str, LibraryExercise]]:
    """A routine of library exercises (and now and then an inline one) with random ranges."""
    library: dict[str, LibraryExercise] = {}
    exercises = []
    for i in range(draw(st.integers(1, 4))):
        paced = draw(st.booleans())
        hold_range = draw(st.none() | pairs(0, 60).map(lambda p: (float(p[0]), float(p[1]))))
        dose_range = DoseRange(
            sets=draw(pairs(1, 5)),
            reps=draw(st.none() | pairs(1, 30)) if paced else None,
            hold=hold_range,
        )
        inline = draw(st.integers(0, 4)) == 0
        ident = f"ex-{i}"
        if not inline:
            library[ident] = replace(
                TEMPLATE, id=ident, dose_range=dose_range,
                easier=draw(st.sampled_from(("", "Easier."))),
                harder=draw(st.sampled_from(("", "Harder."))),
            )  # fmt: skip
        exercises.append(
            Exercise(
                name=f"Exercise {i}",
                sides="both",
                sets=draw(st.integers(1, 6)),
                reps=draw(st.integers(1, 32)) if paced else None,
                hold=float(draw(st.sampled_from((0, 2.5, 3, 5, 10, 20, 30, 45, 61)))),
                seconds_per_rep=3,
                rest=30,
                library_id=None if inline else ident,
            )
        )
    return Routine(title="Random", exercises=tuple(exercises), text="random"), library


def load(ex: Exercise) -> tuple[float, float, float]:
    return (ex.sets, -1 if ex.reps is None else ex.reps, ex.hold)


def in_range_or_as_written(
    routine: Routine, adjusted: Routine, library: dict[str, LibraryExercise]
) -> None:
    for original, ex in zip(routine.exercises, adjusted.exercises, strict=True):
        lib = library.get(ex.library_id or "")
        if lib is None:
            assert load(ex) == load(original)  # an inline exercise is never stepped
        elif load(ex) != load(original):
            assert lib.dose_range.allows(ex.sets, ex.reps, ex.hold)


@settings(max_examples=150, deadline=None)
@given(cases(), st.lists(st.sampled_from(("progress", "regress", "hold", "undo")), max_size=12))
def test_steps_stay_in_range_move_the_right_way_and_undo_exactly(
    case: tuple[Routine, dict[str, LibraryExercise]], advice: list[str]
) -> None:
    routine, library = case
    steps: list[Adjustment] = []
    for minute, word in enumerate(advice, start=1):
        active = [a for a in steps if a.active]
        before = apply_adjustments(routine, active, library=library)
        if word == "undo":
            if active:
                target = active[-1]
                steps = [
                    replace(a, undone_at=T0 + timedelta(minutes=minute)) if a is target else a
                    for a in steps
                ]
                remaining = [a for a in active if a is not target]
                after = apply_adjustments(routine, [a for a in steps if a.active], library=library)
                assert after == apply_adjustments(routine, remaining, library=library)
            continue
        offer = propose_step(routine, word, library, active)
        if word == "hold":
            assert offer is None
            continue
        if offer is None:
            continue
        assert (offer.new > offer.old) if word == "progress" else (offer.new < offer.old)
        step = replace(offer.adjustment(T0 + timedelta(minutes=minute)), id=minute)
        steps.append(step)
        after = apply_adjustments(routine, [*active, step], library=library)
        in_range_or_as_written(routine, after, library)
        for b, a in zip(before.exercises, after.exercises, strict=True):
            pairs_ = list(zip(load(b), load(a), strict=True))
            if word == "progress":
                assert all(new >= old for old, new in pairs_)
            else:
                assert all(new <= old for old, new in pairs_)
        levels_before = version_levels(routine, active, library=library)
        levels_after = version_levels(routine, [*active, step], library=library)
        changed = [(x, y) for x, y in zip(levels_before, levels_after, strict=True) if x != y]
        assert all((y > x) == (word == "progress") for x, y in changed)
        # the step taken back gives exactly what was there before
        undone = replace(step, undone_at=step.created_at + timedelta(seconds=1))
        assert apply_adjustments(routine, [*active, undone], library=library) == before
    assert apply_adjustments(routine, [], library=library) == routine


@settings(max_examples=150, deadline=None)
@given(cases())
def test_the_easier_version_stays_in_range_and_never_adds_load(
    case: tuple[Routine, dict[str, LibraryExercise]],
) -> None:
    routine, library = case
    easy = easier_version(routine, library)
    in_range_or_as_written(routine, easy, library)
    for original, ex in zip(routine.exercises, easy.exercises, strict=True):
        assert all(e <= o for o, e in zip(load(original), load(ex), strict=True))
    assert easy.text == routine.text
