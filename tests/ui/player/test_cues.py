"""CuePlayer: sound before speech, no piling up, options respected, and no audio never hurts."""

from __future__ import annotations

import ctypes.util
import logging
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6 import QtTextToSpeech
from PySide6.QtMultimedia import QMediaDevices
from PySide6.QtTextToSpeech import QTextToSpeech
from pytestqt.qtbot import QtBot

from hiprehab.resources import sounds_dir
from hiprehab.routine.model import Routine, Timing
from hiprehab.session.announcements import Sound
from hiprehab.session.clock import FakeClock
from hiprehab.session.engine import Event, EventKind, SessionEngine, WorkOutcome
from hiprehab.session.timeline import Step, StepKind, build_timeline
from hiprehab.ui.player import cues
from hiprehab.ui.player.cues import (
    SILENT_ENGINES,
    CueOptions,
    CuePlayer,
    NoOutputSound,
    QtSpeechOutput,
    SoundOutput,
    SpeechOutput,
    qt_speech_factory,
)
from hiprehab.ui.player.voices import Voice
from tests.routine.strategies import make_exercise

Log = list[tuple[str, ...]]


class FakeSound:
    def __init__(self, path: Path, notify: Callable[[], None], log: Log) -> None:
        self.path, self.notify, self.log = path, notify, log
        self.failed = False
        self.playing = False
        self.volume: float | None = None

    def play(self) -> None:
        self.log.append(("play", self.path.stem))
        self.playing = True

    def stop(self) -> None:
        if self.playing:
            self.log.append(("cut", self.path.stem))
        self.playing = False

    def set_volume(self, volume: float) -> None:
        self.volume = volume


class FakeSpeech:
    def __init__(self, notify: Callable[[], None], log: Log, voices: list[Voice]) -> None:
        self.notify, self.log = notify, log
        self.failed = False
        self.volume: float | None = None
        self._voices = voices
        self.voice: Voice | None = None

    def voices(self) -> list[Voice]:
        return list(self._voices)

    def use_voice(self, voice: Voice) -> None:
        self.voice = voice

    def say(self, text: str) -> None:
        self.log.append(("say", text))

    def stop(self) -> None:
        self.log.append(("hush",))

    def set_volume(self, volume: float) -> None:
        self.volume = volume


class Backends:
    """Fake sound and speech factories sharing one log, so the order of cues can be checked."""

    def __init__(self, speech_works: bool = True, voices: list[Voice] | None = None) -> None:
        self.log: Log = []
        self.voices = [Voice("Bob", "en_GB")] if voices is None else voices
        self.sounds: dict[str, FakeSound] = {}
        self.speech: FakeSpeech | None = None
        self.speech_created = 0
        self.speech_works = speech_works

    def sound_factory(self, path: Path, notify: Callable[[], None]) -> SoundOutput:
        sound = FakeSound(path, notify, self.log)
        self.sounds[path.stem] = sound
        return sound

    def speech_factory(self, notify: Callable[[], None]) -> SpeechOutput | None:
        self.speech_created += 1
        if not self.speech_works:
            return None
        self.speech = FakeSpeech(notify, self.log, self.voices)
        return self.speech

    def player(self, options: CueOptions | None = None, folder: Path | None = None) -> CuePlayer:
        return CuePlayer(
            sounds_dir() if folder is None else folder,
            options,
            sound_factory=self.sound_factory,
            speech_factory=self.speech_factory,
        )


@pytest.fixture
def fakes() -> Backends:
    return Backends()


CLAMSHELL = make_exercise("Clamshell", sides="each", sets=2, reps=3, hold=0, rest=10)
STEPS = build_timeline(Routine("r", (CLAMSHELL,), Timing(prepare=5, switch_sides=5)))


def step(kind: StepKind) -> Step:
    return next(s for s in STEPS if s.kind is kind)


def started(kind: StepKind) -> Event:
    return Event(EventKind.STEP_STARTED, step(kind))


def countdown(value: int = 3) -> Event:
    return Event(EventKind.COUNTDOWN, step(StepKind.PREPARE), value)


def work_finished() -> Event:
    work = step(StepKind.WORK)
    return Event(EventKind.WORK_FINISHED, work, None, WorkOutcome(work, "completed", 9.0, 9.0))


