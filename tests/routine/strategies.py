"""Hypothesis strategies for random valid routines, built straight from the model dataclasses.

Durations mix round values, zeros and awkward floats (2.5, 0.333, 1.1) so that microsecond
rounding is exercised; sizes stay small enough that driving a whole session tick by tick is fast.
Import as `from tests.routine.strategies import routines`.
"""

from __future__ import annotations

from hypothesis import strategies as st

from hiprehab.routine.model import SIDES, Exercise, Routine, Timing

NAMES = ("bridge", "clamshell", "side plank", "calf raise", "hip flexor stretch", "bird dog")

# Seconds for pauses: zero (no step), short, round and awkward values.
pauses = st.sampled_from((0, 0, 1, 2, 2.5, 3, 5, 10, 0.333, 1.1, 15, 30))


def _awkward_seconds(low: float, high: float) -> st.SearchStrategy[float]:
    """Floats with up to three decimals in [low, high], as a routine file might hold them."""
    return st.floats(min_value=low, max_value=high, allow_nan=False).map(lambda x: round(x, 3))


def timings() -> st.SearchStrategy[Timing]:
    return st.builds(
        Timing,
        prepare=pauses,
        switch_sides=pauses,
        rest_between_sets=pauses,
        rest_between_exercises=pauses,
    )


@st.composite
def exercises(draw: st.DrawFn) -> Exercise:
    """One exercise: paced reps (with or without a hold at the top) or a single hold."""
    paced = draw(st.booleans())
    if paced:
        long_hold = draw(st.integers(0, 9)) == 0  # now and then a hold long enough for HALFWAY
        reps = draw(st.integers(1, 3) if long_hold else st.integers(1, 10))
        hold = draw(_awkward_seconds(20, 25) if long_hold else st.sampled_from((0, 0, 1, 2.5, 5)))
        seconds_per_rep = draw(st.sampled_from((0, 1, 2, 2.5, 3, 4)) | _awkward_seconds(0.1, 4))
        if seconds_per_rep + hold <= 0:
            seconds_per_rep = 2
    else:
        reps = None
        hold = draw(st.sampled_from((0.5, 3, 10, 20, 30, 45)) | _awkward_seconds(0.2, 40))
        seconds_per_rep = draw(st.sampled_from((0, 3)))  # ignored without reps
    return Exercise(
        name=draw(st.sampled_from(NAMES)),
        sides=draw(st.sampled_from(SIDES)),
        sets=draw(st.integers(1, 3)),
        reps=reps,
        hold=hold,
        seconds_per_rep=seconds_per_rep,
        rest=draw(pauses),
    )


@st.composite
def routines(draw: st.DrawFn, max_exercises: int = 6) -> Routine:
    """A valid routine of 1..max_exercises exercises with random timing."""
    return Routine(
        title=draw(st.sampled_from(("Morning hips", "Quick strength", "Stretch"))),
        exercises=tuple(draw(st.lists(exercises(), min_size=1, max_size=max_exercises))),
        timing=draw(timings()),
    )


def make_exercise(name: str = "bridge", **overrides: object) -> Exercise:
    """A hand-made exercise for example-based tests: a 10 s hold on both sides unless overridden."""
    fields: dict[str, object] = {
        "name": name,
        "sides": "both",
        "sets": 1,
        "reps": None,
        "hold": 10.0,
        "seconds_per_rep": 3.0,
        "rest": 0.0,
    }
    fields.update(overrides)
    return Exercise(**fields)  # type: ignore[arg-type]
