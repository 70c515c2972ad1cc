"""`hiprehab --self-test`: does the app work on this computer, part by part?

Packagers and CI run it after installing: it builds the real main window on the real platform
(xcb under Xvfb in CI) and opens its history page (pyqtgraph), loads every built-in routine and
draws its pictures, writes and reads a session in a history in a temporary folder, loads the cue
sounds and starts the voice. Nothing of
the user's is read or written: everything lives in a temporary HIPREHAB_HOME-style folder that is
removed at the end. One line per part goes to `out`; the exit code is 0 when no part failed.
"""

from __future__ import annotations

import importlib
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
from PySide6.QtWidgets import QApplication, QWidget

from hiprehab.history.store import HistoryStore
from hiprehab.i18n import N_, _, ngettext
from hiprehab.i18n.formats import format_number
from hiprehab.paths import AppPaths
from hiprehab.resources import ROUTINE_SUFFIX, illustrations_dir, routines_dir, sounds_dir
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
    """The real main window, with its own history in the temporary folder, shown once, and its
    history page opened (it loads pyqtgraph and numpy, which a bundle could lack)."""
    from hiprehab.ui.app import create_main_window
    from hiprehab.ui.main_window import HISTORY_MODULE
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
        window.settle()  # what waits for the first paint: the guidance, read from the history
        if not window.isVisible():
            raise PartFailed(_("the main window did not appear"))
        if window.store is None:
            raise PartFailed(
                _("the window could not open its history in {folder}").format(
                    folder=paths.data_dir
                )
            )
        try:  # loaded on the page's first view: pyqtgraph, numpy, Qt's OpenGL module
            importlib.import_module(HISTORY_MODULE)
        except ImportError as exc:
            raise PartFailed(
                _("the history page cannot load ({reason})").format(reason=exc)
            ) from exc
        window.show_page("history")
        QCoreApplication.processEvents()
        if window.history_page.findChild(QWidget, "historyView") is None:
            raise PartFailed(_("the history page did not open"))
        size = window.size()
        return Outcome(
            _("main window built and shown ({width}x{height}, {platform} platform)").format(
                width=size.width(), height=size.height(), platform=QGuiApplication.platformName()
            )
        )
    finally:
        window.close()
        if window.store is not None:
            window.store.close()
        window.deleteLater()
        silent.deleteLater()
        _process_deletions()


def check_routines(ctx: _Context) -> Outcome:
    files = sorted(ctx.inputs.routines_folder.glob(f"*{ROUTINE_SUFFIX}"))
    if not files:
        raise PartFailed(
            _("no built-in routines in {folder}").format(folder=ctx.inputs.routines_folder)
        )
    for path in files:
        try:
            ctx.routines.append(load_routine(path))
        except Exception as exc:  # noqa: BLE001 - the first line of any fault, with its file
            raise PartFailed(f"{path}: {str(exc).splitlines()[0]}") from exc
    count = len(files)
    return Outcome(
        ngettext("{count} built-in routine loaded", "{count} built-in routines loaded", count)
        .format(count=format_number(count))
    )


def _drawn(renderer: QSvgRenderer, what: str) -> None:
    """Render into an image and make sure some pixel was painted."""
    if not renderer.isValid():
        raise PartFailed(_("{what} is not a valid drawing").format(what=what))
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
        raise PartFailed(_("{what} draws nothing").format(what=what))


def check_illustrations(ctx: _Context) -> Outcome:
    """Each exercise's picture as the player would show it: its own image, or the drawn
    figure at the start and the (mirrored) end pose, or the static drawing."""
    from hiprehab.drawing import figure
    from hiprehab.ui.player.illustration import FigureSource, figure_id

    if not ctx.routines:
        raise PartFailed(_("no routine was loaded, so there is nothing to draw"))
    figures = FigureSource()
    static = ctx.inputs.illustrations_folder or illustrations_dir()
    drawn: set[str] = set()
    for routine in ctx.routines:
        for exercise in routine.exercises:
            label = _("“{exercise}” in “{routine}”").format(
                exercise=exercise.name, routine=routine.title
            )
            fid = figure_id(exercise)
            if exercise.image is not None:
                picture = QImage(str(exercise.image))
                if exercise.image.suffix.lower() == ".svg":
                    what = _("the picture of {exercise}").format(exercise=label)
                    _drawn(QSvgRenderer(str(exercise.image)), what)
                elif picture.isNull():
                    raise PartFailed(
                        _("the picture {path} of {exercise} cannot be read").format(
                            path=exercise.image, exercise=label
                        )
                    )
            elif fid is not None and figures.knows(fid):
                for position, mirrored in ((0.0, False), (1.0, True)):
                    svg = figure.render_svg(fid, position, mirrored=mirrored)
                    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
                    where = format_number(position)
                    what = _("the figure of {exercise} at {position}").format(
                        exercise=label, position=where
                    )
                    _drawn(renderer, what)
            elif fid is not None and (static / f"{fid}-start.svg").is_file():
                what = _("the drawing of {exercise}").format(exercise=label)
                _drawn(QSvgRenderer(str(static / f"{fid}-start.svg")), what)
            else:
                continue  # shown by name: nothing to draw
            drawn.add(fid or str(exercise.image))
    count = len(drawn)
    return Outcome(
        ngettext("{count} exercise's pictures drawn", "{count} exercises' pictures drawn", count)
        .format(count=format_number(count))
    )


