"""The self-test's audio parts: the cue sound files as Qt Multimedia loads them, and the voice.

A computer without an audio output or a speech engine still runs every session silently, so
those are notes, not failures. A cue sound file that is missing, damaged or in a format Qt
cannot play is a fault of the installation: that fails, naming the file.
"""

from __future__ import annotations

import wave
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, QTimer, QUrl

from hiprehab.session.announcements import Sound
from hiprehab.ui.player.cues import SILENT_ENGINES, engine_missing_library

LOAD_TIMEOUT_MS = 10_000  # decoding six short files takes milliseconds; this is only a guard


class PartFailed(Exception):
    """A part of the self-test failed; the message says what, in plain words."""


@dataclass(frozen=True)
class Outcome:
    """How a part went: `note` is True when it works only in part, without it being a fault."""

    detail: str
    note: bool = False


def check_wav(path: Path) -> None:
    """Raise PartFailed unless `path` is a 16-bit PCM WAV file, the format every backend plays."""
    if not path.is_file():
        raise PartFailed(f"{path.name} is missing from {path.parent}")
    try:
        with wave.open(str(path), "rb") as sound:
            width, frames = sound.getsampwidth(), sound.getnframes()
    except (wave.Error, EOFError, OSError) as exc:
        raise PartFailed(f"{path} is not a WAV file Qt can play ({exc})") from exc
    if width != 2:
        raise PartFailed(f"{path} holds {8 * width}-bit samples; cue sounds must be 16-bit PCM")
    if frames == 0:
        raise PartFailed(f"{path} holds no sound")


def _wait(loop_done: Callable[[], bool], signals: list[object], timeout_ms: int) -> bool:
    """Run Qt's event loop until `loop_done()` or the timeout; True if done in time."""
    if loop_done():
        return True
    loop = QEventLoop()

    def check(*_: object) -> None:
        if loop_done():
            loop.quit()

    for signal in signals:
        signal.connect(check)  # type: ignore[attr-defined]
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(timeout_ms)
    loop.exec()
    timer.stop()
    return loop_done()


def check_sounds(folder: Path, timeout_ms: int = LOAD_TIMEOUT_MS) -> Outcome:
    """Every cue sound file is there, is 16-bit PCM, and loads in a `QSoundEffect`."""
    paths = [folder / sound.filename for sound in Sound]
    for path in paths:
        check_wav(path)
    try:
        from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
    except ImportError as exc:
        raise PartFailed(f"Qt Multimedia is not installed ({exc})") from exc
    owner = QObject()
    try:
        effects = [QSoundEffect(owner) for _ in paths]
        for effect, path in zip(effects, paths, strict=True):
            effect.setSource(QUrl.fromLocalFile(str(path)))
        pending = (QSoundEffect.Status.Null, QSoundEffect.Status.Loading)
        if not _wait(
            lambda: all(e.status() not in pending for e in effects),
            [e.statusChanged for e in effects],
            timeout_ms,
        ):
            raise PartFailed(f"loading the cue sounds took more than {timeout_ms // 1000} s")
        failed = [
            p.name
            for e, p in zip(effects, paths, strict=True)
            if e.status() == QSoundEffect.Status.Error
        ]
        if not failed:
            return Outcome(f"{len(paths)} cue sounds loaded")
        if not QMediaDevices.audioOutputs():
            return Outcome(
                f"{len(paths)} cue sound files are fine, but this computer has no audio output, "
                "so cues will be silent",
                note=True,
            )
        raise PartFailed(f"Qt Multimedia could not load {', '.join(failed)} from {folder}")
    finally:
        owner.deleteLater()


def check_voice(engines: list[str] | None = None) -> Outcome:
    """A speech engine starts. Without one the app only plays its sounds: a note."""
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError as exc:
        return Outcome(f"no voice available (Qt TextToSpeech is not installed: {exc})", note=True)
    names = engines
    if names is None:
        names = [e for e in QTextToSpeech.availableEngines() if e not in SILENT_ENGINES]
    if not names:
        return Outcome("no voice available (no speech engine is installed)", note=True)
    reasons = []
    for name in names:
        missing = engine_missing_library(name)
        if missing is not None:  # Qt would only fail to load its plug-in
            reasons.append(missing)
            continue
        engine = QTextToSpeech(name)
        try:
            if engine.state() != QTextToSpeech.State.Error:
                return Outcome(f"speech engine {name!r} ready")
            reasons.append(engine.errorString() or f"the {name} engine did not start")
        finally:
            engine.deleteLater()
    return Outcome(f"no voice available ({'; '.join(reasons)})", note=True)
