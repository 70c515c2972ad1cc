"""The words and sounds for each engine event, checked on real timelines and a real engine."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings

from hiprehab.i18n import use_language
from hiprehab.routine.loader import load_routine_text
from hiprehab.routine.model import Exercise, Routine, Timing
from hiprehab.session.announcements import (
    Sound,
    announcement_for,
    duration_words,
    sound_for,
    whole_seconds,
)
from hiprehab.session.clock import FakeClock
from hiprehab.session.engine import Event, EventKind, SessionEngine, WorkOutcome
from hiprehab.session.timeline import Step, StepKind, build_timeline
from tests.routine.strategies import make_exercise, routines

TIMING = Timing(prepare=5, switch_sides=5, rest_between_sets=30, rest_between_exercises=30)


def timeline(*exercises: Exercise, timing: Timing = TIMING) -> list[Step]:
    return build_timeline(Routine("test", tuple(exercises), timing))


def first(steps: list[Step], kind: StepKind) -> Step:
    return next(s for s in steps if s.kind is kind)


def started(step: Step) -> Event:
    return Event(EventKind.STEP_STARTED, step)


def say_and_play(event: Event) -> tuple[str | None, Sound | None]:
    return announcement_for(event), sound_for(event)


CLAMSHELL = make_exercise("Clamshell", sides="each", sets=3, reps=15, hold=0, rest=30)
PLANK = make_exercise("Plank", sides="both", sets=2, reps=None, hold=30, rest=30)
BRIDGE = make_exercise("Bridge", sides="both", sets=1, reps=12, hold=3)


# ----- step starts ------------------------------------------------------------------------


def test_prepare_names_exercise_first_side_and_reps() -> None:
    step = first(timeline(CLAMSHELL), StepKind.PREPARE)
    assert say_and_play(started(step)) == ("Get ready: Clamshell, left side, 15 reps", None)


def test_prepare_for_a_hold_on_both_sides() -> None:
    step = first(timeline(PLANK), StepKind.PREPARE)
    assert announcement_for(started(step)) == "Get ready: Plank, hold 30 seconds"


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"reps": 1, "hold": 0}, "Get ready: Bridge, 1 rep"),
        ({"reps": 12, "hold": 3}, "Get ready: Bridge, 12 reps, 3 second hold"),
        ({"reps": 6, "hold": 1}, "Get ready: Bridge, 6 reps, 1 second hold"),
        ({"reps": 6, "hold": 2.5}, "Get ready: Bridge, 6 reps, 3 second hold"),
        ({"reps": None, "hold": 1}, "Get ready: Bridge, hold 1 second"),
        ({"reps": None, "hold": 0.3}, "Get ready: Bridge, hold 1 second"),
        ({"reps": None, "hold": 20.4}, "Get ready: Bridge, hold 20 seconds"),
        ({"reps": None, "hold": 60}, "Get ready: Bridge, hold 1 minute"),
        ({"reps": None, "hold": 90}, "Get ready: Bridge, hold 90 seconds"),
        ({"reps": None, "hold": 120}, "Get ready: Bridge, hold 2 minutes"),
        ({"sides": "right", "reps": 10, "hold": 0}, "Get ready: Bridge, right side only, 10 reps"),
        (
            {"sides": "left", "reps": None, "hold": 20},
            "Get ready: Bridge, left side only, hold 20 seconds",
        ),
    ],
)
def test_prepare_dosing_is_pluralised_and_spoken_in_whole_seconds(
    overrides: dict[str, object], expected: str
) -> None:
    step = first(timeline(make_exercise("Bridge", **overrides)), StepKind.PREPARE)
    assert announcement_for(started(step)) == expected


def test_work_start_plays_the_start_sound_with_one_short_word() -> None:
    step = first(timeline(CLAMSHELL), StepKind.WORK)
    assert say_and_play(started(step)) == ("Go", Sound.WORK_START)


def test_switch_announces_the_side_coming_next_and_beeps_once() -> None:
    step = first(timeline(CLAMSHELL), StepKind.SWITCH)
    assert say_and_play(started(step)) == ("Switch sides, right side next", None)
    assert say_and_play(Event(EventKind.SWITCH_SIDES, step)) == (None, Sound.SWITCH_SIDES)


def test_switch_without_a_known_side_still_says_switch() -> None:
    step = first(timeline(CLAMSHELL), StepKind.SWITCH)
    odd = Step(**{**step.__dict__, "side": "none"})
    assert announcement_for(started(odd)) == "Switch sides"


def test_rest_between_sets_gives_its_length() -> None:
    step = first(timeline(CLAMSHELL), StepKind.REST)
    assert say_and_play(started(step)) == ("Rest, 30 seconds", None)


@pytest.mark.parametrize(
    ("rest", "words"), [(1, "1 second"), (10, "10 seconds"), (45.5, "46 seconds"), (60, "1 minute")]
)
def test_rest_lengths(rest: float, words: str) -> None:
    step = first(timeline(make_exercise("Plank", sets=2, rest=rest)), StepKind.REST)
    assert announcement_for(started(step)) == f"Rest, {words}"


def test_rest_before_a_new_exercise_names_it() -> None:
    step = first(timeline(CLAMSHELL, BRIDGE), StepKind.TRANSITION)
    assert say_and_play(started(step)) == ("Rest, 30 seconds. Next: Bridge", None)


def test_only_the_transition_previews_the_next_exercise() -> None:
    steps = timeline(PLANK, BRIDGE)
    rest = first(steps, StepKind.REST)
    assert rest.next_exercise is not None  # a rest between sets knows what follows later ...
    assert announcement_for(started(rest)) == "Rest, 30 seconds"  # ... but stays on its set


# ----- events within steps ----------------------------------------------------------------


@pytest.mark.parametrize("value", [3, 2, 1])
def test_countdown_is_a_tick_without_words(value: int) -> None:
    step = first(timeline(CLAMSHELL), StepKind.PREPARE)
    assert say_and_play(Event(EventKind.COUNTDOWN, step, value)) == (None, Sound.COUNTDOWN)


def test_reps_after_the_first_get_a_soft_click() -> None:
    step = first(timeline(CLAMSHELL), StepKind.WORK)
    assert say_and_play(Event(EventKind.REP, step, 1)) == (None, None)  # the start sound covers it
    assert say_and_play(Event(EventKind.REP, step, 2)) == (None, Sound.REP)
    assert say_and_play(Event(EventKind.REP, step, 15)) == (None, Sound.REP)


def test_halfway_is_said() -> None:
    step = first(timeline(PLANK), StepKind.WORK)
    assert say_and_play(Event(EventKind.HALFWAY, step)) == ("Halfway", None)


@pytest.mark.parametrize(
    ("status", "sound"), [("completed", Sound.WORK_END), ("skipped", None), ("stopped", None)]
)
def test_work_end_sound_only_when_the_work_ran_out(status: str, sound: Sound | None) -> None:
    step = first(timeline(PLANK), StepKind.WORK)
    work = WorkOutcome(step, status, 30.0, 30.0)  # type: ignore[arg-type]
    assert say_and_play(Event(EventKind.WORK_FINISHED, step, None, work)) == (None, sound)


def test_session_done_plays_and_says_well_done() -> None:
    step = timeline(PLANK)[-1]
    assert say_and_play(Event(EventKind.SESSION_DONE, step)) == (
        "Session complete. Well done.",
        Sound.SESSION_DONE,
    )


def test_sleep_says_paused() -> None:
    step = timeline(PLANK)[0]
    assert say_and_play(Event(EventKind.SLEEP_DETECTED, step, 3600)) == ("Paused", None)


@pytest.mark.parametrize(
    "kind", [EventKind.PAUSED, EventKind.RESUMED, EventKind.STOPPED, EventKind.EXERCISE_DONE]
)
def test_events_the_runner_caused_or_that_a_phrase_follows_are_silent(kind: EventKind) -> None:
    step = timeline(PLANK)[1]
    assert say_and_play(Event(kind, step)) == (None, None)


def test_every_event_kind_is_decided() -> None:
    """A new EventKind must be given a cue (or silence) here on purpose, not by accident."""
    step = first(timeline(CLAMSHELL), StepKind.WORK)
    work = WorkOutcome(step, "completed", 45.0, 45.0)
    cued = {kind for kind in EventKind if say_and_play(Event(kind, step, 2, work)) != (None, None)}
    assert cued == {
        EventKind.STEP_STARTED,
        EventKind.COUNTDOWN,
        EventKind.HALFWAY,
        EventKind.REP,
        EventKind.SWITCH_SIDES,
        EventKind.WORK_FINISHED,
        EventKind.SESSION_DONE,
        EventKind.SLEEP_DETECTED,
    }


# ----- wording helpers --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "spoken"), [(0, 0), (0.2, 1), (0.5, 1), (1.49, 1), (1.5, 2), (2.5, 3), (29.6, 30)]
)
def test_whole_seconds_round_half_up_and_never_say_zero_for_something(
    seconds: float, spoken: int
) -> None:
    assert whole_seconds(seconds) == spoken


def test_duration_words() -> None:
    assert duration_words(1) == "1 second"
    assert duration_words(59.6) == "1 minute"
    assert duration_words(61) == "61 seconds"
    assert duration_words(180) == "3 minutes"


# ----- a whole session through the real engine --------------------------------------------


def run_session(routine: Routine, tick: float = 0.25) -> list[tuple[str | None, Sound | None]]:
    """Drive the engine with a fake clock and collect every cue in the order it would play."""
    clock = FakeClock()
    engine = SessionEngine.for_routine(routine, clock)
    cues: list[tuple[str | None, Sound | None]] = []
    engine.subscribe(lambda e: cues.append(say_and_play(e)))
    engine.start()
    while engine.status == "running":
        clock.advance(tick)
        engine.update()
    return [c for c in cues if c != (None, None)]


def test_a_whole_session_sounds_right() -> None:
    clam = make_exercise("Clamshell", sides="each", sets=1, reps=2, hold=0, seconds_per_rep=3)
    plank = make_exercise("Plank", sides="both", sets=2, reps=None, hold=20, rest=10)
    timing = Timing(prepare=5, switch_sides=4, rest_between_sets=10, rest_between_exercises=15)
    tick, go, end = Sound.COUNTDOWN, Sound.WORK_START, Sound.WORK_END
    countdown = [(None, tick)] * 3
    assert run_session(Routine("r", (clam, plank), timing)) == [
        ("Get ready: Clamshell, left side, 2 reps", None),
        *countdown,
        ("Go", go),
        (None, Sound.REP),
        *countdown,
        (None, end),
        ("Switch sides, right side next", None),
        (None, Sound.SWITCH_SIDES),
        *countdown,
        ("Go", go),
        (None, Sound.REP),
        *countdown,
        (None, end),
        ("Rest, 15 seconds. Next: Plank", None),
        ("Get ready: Plank, hold 20 seconds", None),
        *countdown,  # across the transition and the prepare step
        ("Go", go),
        ("Halfway", None),
        *countdown,
        (None, end),
        ("Rest, 10 seconds", None),
        *countdown,
        ("Go", go),
        ("Halfway", None),
        *countdown,
        (None, end),
        ("Session complete. Well done.", Sound.SESSION_DONE),
    ]


def test_paced_reps_with_long_holds_hear_halfway_in_each_hold() -> None:
    bridge = make_exercise("Bridge", reps=3, seconds_per_rep=2, hold=20)  # three 22 s reps
    cues = run_session(Routine("r", (bridge,), Timing(prepare=5)))
    halfway, click = ("Halfway", None), (None, Sound.REP)
    assert [c for c in cues if c in (halfway, click)] == [
        halfway, click, halfway, click, halfway,  # never on the click that starts a rep
    ]


# "20 second hold" uses the number as an adjective: singular on purpose.
NUMBER_WORD = re.compile(r"\b(\d+) (rep|second|minute)(s?)\b(?! hold)")


@settings(max_examples=40)
@given(routines(max_exercises=3))
def test_every_phrase_is_short_whole_numbered_and_pluralised(routine: Routine) -> None:
    for text, _ in run_session(routine, tick=0.5):
        if text is None:
            continue
        bare = text
        for exercise in routine.exercises:
            bare = bare.replace(exercise.name, "X")
        assert len(bare.split()) <= 12, text  # a few seconds to say, besides the name
        assert not re.search(r"\d\.\d", text), f"fractional number in {text!r}"
        for count, _word, s in NUMBER_WORD.findall(text):
            assert int(count) > 0, text
            assert (s == "") == (count == "1"), text


# ----- exercises whose halves have names of their own (a monster walk: forward, then back) -----

MONSTER = make_exercise(
    "Monster walk", sides="each", sets=2, reps=15, hold=0, rest=30, directions=("forward", "back")
)


def test_a_walk_out_and_back_announces_forward_and_back_not_sides() -> None:
    steps = timeline(MONSTER)
    prepare, switch = first(steps, StepKind.PREPARE), first(steps, StepKind.SWITCH)
    assert announcement_for(started(prepare)) == "Get ready: Monster walk, forward, 15 reps"
    assert say_and_play(started(switch)) == ("Switch: back next", None)
    said = [announcement_for(started(step)) or "" for step in steps]
    assert not any("side" in words for words in said), said


def test_directions_only_apply_to_each_side_work() -> None:
    one_side = make_exercise(
        "Monster walk", sides="left", reps=5, hold=0, directions=("forward", "back")
    )
    step = first(timeline(one_side), StepKind.PREPARE)
    assert announcement_for(started(step)) == "Get ready: Monster walk, left side only, 5 reps"
    assert MONSTER.half_name("right") == "back" and MONSTER.half_name("none") == ""
    assert CLAMSHELL.half_name("right") == "right side"


def test_the_built_in_monster_walk_goes_forward_and_back() -> None:
    text = 'format = 1\ntitle = "t"\n[[exercise]]\nuse = "monster-walk"\n'
    routine = load_routine_text(
        text + '[[exercise]]\nuse = "clamshell"\n',
        source_name="t.toml",
        base_dir=None,
    )
    monster, clamshell = routine.exercises
    assert monster.directions == ("forward", "back") and clamshell.directions == ()
    steps = build_timeline(routine)
    switches = [announcement_for(started(s)) for s in steps if s.kind is StepKind.SWITCH]
    assert switches[:2] == ["Switch: back next", "Switch: back next"]
    assert switches[-1] == "Switch sides, right side next"  # the clamshell keeps its sides


# ----- in German ----------------------------------------------------------------------------

BRIDGE_DE = make_exercise("Brücke", sides="both", sets=2, reps=10, hold=5, rest=60)
PLANK_DE = make_exercise("Unterarmstütz", sides="right", sets=1, reps=None, hold=30)


@pytest.mark.usefixtures("german")
def test_german_get_ready_with_a_side_and_plural_reps() -> None:
    step = first(timeline(CLAMSHELL), StepKind.PREPARE)
    assert announcement_for(started(step)) == (
        "Mach dich bereit: Clamshell, linke Seite, 15 Wiederholungen"
    )
    one = first(timeline(make_exercise("Brücke", reps=1, hold=1)), StepKind.PREPARE)
    assert announcement_for(started(one)) == (
        "Mach dich bereit: Brücke, 1 Wiederholung mit 1 Sekunde Halten"
    )


@pytest.mark.usefixtures("german")
def test_german_holds_reps_with_holds_and_one_side_only() -> None:
    assert announcement_for(started(first(timeline(PLANK_DE), StepKind.PREPARE))) == (
        "Mach dich bereit: Unterarmstütz, nur rechte Seite, 30 Sekunden halten"
    )
    assert announcement_for(started(first(timeline(BRIDGE_DE), StepKind.PREPARE))) == (
        "Mach dich bereit: Brücke, 10 Wiederholungen mit 5 Sekunden Halten"
    )
    two_minutes = make_exercise("Unterarmstütz", sides="both", reps=None, hold=120)
    assert announcement_for(started(first(timeline(two_minutes), StepKind.PREPARE))) == (
        "Mach dich bereit: Unterarmstütz, 2 Minuten halten"
    )


@pytest.mark.usefixtures("german")
def test_german_switch_rest_halfway_and_done() -> None:
    steps = timeline(CLAMSHELL, BRIDGE_DE)
    assert announcement_for(started(first(steps, StepKind.SWITCH))) == (
        "Seite wechseln, als Nächstes rechts"
    )
    assert announcement_for(started(first(steps, StepKind.WORK))) == "Los"
    assert announcement_for(started(first(steps, StepKind.REST))) == "Pause, 30 Sekunden"
    assert announcement_for(started(first(steps, StepKind.TRANSITION))) == (
        "Pause, 30 Sekunden. Als Nächstes: Brücke"
    )
    one_minute = first(timeline(BRIDGE_DE), StepKind.REST)
    assert announcement_for(started(one_minute)) == "Pause, 1 Minute"
    work = first(steps, StepKind.WORK)
    assert announcement_for(Event(EventKind.HALFWAY, work)) == "Halbzeit"
    assert announcement_for(Event(EventKind.SESSION_DONE, steps[-1])) == (
        "Einheit geschafft. Gut gemacht."
    )
    assert announcement_for(Event(EventKind.SLEEP_DETECTED, work, 3600)) == "Pausiert"


@pytest.mark.usefixtures("german")
def test_german_walk_says_its_own_directions() -> None:
    walk = make_exercise(
        "Monster-Walk", sides="each", reps=12, hold=0, directions=("vorwärts", "zurück")
    )
    steps = timeline(walk)
    assert announcement_for(started(first(steps, StepKind.PREPARE))) == (
        "Mach dich bereit: Monster-Walk, vorwärts, 12 Wiederholungen"
    )
    assert announcement_for(started(first(steps, StepKind.SWITCH))) == (
        "Wechseln, als Nächstes zurück"
    )


def test_the_words_follow_a_language_switch_at_once() -> None:
    step = first(timeline(CLAMSHELL), StepKind.REST)
    assert announcement_for(started(step)) == "Rest, 30 seconds"
    use_language("de")
    assert announcement_for(started(step)) == "Pause, 30 Sekunden"
    assert duration_words(1) == "1 Sekunde"