# ----- with fake backends -----------------------------------------------------------------


def test_every_sound_is_loaded_on_first_need_at_the_chosen_volume(fakes: Backends) -> None:
    player = fakes.player(CueOptions(volume=0.5))
    assert fakes.sounds == {}  # the first screen loads no sound (nor Qt Multimedia)
    player.prepare()  # as a session is about to start, or the first cue
    player.prepare()
    assert sorted(fakes.sounds) == sorted(s.value for s in Sound)
    for name, sound in fakes.sounds.items():
        assert sound.path == sounds_dir() / f"{name}.wav"
        assert sound.volume == 0.5


def test_the_first_cue_loads_the_sounds_and_plays(fakes: Backends) -> None:
    player = fakes.player()
    assert player.play(Sound.WORK_START) is True
    assert sorted(fakes.sounds) == sorted(s.value for s in Sound)
    assert ("play", "work-start") in fakes.log


def test_the_sounds_folder_defaults_to_the_packaged_one(fakes: Backends) -> None:
    player = CuePlayer(sound_factory=fakes.sound_factory, speech_factory=fakes.speech_factory)
    assert player.sound_available
    assert {s.path.parent for s in fakes.sounds.values()} == {sounds_dir()}


def test_speech_engine_starts_only_when_first_needed_and_only_once(fakes: Backends) -> None:
    player = fakes.player()
    player.handle(countdown())
    assert fakes.speech_created == 0
    player.handle(started(StepKind.PREPARE))
    player.handle(started(StepKind.WORK))
    assert fakes.speech_created == 1


def test_the_sound_starts_before_the_words(fakes: Backends) -> None:
    player = fakes.player()
    player.handle(started(StepKind.WORK))
    assert fakes.log == [("play", "work-start"), ("hush",), ("say", "Go")]


def test_a_new_phrase_replaces_the_one_still_being_said(fakes: Backends) -> None:
    player = fakes.player()
    player.handle(started(StepKind.PREPARE))
    player.handle(started(StepKind.SWITCH))
    assert fakes.log == [
        ("hush",),
        ("say", "Get ready: Clamshell, left side, 3 reps"),
        ("hush",),
        ("say", "Switch sides, right side next"),
    ]


def test_countdown_ticks_leave_speech_alone(fakes: Backends) -> None:
    player = fakes.player()
    player.handle(started(StepKind.PREPARE))
    fakes.log.clear()
    for value in (3, 2, 1):
        player.handle(countdown(value))
    assert fakes.log == [("play", "countdown")] * 3


def test_a_new_cue_cuts_off_the_one_still_ringing(fakes: Backends) -> None:
    player = fakes.player()
    player.handle(work_finished())
    player.handle(Event(EventKind.SWITCH_SIDES, step(StepKind.SWITCH)))
    assert fakes.log == [("play", "work-end"), ("cut", "work-end"), ("play", "switch-sides")]


def test_the_soft_rep_click_gives_way_to_other_cues(fakes: Backends) -> None:
    player = fakes.player()
    player.handle(countdown())
    assert player.play(Sound.REP) is False
    assert fakes.log == [("play", "countdown")]
    fakes.sounds["countdown"].playing = False  # it has finished
    assert player.play(Sound.REP) is True


def test_sound_off_plays_nothing_but_still_speaks(fakes: Backends) -> None:
    player = fakes.player(CueOptions(sound_on=False))
    player.handle(started(StepKind.WORK))
    player.handle(countdown())
    assert fakes.log == [("hush",), ("say", "Go")]


def test_voice_off_speaks_nothing_and_never_starts_an_engine(fakes: Backends) -> None:
    player = fakes.player(CueOptions(voice_on=False))
    player.handle(started(StepKind.PREPARE))
    player.handle(started(StepKind.WORK))
    assert fakes.log == [("play", "work-start")]
    assert fakes.speech_created == 0


