"""Whether steps start on time on the real clock: a 10-minute routine played at normal speed.

Run: .venv/bin/python benchmarks/timer_real_clock.py [--minutes 10] [--load apart] [--jsonl]

It takes as long as the routine: 10 minutes by default (`make benchmarks` runs it so; run.py
allows 30 minutes a benchmark). `--minutes 1` is a quick look.

What is played, and how:

- The real app window (`create_main_window`) on the real monotonic clock (`SystemClock`), in a
  private Xvfb on the xcb platform (whatever QT_QPA_PLATFORM says), 1280x800, with a throwaway
  profile and history (the recorder writes to it as in real use). The cues are the real
  `CuePlayer` on silent sound objects and without speech (Xvfb has no sound card, and playing
  sound is not what is measured); the animated illustration is drawn as on screen.
- A routine of exactly `--minutes` built from the library (`use`), with every kind of step:
  prepare, work (paced reps and holds), switch, rest, transition. It is opened and started as a
  user does (File > Open copies it into the profile; Start; Skip the pain question).
- Under load: one busy-loop process per core (`python -c 'while True: pass'`, same priority as
  the app), from before the window is built until the session ends. By default (`--load
  apart`) they run in a session of their own, as another program's processes do: Linux's
  scheduler (autogroups, or a desktop's cgroup per app) first shares the CPU between sessions,
  then within one. `--load with-app` starts them in the app's own session, which is harsher
  than any other program can be (the app's own share of the CPU is split with them); `--load
  none` leaves them out.

What is measured (all against `time.monotonic`): the session starts when the engine reports its
first step (t0). A step's planned start is t0 + its planned offset (no pauses are made). Its
actual start is when the app acts on it: the moment the cue player is handed its STEP_STARTED
event (the engine has reported it; a sound would start here). Lateness = actual - planned, per
step; the rows give its maximum and median. Also timed, for context: when the player page has
taken the step's state (`state_changed` has run `show_state`; the paint follows in the event
loop), and the other cues (rep, countdown, halfway). The drift is the session's actual end
(SESSION_DONE at the cue player; and when the finished state was shown, which includes opening
the pain question after it) against t0 + the routine's planned length; the trend is the slope of
the steps' lateness over the session (least squares), which would show a clock that loses or
gains time even when each step is within bounds.

Targets: every step starts within 20 ms of plan; the end within 20 ms of plan (either way).
The rest is context: how long the page takes to show a step is its own work (a few ms of CPU,
spread out by a busy machine), and with a few dozen steps the trend is noisy.
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from _rows import JSONL_FLAG, Row, report

ROOT = Path(__file__).resolve().parent.parent
STEP_TARGET_MS = 20.0
SPIN = "while True: pass"
LOADS = {  # --load: where the busy loops run, as the table says it
    "apart": "own session",
    "with-app": "in the app's session",
    "none": "no load",
}

# The routine's exercises, in order, then again from the top for a longer one. Doses are in
# whole or half seconds; the last exercise's rest takes whatever is left to fill the minutes.
TIMING = {"prepare": 5, "switch_sides": 5, "rest_between_exercises": 15}
EXERCISES: tuple[dict[str, object], ...] = (
    {"use": "leg-swing", "sets": 2, "reps": 5, "seconds_per_rep": 1.5, "rest": 5},
    {"use": "clamshell", "sets": 2, "reps": 10, "seconds_per_rep": 2, "rest": 15},
    {"use": "side-plank", "sets": 2, "hold": 15, "rest": 15},
    {"use": "bridge", "sets": 2, "reps": 10, "hold": 3, "seconds_per_rep": 3, "rest": 20},
    {"use": "lateral-band-walk", "sets": 2, "reps": 10, "seconds_per_rep": 2, "rest": 15},
    {"use": "hip-flexor-stretch", "sets": 2, "hold": 20, "rest": 10},
    {"use": "bird-dog", "sets": 2, "reps": 6, "hold": 3, "seconds_per_rep": 3, "rest": 15},
    {"use": "piriformis-stretch", "sets": 2, "hold": 20, "rest": 10},
)


def routine_text(seconds: int) -> str:
    """A routine of exactly `seconds` from the library (at least one exercise must fit)."""
    from hiprehab.routine.loader import load_routine_text

    def text(entries: list[dict[str, object]]) -> str:
        lines = ['format = 1', f'title = "Timer benchmark, {seconds // 60} minutes"', "",
                 "[timing]", *(f"{k} = {v}" for k, v in TIMING.items())]  # fmt: skip
        for entry in entries:
            lines += ["", "[[exercise]]"]
            lines += [f"{k} = {v!r}".replace("'", '"') for k, v in entry.items()]
        return "\n".join(lines) + "\n"

    def length_us(entries: list[dict[str, object]]) -> int:
        routine = load_routine_text(text(entries), source_name="benchmark", base_dir=None)
        return routine.duration_us()

    entries: list[dict[str, object]] = []
    for entry in itertools.cycle(EXERCISES):
        if length_us([*entries, dict(entry)]) > seconds * 1_000_000:
            break
        entries.append(dict(entry))
    if not entries:
        raise SystemExit(f"no routine fits in {seconds} s")
    left_us = seconds * 1_000_000 - length_us(entries)
    last = entries[-1]
    last["rest"] = float(last["rest"]) + left_us / 1_000_000 / (int(last["sets"]) - 1)  # type: ignore[call-overload]
    made = text(entries)
    assert length_us(entries) == seconds * 1_000_000, "the routine is not the length asked"
    return made


@dataclass
class Timings:
    """What the app did when (monotonic seconds), with the planned position (us) it was due at."""

    t0: float | None = None
    steps: list[tuple[int, float]] = field(default_factory=list)  # STEP_STARTED reached the cues
    shown: dict[int, float] = field(default_factory=dict)  # step index: its state was shown
    cues: list[tuple[int, float]] = field(default_factory=list)  # rep, countdown, halfway
    end: float | None = None  # SESSION_DONE reached the cues
    end_shown: float | None = None  # the finished state was shown


def play(minutes: int, load: str) -> tuple[Timings, list[int], dict[str, int]]:
    """Play the routine in the real window: the timings, the steps' planned starts then the
    session's planned end (us), and how many steps of each kind."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from hiprehab.paths import AppPaths
    from hiprehab.session.clock import SystemClock
    from hiprehab.session.events import EngineState, Event, EventKind
    from hiprehab.ui.app import create_main_window
    from hiprehab.ui.player.cues import CuePlayer
    from hiprehab.ui.settings import AppSettings

    class SilentSound:
        """A cue sound that plays nothing (Xvfb has no sound card)."""

        failed = False
        playing = False

        def play(self) -> None:
            pass

        def stop(self) -> None:
            pass

        def set_volume(self, volume: float) -> None:
            pass

    timings = Timings()

    class TimedCues(CuePlayer):
        """The real cue player, on silent sounds, noting when each event reaches it."""

        def handle(self, event: Event) -> None:
            now = time.monotonic()
            if event.kind is EventKind.STEP_STARTED:
                if timings.t0 is None:
                    timings.t0 = now
                timings.steps.append((event.at_us, now))
            elif event.kind is EventKind.SESSION_DONE:
                timings.end = now
                QTimer.singleShot(500, QApplication.quit)  # the after question is on screen
            elif event.kind in (EventKind.REP, EventKind.COUNTDOWN, EventKind.HALFWAY):
                timings.cues.append((event.at_us, now))
            super().handle(event)

    home = Path(tempfile.mkdtemp(prefix="hiprehab-timer-"))
    os.environ["HIPREHAB_HOME"] = str(home)
    spinners: list[subprocess.Popen[bytes]] = []
    try:
        if load != "none":
            spinners = [subprocess.Popen([sys.executable, "-c", SPIN],
                                         start_new_session=load == "apart")
                        for _ in range(os.cpu_count() or 2)]  # fmt: skip
        app = QApplication.instance() or QApplication([sys.argv[0]])
        assert isinstance(app, QApplication)
        paths = AppPaths.from_environment()
        paths.ensure()
        settings = AppSettings(paths.settings_file)
        settings.set_first_run_done()
        settings.sync()
        cues = TimedCues(sound_factory=lambda path, notify: SilentSound(),
                         speech_factory=lambda notify: None)  # fmt: skip
        window = create_main_window(paths, SystemClock(), cues=cues)
        window.resize(1280, 800)
        window.show()
        for _ in range(10):
            app.processEvents()
        routine_file = home / "timer-benchmark.toml"
        routine_file.write_text(routine_text(minutes * 60), encoding="utf-8")
        if not window.open_routine_file(routine_file):
            raise SystemExit("the benchmark routine did not load")
        window.library.start_button.click()
        app.processEvents()
        dialog = window.flow.dialog
        assert dialog is not None, "no pain question before the session"
        dialog.skip()  # type: ignore[attr-defined]
        controller = window.flow.controller
        assert controller is not None and timings.t0 is not None, "the session did not start"
        kinds: dict[str, int] = {}
        for step in controller.engine.timeline:
            kinds[step.kind.value] = kinds.get(step.kind.value, 0) + 1
        timeline = [step.start_us for step in controller.engine.timeline]
        timeline.append(controller.engine.total_us)

        def shown(state: EngineState) -> None:  # after the player page has taken the state
            now = time.monotonic()
            if state.status == "finished":
                timings.end_shown = timings.end_shown or now
            else:
                timings.shown.setdefault(state.step_index, now)

        controller.state_changed.connect(shown)
        QTimer.singleShot((minutes * 60 + 60) * 1000, QApplication.quit)  # never hang
        app.exec()
        window.flow.abandon()
        window.close()
        store = window.store
        if store is not None:
            store.close()
        return timings, timeline, kinds
    finally:
        for spinner in spinners:
            spinner.terminate()
            spinner.wait(timeout=10)
        shutil.rmtree(home, ignore_errors=True)


