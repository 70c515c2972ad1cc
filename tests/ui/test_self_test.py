"""`hiprehab --self-test`: one line per part, exit 0, and a failing part named with exit 1."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import wave
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hiprehab.resources import sounds_dir
from hiprehab.ui.self_test import PARTS, SelfTestInputs, run_self_test
from hiprehab.ui.self_test_audio import PartFailed, check_voice, check_wav

PART_NAMES = [name for name, _ in PARTS]


def _self_test(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "hiprehab", "--self-test", *args],
        capture_output=True, text=True, timeout=120, check=False, env=env,
    )


def test_self_test_checks_every_part_and_exits_0(isolated_profile: Path) -> None:
    result = _self_test()
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert [line.split(":")[0].split()[1] for line in lines[:-1]] == PART_NAMES
    assert all(line.startswith(("ok   ", "note ")) for line in lines[:-1])
    assert "ok   routines: 7 built-in routines loaded" in lines
    assert lines[-1] == "self-test passed: 6 parts checked"
    assert result.stderr == ""  # Qt's and the backends' messages went to its own log
    assert not isolated_profile.exists()  # the user's profile was never touched


def test_self_test_verbose_shows_the_log_on_the_terminal() -> None:
    result = _self_test("--verbose")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "qt." in result.stderr or "hiprehab" in result.stderr


def test_a_damaged_cue_sound_fails_the_self_test_naming_the_part_and_the_file(
    qtbot: QtBot, tmp_path: Path
) -> None:
    sounds = tmp_path / "sounds"
    shutil.copytree(sounds_dir(), sounds)
    (sounds / "work-end.wav").write_bytes(b"RIFF this is no sound at all")
    out = io.StringIO()
    before = set(QApplication.topLevelWidgets())
    code = run_self_test(SelfTestInputs(sounds_folder=sounds), out=out)
    lines = out.getvalue().splitlines()
    assert code == 1
    (sounds_line,) = [line for line in lines if line.startswith("FAIL")]
    assert sounds_line.startswith("FAIL sounds: ") and "work-end.wav" in sounds_line
    assert lines[-1] == "self-test failed: sounds"
    assert any(line.startswith("ok   window: ") for line in lines)
    assert set(QApplication.topLevelWidgets()) <= before  # the window it built is gone again


def test_missing_built_in_routines_fail_and_the_parts_needing_them_say_why(
    qtbot: QtBot, tmp_path: Path
) -> None:
    out = io.StringIO()
    code = run_self_test(SelfTestInputs(routines_folder=tmp_path), out=out)
    assert code == 1
    text = out.getvalue()
    assert f"FAIL routines: no built-in routines in {tmp_path}" in text
    assert "FAIL illustrations: no routine was loaded" in text
    assert text.splitlines()[-1] == "self-test failed: routines, illustrations, history"


def _wav(path: Path, width: int, frames: int = 100) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(width)
        out.setframerate(44100)
        out.writeframes(b"\0" * width * frames)
    return path


def test_cue_sounds_must_be_16_bit_pcm_wav(tmp_path: Path) -> None:
    check_wav(_wav(tmp_path / "ok.wav", 2))
    with pytest.raises(PartFailed, match="8-bit samples"):
        check_wav(_wav(tmp_path / "bytes.wav", 1))
    with pytest.raises(PartFailed, match="holds no sound"):
        check_wav(_wav(tmp_path / "empty.wav", 2, frames=0))
    with pytest.raises(PartFailed, match="missing.wav is missing"):
        check_wav(tmp_path / "missing.wav")


def test_no_speech_engine_is_a_note_not_a_failure(qtbot: QtBot) -> None:
    outcome = check_voice([])
    assert outcome.note and outcome.detail.startswith("no voice available")
    ready = check_voice(["mock"])  # Qt's silent test engine always starts
    assert not ready.note and ready.detail == "speech engine 'mock' ready"
