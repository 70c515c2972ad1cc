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

from hiprehab.i18n import _, ngettext
from hiprehab.i18n.formats import format_number
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
        raise PartFailed(
            _("{file} is missing from {folder}").format(file=path.name, folder=path.parent)
        )
    try:
        with wave.open(str(path), "rb") as sound:
            width, frames = sound.getsampwidth(), sound.getnframes()
    except (wave.Error, EOFError, OSError) as exc:
        raise PartFailed(
            _("{path} is not a WAV file Qt can play ({reason})").format(path=path, reason=exc)
        ) from exc
    if width != 2:
        raise PartFailed(
            _("{path} holds {bits}-bit samples; cue sounds must be 16-bit PCM").format(
                path=path, bits=8 * width
            )
        )
    if frames == 0:
        raise PartFailed(_("{path} holds no sound").format(path=path))


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
        raise PartFailed(_("Qt Multimedia is not installed ({reason})").format(reason=exc)) from exc
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
            raise PartFailed(
                _("loading the cue sounds took more than {seconds} s").format(
                    seconds=format_number(timeout_ms / 1000)
                )
            )
        failed = [
            p.name
            for e, p in zip(effects, paths, strict=True)
            if e.status() == QSoundEffect.Status.Error
        ]
        count = len(paths)
        if not failed:
            loaded = ngettext("{count} cue sound loaded", "{count} cue sounds loaded", count)
            return Outcome(loaded.format(count=format_number(count)))
        if not QMediaDevices.audioOutputs():
            silent = ngettext(
                "{count} cue sound file is fine, but this computer has no audio output, so "
                "cues will be silent",
                "{count} cue sound files are fine, but this computer has no audio output, so "
                "cues will be silent",
                count,
            )
            return Outcome(silent.format(count=format_number(count)), note=True)
        raise PartFailed(
            _("Qt Multimedia could not load {files} from {folder}").format(
                files=", ".join(failed), folder=folder
            )
        )
    finally:
        owner.deleteLater()


def check_voice(engines: list[str] | None = None) -> Outcome:
    """A speech engine starts. Without one the app only plays its sounds: a note."""
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError as exc:
        return Outcome(
            _("no voice available (Qt TextToSpeech is not installed: {reason})").format(
                reason=exc
            ),
            note=True,
        )
    names = engines
    if names is None:
        names = [e for e in QTextToSpeech.availableEngines() if e not in SILENT_ENGINES]
    if not names:
        return Outcome(_("no voice available (no speech engine is installed)"), note=True)
    reasons = []
    for name in names:
        missing = engine_missing_library(name)
        if missing is not None:  # Qt would only fail to load its plug-in
            reasons.append(missing)
            continue
        engine = QTextToSpeech(name)
        try:
            if engine.state() != QTextToSpeech.State.Error:
                return Outcome(_("speech engine {name} ready").format(name=repr(name)))
            reasons.append(
                engine.errorString() or _("the {name} engine did not start").format(name=name)
            )
        finally:
            engine.deleteLater()
    return Outcome(
        _("no voice available ({reasons})").format(reasons="; ".join(reasons)), note=True
    )
