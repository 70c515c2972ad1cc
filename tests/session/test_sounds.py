"""The shipped cue sounds: valid, audible, unclipped, distinct, and reproducible by the script."""

from __future__ import annotations

import importlib.util
import itertools
import math
import struct
import subprocess
import sys
import wave
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from hiprehab.resources import sounds_dir
from hiprehab.session.announcements import Sound

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "make_sounds.py"

# Seconds each cue may last: a tick must be over well before the next second's tick, the
# arpeggio may ring a little longer, nothing should drag on.
DURATION_BOUNDS = {
    Sound.COUNTDOWN: (0.05, 0.3),
    Sound.WORK_START: (0.2, 0.8),
    Sound.WORK_END: (0.2, 0.8),
    Sound.SWITCH_SIDES: (0.15, 0.6),
    Sound.SESSION_DONE: (0.6, 2.0),
    Sound.REP: (0.01, 0.12),
}
RATE = 48_000  # the native rate of most output devices: no backend needs to refuse it
WAVE_FORMAT_PCM = 1


@pytest.fixture(scope="module")
def make_sounds() -> Iterator[ModuleType]:
    """The script imported as a module (it is not part of the package)."""
    spec = importlib.util.spec_from_file_location("make_sounds", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it executes
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules[spec.name]


def read(path: Path) -> tuple[wave._wave_params, list[float]]:
    """The file's parameters and its samples scaled to -1..1."""
    with wave.open(str(path), "rb") as wav:
        params = wav.getparams()
        frames = wav.readframes(params.nframes)
    count = len(frames) // 2
    return params, [v / 32768 for v in struct.unpack(f"<{count}h", frames)]


def dbfs(x: float) -> float:
    return 20 * math.log10(x)


def rms(samples: list[float]) -> float:
    return math.sqrt(sum(v * v for v in samples) / len(samples))


def pitch_hz(samples: list[float]) -> float:
    """Fundamental from zero crossings (our tones' overtones are too weak to add any)."""
    crossings = sum(1 for a, b in itertools.pairwise(samples) if (a < 0) != (b < 0))
    return crossings / 2 / (len(samples) / RATE)


def bursts(samples: list[float], window: int = RATE // 100) -> int:
    """Separate sounding stretches: 10 ms windows above -30 dB of the loudest window."""
    levels = [rms(samples[i : i + window]) for i in range(0, len(samples) - window + 1, window)]
    loud = [level > max(levels) * 10 ** (-30 / 20) for level in levels]
    return sum(1 for i, on in enumerate(loud) if on and (i == 0 or not loud[i - 1]))


@pytest.mark.parametrize("sound", list(Sound))
def test_every_sound_is_a_valid_audible_unclipped_wav(sound: Sound) -> None:
    path = sounds_dir() / sound.filename
    assert path.is_file(), f"{path} is missing: run scripts/make_sounds.py"
    params, samples = read(path)
    assert (params.nchannels, params.sampwidth, params.framerate) == (1, 2, RATE)
    assert params.comptype == "NONE"
    low, high = DURATION_BOUNDS[sound]
    assert low <= params.nframes / params.framerate <= high
    peak = max(abs(v) for v in samples)
    assert peak < 0.99, "clipped or too hot"
    if sound is Sound.REP:
        assert -15 < dbfs(peak) < -6  # a soft click under the other cues
        assert dbfs(rms(samples)) > -40
    else:
        assert dbfs(peak) == pytest.approx(-3.0, abs=0.1)
        assert dbfs(rms(samples)) > -24, "too quiet to hear across a room"
    # Starts and ends in silence, so playing it never clicks.
    assert abs(samples[0]) < 0.001 and abs(samples[-1]) < 0.001
    assert max(abs(v) for v in samples[:10]) < 0.1 * peak


@pytest.mark.parametrize("sound", list(Sound))
def test_every_sound_is_plain_16_bit_pcm_mono_that_every_backend_plays(sound: Sound) -> None:
    """Byte by byte: `wave` would also read an extensible header, which some backends refuse."""
    data = (sounds_dir() / sound.filename).read_bytes()
    riff, riff_size, wave_id = struct.unpack_from("<4sI4s", data, 0)
    assert (riff, wave_id, riff_size) == (b"RIFF", b"WAVE", len(data) - 8)
    fmt_id, fmt_size, tag, channels, rate, byte_rate, align, bits = struct.unpack_from(
        "<4sIHHIIHH", data, 12
    )
    assert (fmt_id, fmt_size) == (b"fmt ", 16), "no extensible or extended fmt chunk"
    assert (tag, channels, rate, bits) == (WAVE_FORMAT_PCM, 1, RATE, 16)
    assert (byte_rate, align) == (RATE * 2, 2)
    data_id, data_size = struct.unpack_from("<4sI", data, 36)
    assert (data_id, data_size) == (b"data", len(data) - 44), "one data chunk, nothing after"
    with wave.open(str(sounds_dir() / sound.filename), "rb") as wav:
        assert wav.getnframes() == data_size // 2


def test_assets_hold_exactly_the_sounds_the_app_uses() -> None:
    assert sorted(p.name for p in sounds_dir().glob("*.wav")) == sorted(s.filename for s in Sound)


def test_sounds_are_distinct_in_pitch_and_shape() -> None:
    signals = {s: read(sounds_dir() / s.filename)[1] for s in Sound}

    def start_and_end_pitch(x: list[float]) -> tuple[float, float]:
        loud = [i for i, v in enumerate(x) if abs(v) > 0.05]
        x = x[loud[0] : loud[-1]]
        return pitch_hz(x[: len(x) // 3]), pitch_hz(x[-len(x) // 2 :])

    first, last = start_and_end_pitch(signals[Sound.WORK_START])
    assert last > first * 1.2, "work start should rise"
    first, last = start_and_end_pitch(signals[Sound.WORK_END])
    assert last < first / 1.2, "work end should fall"
    assert bursts(signals[Sound.SWITCH_SIDES]) == 2
    assert bursts(signals[Sound.COUNTDOWN]) == 1
    # The arpeggio climbs through at least three pitches.
    x = signals[Sound.SESSION_DONE]
    eighth = len(x) // 8  # the notes start 0.14 s apart: about one eighth each
    pitches = [pitch_hz(x[i * eighth : (i + 1) * eighth]) for i in range(3)]
    assert pitches[0] < pitches[1] < pitches[2]
    # No two cues are the same file under different names.
    lengths = {len(x) for x in signals.values()}
    assert len(lengths) == len(signals)


def test_regenerating_gives_identical_bytes(tmp_path: Path, make_sounds: ModuleType) -> None:
    written = make_sounds.make_sounds(tmp_path)
    assert sorted(p.name for p in written) == sorted(s.filename for s in Sound)
    for path in written:
        assert path.read_bytes() == (sounds_dir() / path.name).read_bytes(), path.name


def test_script_runs_from_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "new" / "sounds"
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(out)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert len(list(out.glob("*.wav"))) == len(Sound)


def test_unwritable_folder_message(
    tmp_path: Path, make_sounds: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    assert make_sounds.main(["--out", str(blocker / "sounds")]) == 2
    err = capsys.readouterr().err
    assert "file-not-folder" in err and "cannot write" in err


def test_a_silent_cue_is_refused(make_sounds: ModuleType) -> None:
    silent = make_sounds.Cue("quiet", (make_sounds.Note(0.0, 440.0, 0.1, level=0.0),))
    with pytest.raises(ValueError, match="quiet"):
        make_sounds.render(silent)
