"""`hiprehab --self-test`: does the app work on this computer, part by part?

Packagers and CI run it after installing: it builds the real main window on the real platform
(xcb under Xvfb in CI), loads every built-in routine and draws its pictures, writes and reads a
session in a history in a temporary folder, loads the cue sounds and starts the voice. Nothing of
the user's is read or written: everything lives in a temporary HIPREHAB_HOME-style folder that is
removed at the end. One line per part goes to `out`; the exit code is 0 when no part failed.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TextIO

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QRectF
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from hiprehab.history.store import HistoryStore
from hiprehab.paths import AppPaths
from hiprehab.resources import illustrations_dir, routines_dir, sounds_dir
from hiprehab.routine.loader import load_routine
from hiprehab.routine.model import Routine
from hiprehab.session.clock import SystemClock
from hiprehab.session.recorder import WorkReport
from hiprehab.ui.app_log import start_logging
from hiprehab.ui.self_test_audio import Outcome, PartFailed, check_sounds, check_voice

PICTURE_SIZE = 160  # pixels a side: enough to see that something was drawn


@dataclass
class SelfTestInputs:
    """Where the parts look; the defaults are the installed app's own files."""

    routines_folder: Path = field(default_factory=routines_dir)
    sounds_folder: Path = field(default_factory=sounds_dir)
    illustrations_folder: Path | None = None
    speech_engines: list[str] | None = None  # every installed engine by default


@dataclass
class _Context:
    inputs: SelfTestInputs
    home: Path
    routines: list[Routine] = field(default_factory=list)


def _process_deletions() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def check_window(ctx: _Context) -> Outcome:
    """The real main window, with its own history in the temporary folder, shown once."""
    from hiprehab.ui.app import create_main_window
    from hiprehab.ui.player.cues import CuePlayer

    paths = AppPaths.from_environment({"HIPREHAB_HOME": str(ctx.home / "profile")})
    paths.ensure()
    silent = CuePlayer(
        ctx.inputs.sounds_folder,
        sound_factory=lambda _path, _notify: None,  # the sounds and voice parts check those
        speech_factory=lambda _notify: None,
    )
    window = create_main_window(paths, SystemClock(), cues=silent)
    try:
        window.show()
        QCoreApplication.processEvents()
        if not window.isVisible():
            raise PartFailed("the main window did not appear")
        if window.store is None:
            raise PartFailed(f"the window could not open its history in {paths.data_dir}")
        size = window.size()
        return Outcome(
            f"main window built and shown ({size.width()}x{size.height()}, "
            f"{QGuiApplication.platformName()} platform)"
        )
    finally:
        window.close()
        if window.store is not None:
            window.store.close()
        window.deleteLater()
        silent.deleteLater()
        _process_deletions()


def check_routines(ctx: _Context) -> Outcome:
    files = sorted(ctx.inputs.routines_folder.glob("*.toml"))
    if not files:
        raise PartFailed(f"no built-in routines in {ctx.inputs.routines_folder}")
    for path in files:
        try:
            ctx.routines.append(load_routine(path))
        except Exception as exc:  # noqa: BLE001 - the first line of any fault, with its file
            raise PartFailed(f"{path}: {str(exc).splitlines()[0]}") from exc
    return Outcome(f"{len(files)} built-in routines loaded")


def _drawn(renderer: QSvgRenderer, what: str) -> None:
    """Render into an image and make sure some pixel was painted."""
    if not renderer.isValid():
        raise PartFailed(f"{what} is not a valid drawing")
    image = QImage(PICTURE_SIZE, PICTURE_SIZE, QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, PICTURE_SIZE, PICTURE_SIZE))
    painter.end()
    step = PICTURE_SIZE // 32
    if not any(
        image.pixelColor(x, y).alpha()
        for x in range(0, PICTURE_SIZE, step)
        for y in range(0, PICTURE_SIZE, step)
    ):
        raise PartFailed(f"{what} draws nothing")


def check_illustrations(ctx: _Context) -> Outcome:
    """Each exercise's picture as the player would show it: its own image, or the drawn
    figure at the start and the (mirrored) end pose, or the static drawing."""
    from hiprehab.drawing import figure
    from hiprehab.ui.player.illustration import FigureSource, figure_id

    if not ctx.routines:
        raise PartFailed("no routine was loaded, so there is nothing to draw")
    figures = FigureSource()
    static = ctx.inputs.illustrations_folder or illustrations_dir()
    drawn: set[str] = set()
    for routine in ctx.routines:
        for exercise in routine.exercises:
            label = f"{exercise.name!r} in {routine.title!r}"
            fid = figure_id(exercise)
            if exercise.image is not None:
                picture = QImage(str(exercise.image))
                if exercise.image.suffix.lower() == ".svg":
                    _drawn(QSvgRenderer(str(exercise.image)), f"the picture of {label}")
                elif picture.isNull():
                    raise PartFailed(f"the picture {exercise.image} of {label} cannot be read")
            elif fid is not None and figures.knows(fid):
                for position, mirrored in ((0.0, False), (1.0, True)):
                    svg = figure.render_svg(fid, position, mirrored=mirrored)
                    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
                    _drawn(renderer, f"the figure of {label} at {position:g}")
            elif fid is not None and (static / f"{fid}-start.svg").is_file():
                _drawn(QSvgRenderer(str(static / f"{fid}-start.svg")), f"the drawing of {label}")
            else:
                continue  # shown by name: nothing to draw
            drawn.add(fid or str(exercise.image))
    return Outcome(f"{len(drawn)} exercises' pictures drawn")


