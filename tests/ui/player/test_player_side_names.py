"""The player's side label for exercises whose halves have names of their own (a monster walk
goes forward, then back), drawn on a real engine state; other exercises keep left and right."""

from __future__ import annotations

from hiprehab.routine.loader import load_routine_text
from hiprehab.routine.wording import dosing_text
from hiprehab.session.clock import FakeClock
from hiprehab.session.engine import SessionEngine
from hiprehab.session.timeline import StepKind, build_timeline
from hiprehab.ui.player.step_text import next_up_text, side_text, step_look

TEXT = """\
format = 1
title = "Walks"
[[exercise]]
use = "monster-walk"
sets = 2
[[exercise]]
use = "lateral-band-walk"
sets = 1
"""


def test_the_monster_walk_shows_forward_and_back_and_other_walks_keep_their_sides() -> None:
    routine = load_routine_text(TEXT, source_name="walks.toml", base_dir=None)
    steps = build_timeline(routine)
    monster = [s for s in steps if s.exercise_index == 0]
    labels = [(s.kind, side_text(s)) for s in monster if s.kind is not StepKind.REST]
    assert labels[:4] == [
        (StepKind.PREPARE, "Forward"),
        (StepKind.WORK, "Forward"),
        (StepKind.SWITCH, "Back next"),
        (StepKind.WORK, "Back"),
    ]
    assert next_up_text(monster[0]).startswith("Next up: Monster walk, set 1 of 2, forward")
    assert dosing_text(monster[0].exercise).startswith("2 sets x 15 reps, forward and back")
    band = [s for s in steps if s.exercise_index == 1]
    assert [side_text(s) for s in band if s.kind is StepKind.WORK] == ["Left side", "Right side"]
    assert dosing_text(band[0].exercise).startswith("1 set x 12 reps, each side")


def test_the_switch_badge_says_switch_not_switch_sides_for_a_walk_back() -> None:
    routine = load_routine_text(TEXT, source_name="walks.toml", base_dir=None)
    clock = FakeClock()
    engine = SessionEngine(build_timeline(routine), clock)
    engine.start()
    switches = [s for s in engine.timeline if s.kind is StepKind.SWITCH]
    for step, words in ((switches[0], "Switch"), (switches[-1], "Switch sides")):
        while engine.state().step != step:
            engine.skip()
        assert step_look(engine.state()).words == words
