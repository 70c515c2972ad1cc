"""Synthesise the app's cue sounds with the standard library, so they are ours and reproducible.

The runner lies on a mat a few metres from a laptop, so every cue sits where small speakers and
the ear work best (about 0.5-4 kHz: a clear fundamental plus two softer overtones), starts and
ends in silence through smooth envelopes (no clicks) and peaks at -3 dBFS. Each cue has its own
shape so it can be told apart without looking: a single tick, a rising pair, a falling pair, two
quick equal beeps, a four-note arpeggio, and a faint click.

    python scripts/make_sounds.py            # rewrite assets/sounds/
    python scripts/make_sounds.py --out DIR  # write somewhere else (tests compare the bytes)

The output is deterministic: the same script writes byte-identical files every time.
"""

from __future__ import annotations

import argparse
import math
import struct
import sys
import wave
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

# 48 kHz is the native rate of most output devices and mixers (PipeWire, WASAPI, Core Audio),
# so no backend has to refuse or resample it; 16-bit integer mono PCM is the one WAV form every
# QtMultimedia backend and QSoundEffect decoder reads.
SAMPLE_RATE = 48_000
SAMPLE_WIDTH = 2  # bytes: 16-bit PCM
FULL_SCALE = 32_767
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "assets" / "sounds"

# (multiple of the fundamental, relative amplitude, extra decay): a warm tone that still cuts
# through; the overtones fade faster than the fundamental, as in a struck bell or a marimba.
PARTIALS = ((1, 1.0, 0.0), (2, 0.30, 2.0), (3, 0.12, 4.0))


@dataclass(frozen=True)
class Note:
    """One tone inside a cue; times are seconds from the start of the cue."""

    start: float
    freq: float
    length: float  # until it has died away completely
    attack: float = 0.008  # a fade-in this short still sounds crisp but does not click
    decay: float = 2.0  # exponential decay rate over the note's length (higher: shorter ring)
    level: float = 1.0


@dataclass(frozen=True)
class Cue:
    """A sound file to write: its notes and the level its loudest sample is scaled to."""

    name: str
    notes: tuple[Note, ...]
    peak_dbfs: float = -3.0
    tail: float = 0.01  # silence kept after the last note


def _envelope(t: float, note: Note) -> float:
    """Raised-cosine attack, then an exponential decay that a cosine window brings to zero."""
    if t < 0 or t >= note.length:
        return 0.0
    if t < note.attack:
        return 0.5 - 0.5 * math.cos(math.pi * t / note.attack)
    x = (t - note.attack) / (note.length - note.attack)
    return math.exp(-note.decay * x) * math.cos(0.5 * math.pi * x) ** 2


def _render_note(buffer: list[float], note: Note) -> None:
    first = round(note.start * SAMPLE_RATE)
    count = round(note.length * SAMPLE_RATE)
    omega = 2 * math.pi * note.freq / SAMPLE_RATE
    for i in range(count):
        t = i / SAMPLE_RATE
        env = _envelope(t, note)
        if env == 0.0:
            continue
        x = t / note.length
        value = 0.0
        for multiple, amplitude, extra_decay in PARTIALS:
            value += amplitude * math.exp(-extra_decay * x) * math.sin(multiple * omega * i)
        buffer[first + i] += note.level * env * value


def render(cue: Cue) -> list[int]:
    """The cue as 16-bit samples, scaled so that its peak is exactly `cue.peak_dbfs`."""
    end = max(n.start + n.length for n in cue.notes) + cue.tail
    buffer = [0.0] * (round(end * SAMPLE_RATE) + 1)
    for note in cue.notes:
        _render_note(buffer, note)
    peak = max(abs(v) for v in buffer)
    if peak == 0:
        raise ValueError(f"cue {cue.name!r} is silent")
    scale = FULL_SCALE * 10 ** (cue.peak_dbfs / 20) / peak
    return [round(v * scale) for v in buffer]


# Equal-tempered pitches (Hz): bright, consonant, and far above mains hum.
C5, E5, G5, A5, C6, D6, E6, G6, A6 = (
    523.25,
    659.26,
    783.99,
    880.00,
    1046.50,
    1174.66,
    1318.51,
    1567.98,
    1760.00,
)

CUES: tuple[Cue, ...] = (
    # A short woodblock-like tick for 3-2-1: over long before the next one a second later.
    Cue("countdown", (Note(0.0, A6, 0.12, attack=0.004, decay=4.0),)),
    # Rising fifth, the second note longer: "go".
    Cue("work-start", (Note(0.0, C6, 0.16), Note(0.13, G6, 0.32))),
    # Falling fourth, lower and rounder than the start cue: "stop".
    Cue("work-end", (Note(0.0, E6, 0.18), Note(0.15, A5, 0.36))),
    # Two quick identical beeps: "switch".
    Cue(
        "switch-sides",
        (
            Note(0.0, D6, 0.11, attack=0.005, decay=3.5),
            Note(0.16, D6, 0.11, attack=0.005, decay=3.5),
        ),
    ),
    # Rising C major arpeggio that lets its last note ring: "done".
    Cue(
        "session-done",
        (
            Note(0.00, C5, 0.45, decay=4.0),
            Note(0.14, E5, 0.45, decay=4.0),
            Note(0.28, G5, 0.45, decay=4.0),
            Note(0.42, C6, 0.85, decay=3.5),
        ),
    ),
    # A faint short click per rep: a metronome, not an alarm.
    Cue("rep", (Note(0.0, 2 * C6, 0.04, attack=0.002, decay=5.0),), peak_dbfs=-12.0),
)


def write_wav(path: Path, samples: Sequence[int]) -> None:
    """Plain 16-bit little-endian mono PCM WAV.

    `wave` writes the classic 44-byte header (a 16-byte `fmt ` chunk, WAVE_FORMAT_PCM = 1, never
    the extensible or float forms) and no timestamps, so the bytes are reproducible.
    """
    frames = struct.pack(f"<{len(samples)}h", *samples)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(SAMPLE_WIDTH)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(frames)


def make_sounds(out_dir: Path, cues: Sequence[Cue] = CUES) -> list[Path]:
    """Write every cue into `out_dir` (created if needed) and return the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for cue in cues:
        path = out_dir / f"{cue.name}.wav"
        write_wav(path, render(cue))
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder to write into")
    args = parser.parse_args(argv)
    try:
        written = make_sounds(args.out)
    except OSError as exc:
        where = exc.filename or args.out
        print(f"make_sounds: cannot write {where}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