def check_history(ctx: _Context) -> Outcome:
    """Write a session with one work period to a new history, close it, read it back."""
    if not ctx.routines:
        raise PartFailed("no routine was loaded, so there is no session to record")
    routine = ctx.routines[0]
    exercise = routine.exercises[0]
    path = ctx.home / "history" / "history.sqlite3"
    path.parent.mkdir()
    start = datetime(2024, 1, 1, 9, 0, tzinfo=UTC)
    with HistoryStore.open(path) as store:
        session_id = store.start_session(routine, started_at=start, pain_before=2)
        store.record_work_period(
            session_id,
            WorkReport(
                exercise_id=exercise.library_id,
                exercise_name=exercise.name,
                set_number=1,
                side="none",
                planned_seconds=30.0,
                actual_seconds=30.0,
                status="completed",
            ),
            ended_at=start + timedelta(seconds=30),
        )
        store.finish_session(
            session_id,
            status="completed",
            active_seconds=30.0,
            paused_seconds=0.0,
            ended_at=start + timedelta(seconds=31),
        )
    with HistoryStore.open(path, read_only=True) as store:
        sessions = store.sessions()
        periods = store.work_periods(sessions[0].id) if sessions else []
    if len(sessions) != 1 or sessions[0].status != "completed" or sessions[0].pain_before != 2:
        raise PartFailed(f"the session written to {path} did not read back the same")
    if [p.exercise_name for p in periods] != [exercise.name]:
        raise PartFailed(f"the work period written to {path} did not read back the same")
    return Outcome("a session written to a new history and read back")


def _check_sounds(ctx: _Context) -> Outcome:
    return check_sounds(ctx.inputs.sounds_folder)


def _check_voice(ctx: _Context) -> Outcome:
    return check_voice(ctx.inputs.speech_engines)


PARTS: tuple[tuple[str, Callable[[_Context], Outcome]], ...] = (
    ("window", check_window),
    ("routines", check_routines),
    ("illustrations", check_illustrations),
    ("history", check_history),
    ("sounds", _check_sounds),
    ("voice", _check_voice),
)


def _line(status: str, part: str, detail: str) -> str:
    return f"{status:<4} {part}: {detail}"


def run_parts(ctx: _Context, out: TextIO) -> list[str]:
    """Run every part, printing a line for each; the names of the parts that failed."""
    failed = []
    for part, check in PARTS:
        try:
            outcome = check(ctx)
        except PartFailed as exc:
            failed.append(part)
            print(_line("FAIL", part, str(exc)), file=out, flush=True)
        except Exception as exc:  # noqa: BLE001 - any fault of a part is that part's failure
            failed.append(part)
            print(_line("FAIL", part, f"{type(exc).__name__}: {exc}"), file=out, flush=True)
        else:
            status = "note" if outcome.note else "ok"
            print(_line(status, part, outcome.detail), file=out, flush=True)
    return failed


def run_self_test(
    inputs: SelfTestInputs | None = None,
    *,
    out: TextIO | None = None,
    verbose: bool = False,
) -> int:
    """Check every part; 0 when none failed, 1 otherwise (the FAIL lines say which)."""
    out = sys.stdout if out is None else out
    with tempfile.TemporaryDirectory(prefix="hiprehab-self-test-") as folder:
        home = Path(folder)

        def fatal(message: str) -> None:  # Qt ends the process right after this
            first = message.strip().splitlines()[0] if message.strip() else "no reason given"
            print(_line("FAIL", "window", f"Qt cannot start: {first}"), file=out, flush=True)
            print("self-test failed: window", file=out, flush=True)

        app_log = start_logging(home / "log" / "hiprehab.log", verbose=verbose, on_fatal=fatal)
        try:
            existing = QApplication.instance()
            if not isinstance(existing, QApplication):
                QGuiApplication.setApplicationName("hiprehab")
                app = QApplication(["hiprehab"])
            ctx = _Context(inputs=inputs or SelfTestInputs(), home=home)
            failed = run_parts(ctx, out)
            _process_deletions()
        finally:
            app_log.close()
        if not isinstance(existing, QApplication):
            app.shutdown()
    if failed:
        print(f"self-test failed: {', '.join(failed)}", file=out, flush=True)
        return 1
    print(f"self-test passed: {len(PARTS)} parts checked", file=out, flush=True)
    return 0
