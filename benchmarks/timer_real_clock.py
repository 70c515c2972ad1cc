"""Whether steps start on time on the real clock: a 10-minute routine played at normal speed.

Run: .venv/bin/python benchmarks/timer_real_clock.py [--minutes 10] [--no-load] [--jsonl]

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
  the app), from before the window is built until the session ends. `--no-load` leaves them
  out.

What is measured (all against `time.monotonic`): the session starts when the engine reports its
first step (t0). A step's planned start is t0 + its planned offset (no pauses are made). Its
actual start is when the app acts on it: the moment the cue player is handed its STEP_STARTED
event (the engine reports it; a sound would start here). Lateness = actual - planned, per step;
the rows give its maximum and median. The other cues (rep, countdown, halfway) are timed the same
way. The drift is the session's actual end (SESSION_DONE) against t0 + the routine's planned
length; the trend is the slope of the steps' lateness over the session (least squares), which
would show a clock that loses or gains time even when each step is within bounds.

Targets: every step within 20 ms of plan; the end within 20 ms of plan (either way). The trend
is shown for context: with a few dozen steps it is noisy, the end is the drift that counts.
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
    """What the app did when: monotonic seconds, keyed by the event's planned position."""

    t0: float | None = None
    steps: list[tuple[int, str, float]] = field(default_factory=list)  # (planned us, kind, at)
    cues: list[tuple[int, float]] = field(default_factory=list)  # other events: (planned, at)
    end: float | None = None


def play(minutes: int, load: bool) -> tuple[Timings, int, dict[str, int]]:
    """Play the routine in the real window; returns the timings, its length and step counts."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from hiprehab.paths import AppPaths
    from hiprehab.session.clock import SystemClock
    from hiprehab.session.events import Event, EventKind
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
                timings.steps.append((event.at_us, event.step.kind.value, now))
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
        if load:
            spinners = [subprocess.Popen([sys.executable, "-c", SPIN])
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
        total_us = controller.engine.total_us
        QTimer.singleShot((minutes * 60 + 60) * 1000, QApplication.quit)  # never hang
        app.exec()
        window.flow.abandon()
        window.close()
        store = window.store
        if store is not None:
            store.close()
        return timings, total_us, kinds
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


def rows(timings: Timings, total_us: int, kinds: dict[str, int], load: bool) -> list[Row]:
    t0 = timings.t0
    assert t0 is not None
    late = [(at - (t0 + planned / 1e6)) * 1000 for planned, _kind, at in timings.steps[1:]]
    cue_late = [(at - (t0 + planned / 1e6)) * 1000 for planned, at in timings.cues]
    minutes = total_us / 60e6
    steps = ", ".join(f"{n} {k}" for k, n in kinds.items())
    under = (f"under load: {os.cpu_count() or 2} x python -c '{SPIN}'" if load
             else "no load")  # fmt: skip
    if timings.end is None:
        return [Row(f"the session did not end ({under})", 0.0, unit="", target="ends", met=False)]
    drift = (timings.end - (t0 + total_us / 1e6)) * 1000
    trend = slope_ms([(p / 60e6, v) for (p, _k, _a), v in zip(timings.steps[1:], late,
                                                               strict=True)]) * minutes  # fmt: skip
    within = f"<= {STEP_TARGET_MS:.0f} ms"
    return [
        Row(f"step start lateness, max ({len(late)} steps: {steps}; {under})", max(late),
            target=within, met=max(late) <= STEP_TARGET_MS),  # fmt: skip
        Row(f"step start lateness, median ({minutes:g} min, real clock, Xvfb)",
            statistics.median(late)),  # fmt: skip
        Row(f"session end vs plan, after {minutes:g} min", drift,
            target=f"within {STEP_TARGET_MS:.0f} ms either way", met=abs(drift) <= STEP_TARGET_MS),
        Row(f"lateness trend: last step vs first, fitted ({minutes:g} min)", trend),
        Row(f"other cues' lateness, max ({len(cue_late)} rep/countdown/halfway)",
            max(cue_late, default=0.0)),  # fmt: skip
        Row("other cues' lateness, median", statistics.median(cue_late) if cue_late else 0.0),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=int, default=10, help="the routine's length (10)")
    parser.add_argument("--no-load", action="store_true", help="without the busy processes")
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
        timings, total_us, kinds = play(args.minutes, not args.no_load)
        print(f"played {total_us / 60e6:g} min in {time.monotonic() - began:.0f} s",
              file=sys.stderr)  # fmt: skip
    return report("timer_real_clock", rows(timings, total_us, kinds, not args.no_load))


if __name__ == "__main__":
    sys.exit(main())