def test_new_options_change_volume_and_silence_what_was_switched_off(fakes: Backends) -> None:
    player = fakes.player()
    player.handle(started(StepKind.WORK))
    fakes.log.clear()
    player.set_options(CueOptions(sound_on=False, voice_on=False, volume=0.3))
    assert player.options == CueOptions(sound_on=False, voice_on=False, volume=0.3)
    assert {s.volume for s in fakes.sounds.values()} == {0.3}
    assert fakes.speech is not None and fakes.speech.volume == 0.3
    assert fakes.log == [("cut", "work-start"), ("hush",)]


def test_the_engine_gets_the_volume_when_it_starts_late(fakes: Backends) -> None:
    player = fakes.player(CueOptions(volume=0.8))
    player.set_options(CueOptions(volume=0.4))
    player.speak("Halfway")
    assert fakes.speech is not None and fakes.speech.volume == 0.4


def test_stopping_a_session_cuts_speech_short(fakes: Backends) -> None:
    player = fakes.player()
    player.handle(started(StepKind.PREPARE))
    fakes.log.clear()
    player.handle(Event(EventKind.STOPPED, step(StepKind.PREPARE)))
    assert fakes.log == [("hush",)]


def test_no_speech_engine_means_voice_unavailable_and_silence() -> None:
    fakes = Backends(speech_works=False)
    player = fakes.player()
    assert player.speech_available is False
    assert player.speak("Go") is False
    player.handle(started(StepKind.PREPARE))
    assert fakes.speech_created == 1  # not retried for every phrase
    assert player.sound_available is True


def test_an_engine_that_fails_later_is_reported_and_left_alone(
    fakes: Backends, qtbot: QtBot
) -> None:
    player = fakes.player()
    assert player.speech_available is True
    assert fakes.speech is not None
    fakes.speech.failed = True
    with qtbot.waitSignal(player.availability_changed, timeout=1000):
        fakes.speech.notify()
    assert player.speech_available is False
    fakes.log.clear()
    assert player.speak("Go") is False
    assert fakes.log == []


def test_no_audio_device_means_sound_unavailable(fakes: Backends, qtbot: QtBot) -> None:
    player = fakes.player()
    player.prepare()
    for sound in fakes.sounds.values():
        sound.failed = True
    with qtbot.waitSignal(player.availability_changed, timeout=1000):
        fakes.sounds["countdown"].notify()
    assert player.sound_available is False
    assert player.play(Sound.COUNTDOWN) is False
    player.handle(started(StepKind.WORK))
    assert fakes.log == [("hush",), ("say", "Go")]