def slope_ms(points: list[tuple[float, float]]) -> float:
    """The least-squares slope of (x, y), y per unit of x."""
    if len(points) < 2:
        return 0.0
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / den if den else 0.0


def _late_ms(planned_us: int, at: float, t0: float) -> float:
    return (at - (t0 + planned_us / 1e6)) * 1000


def rows(timings: Timings, timeline: list[int], kinds: dict[str, int], load: str) -> list[Row]:
    """The table's rows; `timeline` is every step's planned start, then the session's end."""
    t0, total_us = timings.t0, timeline[-1]
    assert t0 is not None
    minutes = total_us / 60e6
    under = (
        "no load"
        if load == "none"
        else (f"{os.cpu_count() or 2} x python -c '{SPIN}', {LOADS[load]}")
    )
    if timings.end is None or timings.end_shown is None:
        return [Row(f"the session did not end ({under})", 0.0, unit="", target="ends", met=False)]
    cue = [_late_ms(p, at, t0) for p, at in timings.steps[1:]]  # the first is t0 itself
    shown = [_late_ms(timeline[i], at, t0) for i, at in timings.shown.items() if i > 0]
    others = [_late_ms(p, at, t0) for p, at in timings.cues]
    drift = _late_ms(total_us, timings.end, t0)
    drift_shown = _late_ms(total_us, timings.end_shown, t0)
    trend = slope_ms([(p / 60e6, v) for (p, _a), v in zip(timings.steps[1:], cue, strict=True)])
    steps = ", ".join(f"{n} {k}" for k, n in kinds.items())
    within, either = f"<= {STEP_TARGET_MS:.0f} ms", f"within {STEP_TARGET_MS:.0f} ms either way"
    return [
        Row(
            f"steps timed: {minutes:g} min on the real clock, Xvfb; load: {under}",
            float(len(cue)),
            unit="",
            target=f"{len(timeline) - 2} steps",
            met=len(cue) == len(timeline) - 2,
        ),
        Row(
            f"  step start late, max: its cue ({steps})",
            max(cue),
            target=within,
            met=max(cue) <= STEP_TARGET_MS,
        ),
        Row("  step start late, median: its cue", statistics.median(cue)),
        Row("  step shown late, max: the player page has taken its state", max(shown)),
        Row("  step shown late, median", statistics.median(shown)),
        Row(
            f"  drift: the session's end (its cue) vs plan, after {minutes:g} min",
            drift,
            target=either,
            met=abs(drift) <= STEP_TARGET_MS,
        ),
        Row("  drift: the end shown (and the pain question opened) vs plan", drift_shown),
        Row("  trend of the steps' lateness over the whole session (fitted)", trend * minutes),
        Row(
            f"  other cues late ({len(others)} rep, countdown, halfway), max",
            max(others, default=0.0),
        ),  # fmt: skip
        Row("  other cues late, median", statistics.median(others) if others else 0.0),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=int, default=10, help="the routine's length (10)")
    parser.add_argument("--load", choices=LOADS, default="apart",
                        help="where the busy loops run (default: apart)")  # fmt: skip
    parser.add_argument(JSONL_FLAG, action="store_true", help="rows as JSON lines (run.py)")
    args = parser.parse_args()
    if args.minutes < 1:
        parser.error("--minutes must be at least 1")
    sys.path.insert(0, str(ROOT))
    from scripts.shots import Xvfb

    with Xvfb(1600, 1200, reuse=False) as display:
        os.environ["DISPLAY"] = display
        os.environ["QT_QPA_PLATFORM"] = "xcb"
        began = time.monotonic()
        timings, timeline, kinds = play(args.minutes, args.load)
        print(f"played {timeline[-1] / 60e6:g} min in {time.monotonic() - began:.0f} s",
              file=sys.stderr)  # fmt: skip
    return report("timer_real_clock", rows(timings, timeline, kinds, args.load))


if __name__ == "__main__":
    sys.exit(main())