def check_history(ctx: _Context) -> Outcome:
    """Write a session with one work period to a new history, close it, read it back."""
    if not ctx.routines:
        raise PartFailed(_("no routine was loaded, so there is no session to record"))
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
        raise PartFailed(
            _("the session written to {path} did not read back the same").format(path=path)
        )
    if [p.exercise_name for p in periods] != [exercise.name]:
        raise PartFailed(
            _("the work period written to {path} did not read back the same").format(path=path)
        )
    return Outcome(_("a session written to a new history and read back"))


def _check_sounds(ctx: _Context) -> Outcome:
    return check_sounds(ctx.inputs.sounds_folder)


def _check_voice(ctx: _Context) -> Outcome:
    return check_voice(ctx.inputs.speech_engines)


# The parts in the order they are checked, by their names in the lines printed (shown as
# `_(name)`, so a line reads "FAIL sounds: ..." in English).
PARTS: tuple[tuple[str, Callable[[_Context], Outcome]], ...] = (
    # Translators: a part of the self-test (hiprehab --self-test): the main window
    (N_("window"), check_window),
    # Translators: a part of the self-test: the built-in routines
    (N_("routines"), check_routines),
    # Translators: a part of the self-test: the exercises' pictures
    (N_("illustrations"), check_illustrations),
    # Translators: a part of the self-test: the history (the database of sessions)
    (N_("history"), check_history),
    # Translators: a part of the self-test: the cue sounds
    (N_("sounds"), _check_sounds),
    # Translators: a part of the self-test: the voice (speech)
    (N_("voice"), _check_voice),
)
# Translators: how a part of the self-test went: it works; it failed; it works only in part
STATUS = {"ok": N_("ok"), "fail": N_("FAIL"), "note": N_("note")}


def _line(status: str, part: str, detail: str) -> str:
    """One part's line, its status word padded so that the part names line up."""
    width = max(len(_(word)) for word in STATUS.values())
    return f"{_(STATUS[status]):<{width}} {_(part)}: {detail}"


def run_parts(ctx: _Context, out: TextIO) -> list[str]:
    """Run every part, printing a line for each; the names of the parts that failed."""
    failed = []
    for part, check in PARTS:
        try:
            outcome = check(ctx)
        except PartFailed as exc:
            failed.append(part)
            print(_line("fail", part, str(exc)), file=out, flush=True)
        except Exception as exc:  # noqa: BLE001 - any fault of a part is that part's failure
            failed.append(part)
            print(_line("fail", part, f"{type(exc).__name__}: {exc}"), file=out, flush=True)
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
            text = message.strip()
            first = text.splitlines()[0] if text else _("no reason given")
            said = _("Qt cannot start: {reason}").format(reason=first)
            print(_line("fail", PARTS[0][0], said), file=out, flush=True)
            print(_failed([PARTS[0][0]]), file=out, flush=True)

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
        print(_failed(failed), file=out, flush=True)
        return 1
    count = len(PARTS)
    passed = ngettext(
        "self-test passed: {count} part checked", "self-test passed: {count} parts checked", count
    )
    print(passed.format(count=format_number(count)), file=out, flush=True)
    return 0


def _failed(parts: list[str]) -> str:
    """The last line when parts failed: their names, in the order they were checked."""
    names = ", ".join(_(part) for part in parts)
    return _("self-test failed: {parts}").format(parts=names)
