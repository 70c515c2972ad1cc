"""Every shipped cue sound loads in the real QSoundEffect: decoded, and Ready where audio exists.

QSoundEffect decodes the WAV itself and only then asks the output device whether it can play
the format. On a machine with no audio output at all (no PulseAudio/PipeWire server, as in most
CI containers) the default device is the null device, which supports nothing, and Qt says
"playback of this format is not supported on the selected audio device" for any file: that
message is about the missing device, not the file. So the decoding is checked everywhere, and
Ready without any warning wherever an output device exists (checked here with PulseAudio 16 and
a null sink, at 44.1 kHz int16 and at 48 kHz float).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QMessageLogContext, QtMsgType, QUrl, qInstallMessageHandler
from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
from pytestqt.qtbot import QtBot

from hiprehab.resources import sounds_dir
from hiprehab.session.announcements import Sound


@contextmanager
def qt_messages() -> Iterator[list[str]]:
    """Qt's messages while inside, kept from the terminal and from pytest-qt's own handler."""
    messages: list[str] = []

    def keep(kind: QtMsgType, context: QMessageLogContext, text: str) -> None:
        messages.append(text)

    previous = qInstallMessageHandler(keep)
    try:
        yield messages
    finally:
        qInstallMessageHandler(previous)


def load(qtbot: QtBot, path: Path) -> tuple[QSoundEffect.Status, list[str]]:
    """The status QSoundEffect settles on for `path`, and what Qt said about it meanwhile."""
    with qt_messages() as messages:
        effect = QSoundEffect()
        effect.setSource(QUrl.fromLocalFile(str(path)))
        qtbot.waitUntil(lambda: effect.status() != QSoundEffect.Status.Loading, timeout=5000)
        status = effect.status()
        effect.deleteLater()
    return status, [m for m in messages if "QSoundEffect" in m or path.name in m]


@pytest.mark.parametrize("sound", list(Sound))
def test_qsoundeffect_decodes_every_cue(qtbot: QtBot, sound: Sound) -> None:
    status, said = load(qtbot, sounds_dir() / sound.filename)
    assert not [m for m in said if "decod" in m.lower()], said
    if QMediaDevices.defaultAudioOutput().isNull():
        # Only the null device's refusal may appear (see the module's docstring).
        assert all("selected audio device" in m for m in said), said
    else:
        assert status == QSoundEffect.Status.Ready, said
        assert said == []


def test_a_broken_file_is_reported_as_a_decoding_error(qtbot: QtBot, tmp_path: Path) -> None:
    """The check above can fail: a damaged WAV makes QSoundEffect say it cannot decode it."""
    broken = tmp_path / "broken.wav"
    broken.write_bytes(b"RIFF\x00\x00\x00\x00WAVEjunkjunk")
    status, said = load(qtbot, broken)
    assert status == QSoundEffect.Status.Error
    assert any("decod" in m.lower() for m in said), said