def test_a_missing_sound_file_is_named_and_only_that_cue_is_lost(
    fakes: Backends, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    for sound in Sound:
        if sound is not Sound.COUNTDOWN:
            (tmp_path / sound.filename).write_bytes((sounds_dir() / sound.filename).read_bytes())
    player = fakes.player(folder=tmp_path)
    with caplog.at_level(logging.WARNING, logger="hiprehab.ui.player.cues"):
        player.prepare()  # the sounds load on first need, or as a session is about to start
    assert str(tmp_path / "countdown.wav") in caplog.text and "missing" in caplog.text
    assert player.play(Sound.COUNTDOWN) is False
    assert player.play(Sound.WORK_START) is True


@pytest.mark.parametrize("volume", [-0.1, 1.01, float("nan")])
def test_volume_outside_zero_to_one_is_a_programming_error(volume: float) -> None:
    with pytest.raises(ValueError, match="volume"):
        CueOptions(volume=volume)


def test_default_options() -> None:
    assert CueOptions() == CueOptions(sound_on=True, voice_on=True, volume=0.8)


# ----- with the real Qt classes (offscreen, usually no audio device) ----------------------


def test_real_backends_never_raise_or_block(qtbot: QtBot) -> None:
    """A whole session's events through real QSoundEffect and QTextToSpeech, volume 0."""
    player = CuePlayer(sounds_dir(), CueOptions(volume=0.0))
    clock = FakeClock()
    engine = SessionEngine(STEPS, clock)
    handled: list[EventKind] = []
    engine.subscribe(lambda e: (player.handle(e), handled.append(e.kind)))
    engine.start()
    while engine.status == "running":
        clock.advance(0.5)
        engine.update()
    assert handled[-1] is EventKind.SESSION_DONE
    assert isinstance(player.speech_available, bool)
    if QMediaDevices.defaultAudioOutput().isNull():
        # No device: no effect is even made, and the player says so.
        assert not player.sound_available
        assert player.play(Sound.COUNTDOWN) is False
    player.handle(started(StepKind.PREPARE))  # still fine after the failure


def test_without_an_audio_output_no_effect_is_made_and_the_player_says_so_once(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Qt would load every file and then blame its format; the player names the real cause."""

    class NullDevice:
        def isNull(self) -> bool:
            return True

    monkeypatch.setattr(QMediaDevices, "defaultAudioOutput", staticmethod(NullDevice))
    with caplog.at_level(logging.WARNING, logger="hiprehab.ui.player.cues"):
        player = CuePlayer(sounds_dir(), speech_factory=lambda _notify: None)
        player.prepare()
    assert all(isinstance(o, NoOutputSound) for o in player._sounds.values())
    assert len(player._sounds) == len(Sound)
    assert not player.sound_available and player.play(Sound.WORK_START) is False
    assert [r.getMessage() for r in caplog.records] == [
        "cue sounds cannot play: no working audio output was found on this computer "
        "(View > Sound settings says so too)"
    ]


def test_an_engine_whose_library_is_missing_is_not_even_loaded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Qt would fail to load the speechd plug-in with a raw critical message; it is skipped."""
    monkeypatch.setattr(cues.sys, "platform", "linux")
    monkeypatch.setattr(ctypes.util, "find_library", lambda _name: None)
    assert cues.engine_missing_library("speechd") == "speech-dispatcher not installed"
    assert cues.engine_missing_library("mock") is None
    made: list[str] = []

    class FakeTextToSpeech:
        def __init__(self, name: str, _parent: object) -> None:
            made.append(name)

        @staticmethod
        def availableEngines() -> list[str]:
            return ["speechd"]

    monkeypatch.setattr(QtTextToSpeech, "QTextToSpeech", FakeTextToSpeech)
    assert qt_speech_factory()(lambda: None) is None
    assert made == []
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: f"lib{name}.so.2")
    assert cues.engine_missing_library("speechd") is None


def test_the_silent_test_engine_is_never_chosen_by_default() -> None:
    speech = qt_speech_factory()(lambda: None)
    if speech is not None:
        assert isinstance(speech, QtSpeechOutput)
        assert speech.engine.engine() not in SILENT_ENGINES


def test_unknown_or_broken_engines_are_skipped() -> None:
    if "mock" not in QTextToSpeech.availableEngines():
        pytest.skip("this Qt has no mock speech engine")
    assert qt_speech_factory(engines=["no-such-engine"])(lambda: None) is None
    speech = qt_speech_factory(engines=["no-such-engine", "mock"])(lambda: None)
    assert isinstance(speech, QtSpeechOutput) and speech.engine.engine() == "mock"


def test_a_new_phrase_interrupts_the_real_engine(qtbot: QtBot, fakes: Backends) -> None:
    """Qt's mock engine 'speaks' a word every 100 ms and reports each one: a real check."""
    if "mock" not in QTextToSpeech.availableEngines():
        pytest.skip("this Qt has no mock speech engine")
    outputs: list[QtSpeechOutput] = []

    def mock_speech(notify: Callable[[], None]) -> SpeechOutput | None:
        speech = qt_speech_factory(engines=["mock"])(notify)
        assert isinstance(speech, QtSpeechOutput)
        outputs.append(speech)
        return speech

    player = CuePlayer(
        sounds_dir(),
        CueOptions(volume=0.0),
        sound_factory=fakes.sound_factory,
        speech_factory=mock_speech,
    )
    assert player.speech_available
    tts = outputs[0].engine
    assert tts.volume() == 0.0
    words: list[str] = []
    tts.sayingWord.connect(lambda word, *_: words.append(word))
    player.handle(started(StepKind.PREPARE))  # "Get ready: Clamshell, left side, 3 reps"
    qtbot.waitUntil(lambda: bool(words), timeout=3000)
    player.handle(started(StepKind.WORK))  # "Go" while the first phrase is under way
    qtbot.waitUntil(lambda: "Go" in words and tts.state() == QTextToSpeech.State.Ready)
    assert words[0] == "Get" and words[-1] == "Go"
    assert "reps" not in words, "the stale phrase was finished instead of interrupted"
