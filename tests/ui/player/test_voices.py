"""The voice speaks the language in use: the best voice of the engine for it, the one chosen in
Sound settings, or none at all (then only the sounds play, and Sound settings says why)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtTextToSpeech import QTextToSpeech
from pytestqt.qtbot import QtBot

from hiprehab.i18n import use_language
from hiprehab.paths import AppPaths
from hiprehab.resources import sounds_dir
from hiprehab.routine.model import Routine, Timing
from hiprehab.session.engine import Event, EventKind
from hiprehab.session.timeline import StepKind, build_timeline
from hiprehab.ui.player.cues import CueOptions, CuePlayer, SpeechOutput, qt_speech_factory
from hiprehab.ui.player.voices import QtSpeechOutput, Voice, best_voice, no_voice_text
from hiprehab.ui.settings import AppSettings
from hiprehab.ui.sound_settings import SoundSettingsDialog
from tests.routine.strategies import make_exercise

BOB = Voice("Bob", "en_GB", "United Kingdom")
ANNA = Voice("Anna", "de_DE", "Deutschland")
LENA = Voice("Lena", "de_AT", "Österreich")
JONAS = Voice("Jonas", "de_DE", "Deutschland")

CLAMSHELL = make_exercise("Clamshell", sides="each", sets=2, reps=3, hold=0, rest=10)
STEPS = build_timeline(Routine("r", (CLAMSHELL,), Timing(prepare=5, switch_sides=5)))


def started(kind: StepKind) -> Event:
    return Event(EventKind.STEP_STARTED, next(s for s in STEPS if s.kind is kind))


class Engine:
    """A speech engine with the voices it is given; records what is said and by whom."""

    def __init__(self, voices: list[Voice]) -> None:
        self._voices = voices
        self.failed = False
        self.voice: Voice | None = None
        self.said: list[tuple[str, str]] = []  # (voice key, text)

    def voices(self) -> list[Voice]:
        return list(self._voices)

    def use_voice(self, voice: Voice) -> None:
        self.voice = voice

    def say(self, text: str) -> None:
        self.said.append((self.voice.key if self.voice else "", text))

    def stop(self) -> None:
        pass

    def set_volume(self, volume: float) -> None:
        pass


def player_with(engine: Engine, options: CueOptions | None = None) -> tuple[CuePlayer, list[str]]:
    played: list[str] = []

    class Sound:
        failed = False
        playing = False

        def __init__(self, path: Path) -> None:
            self.name = path.stem

        def play(self) -> None:
            played.append(self.name)

        def stop(self) -> None:
            pass

        def set_volume(self, volume: float) -> None:
            pass

    player = CuePlayer(
        sounds_dir(),
        options,
        sound_factory=lambda path, _notify: Sound(path),
        speech_factory=lambda _notify: engine,
    )
    return player, played


# ----- choosing among the voices -----------------------------------------------------------


def test_the_voice_of_the_systems_region_comes_first_then_any_of_the_language() -> None:
    voices = [BOB, ANNA, LENA, JONAS]
    assert best_voice(voices, "de", "AT") == LENA
    assert best_voice(voices, "de", "CH") == ANNA  # none of Switzerland: the engine's first
    assert best_voice(voices, "de", "") == ANNA
    assert best_voice(voices, "en", "AT") == BOB


def test_the_chosen_voice_wins_while_the_engine_has_it() -> None:
    voices = [BOB, ANNA, LENA, JONAS]
    assert best_voice(voices, "de", "AT", wanted=JONAS.key) == JONAS
    assert best_voice(voices, "de", "AT", wanted="de_DE/Gone") == LENA
    assert best_voice(voices, "de", "AT", wanted=BOB.key) == LENA  # not of the language


def test_no_voice_of_the_language_is_none() -> None:
    assert best_voice([BOB], "de", "DE") is None
    assert best_voice([], "en", "") is None


def test_a_voice_is_kept_by_its_locale_and_name_and_listed_with_its_region() -> None:
    assert (LENA.language, LENA.region, LENA.key) == ("de", "AT", "de_AT/Lena")
    assert LENA.label == "Lena (Österreich)"
    assert Voice("male1", "de").label == "male1" and Voice("male1", "de").region == ""


# ----- the cue player speaks the language in use -------------------------------------------


def test_german_cues_are_spoken_by_a_german_voice_of_the_systems_region() -> None:
    use_language("de", region="AT")
    engine = Engine([BOB, ANNA, LENA])
    player, _ = player_with(engine)
    player.handle(started(StepKind.PREPARE))
    assert engine.said == [
        ("de_AT/Lena", "Mach dich bereit: Clamshell, linke Seite, 3 Wiederholungen")
    ]
    assert player.voices == [ANNA, LENA]


def test_the_voice_chosen_in_the_settings_speaks() -> None:
    use_language("de", region="AT")
    engine = Engine([BOB, ANNA, LENA])
    player, _ = player_with(engine, CueOptions(voice=ANNA.key))
    player.handle(started(StepKind.SWITCH))
    assert engine.said == [("de_DE/Anna", "Seite wechseln, als Nächstes rechts")]
    player.set_options(CueOptions(voice=""))  # back to Automatic
    player.handle(started(StepKind.WORK))
    assert engine.said[-1] == ("de_AT/Lena", "Los")


def test_switching_the_language_switches_the_voice() -> None:
    engine = Engine([BOB, ANNA])
    player, _ = player_with(engine)
    player.handle(started(StepKind.WORK))
    use_language("de")
    player.handle(started(StepKind.REST))
    assert engine.said == [("en_GB/Bob", "Go"), ("de_DE/Anna", "Pause, 10 Sekunden")]


def test_without_a_voice_for_the_language_the_words_are_skipped_and_the_sounds_play(
    caplog: pytest.LogCaptureFixture,
) -> None:
    use_language("de")
    engine = Engine([BOB])
    player, played = player_with(engine)
    with caplog.at_level(logging.WARNING, logger="hiprehab.ui.player.cues"):
        for _ in range(3):
            player.handle(started(StepKind.WORK))
    assert engine.said == [] and played == ["work-start"] * 3
    assert player.speech_available and player.voice is None and player.voices == []
    assert len(caplog.records) == 1 and "'de'" in caplog.records[0].getMessage()
    assert player.speak("Los") is False


# ----- Qt's mock engine: English voices only -----------------------------------------------


@pytest.fixture
def mock_engine() -> Callable[[Callable[[], None]], SpeechOutput | None]:
    if "mock" not in QTextToSpeech.availableEngines():
        pytest.skip("this Qt has no mock speech engine")
    return qt_speech_factory(engines=["mock"])


def test_the_mock_engine_speaks_english_in_the_systems_region(
    qtbot: QtBot, mock_engine: Callable[[Callable[[], None]], SpeechOutput | None]
) -> None:
    use_language("en", region="US")
    player = CuePlayer(
        sounds_dir(),
        CueOptions(volume=0.0),
        sound_factory=lambda _path, _notify: None,
        speech_factory=mock_engine,
    )
    voice = player.voice
    assert voice is not None and voice.locale == "en_US"
    assert {v.locale for v in player.voices} == {"en_GB", "en_US"}
    speech = player._ensure_speech()
    assert isinstance(speech, QtSpeechOutput)
    assert speech.engine.locale().name() == "en_US"
    assert speech.engine.voice().name() == voice.name
    chosen = next(v for v in player.voices if v.locale == "en_GB" and v != voice)
    player.set_options(CueOptions(volume=0.0, voice=chosen.key))
    assert player.voice == chosen and speech.engine.voice().name() == chosen.name


@pytest.mark.usefixtures("german")
def test_the_mock_engine_has_no_german_voice_so_german_words_are_skipped(
    qtbot: QtBot, mock_engine: Callable[[Callable[[], None]], SpeechOutput | None]
) -> None:
    player = CuePlayer(
        sounds_dir(),
        CueOptions(volume=0.0),
        sound_factory=lambda _path, _notify: None,
        speech_factory=mock_engine,
    )
    assert player.speech_available and player.voices == [] and player.voice is None
    assert player.speak("Los") is False


# ----- Sound settings ----------------------------------------------------------------------


@pytest.mark.usefixtures("german")
def test_sound_settings_say_plainly_that_no_german_voice_is_installed(qtbot: QtBot) -> None:
    dialog = SoundSettingsDialog(
        CueOptions(), sound_available=True, speech_available=True, voices=[]
    )
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Toneinstellungen"
    note = (
        "Auf diesem Computer ist keine deutsche Stimme installiert; hiprehab spielt nur die Töne."
    )
    assert dialog.voice_note.text() == note and not dialog.voice_note.isHidden()
    assert not dialog.voice.isEnabled() and dialog.voice.toolTip() == note
    assert not dialog.voice_choice.isEnabled()
    assert dialog.sound.isEnabled() and dialog.sound.isChecked()
    assert dialog.options() == CueOptions()  # the wish to hear a voice is kept


def test_the_note_names_a_language_without_a_sentence_of_its_own() -> None:
    assert no_voice_text("en").startswith("No English voice is installed")
    assert no_voice_text("fr") == (
        "No voice for fr is installed on this computer; hiprehab plays the sounds only."
    )


@pytest.mark.usefixtures("german")
def test_the_voice_is_chosen_in_sound_settings_and_kept_for_the_language(
    qtbot: QtBot, make_window: Any, cue_factory: Any, paths: AppPaths
) -> None:
    cues, _, words = cue_factory()
    window = make_window(cues=cues)
    dialog = window.show_sound_settings()
    assert isinstance(dialog, SoundSettingsDialog)
    assert dialog.voice_note.isHidden() and dialog.voice.isEnabled()
    choice = dialog.voice_choice
    items = [choice.itemText(i) for i in range(choice.count())]
    assert items == ["Automatisch", "Anna (Deutschland)"]  # German voices only
    assert choice.currentIndex() == 0
    choice.setCurrentIndex(1)
    assert cues.options.voice == "de_DE/Anna"
    dialog.close()
    settings = AppSettings(paths.settings_file)
    assert settings.cue_voice("de") == "de_DE/Anna" and settings.cue_voice("en") == ""
    cues2, _, _ = cue_factory()
    again = make_window(cues=cues2)
    assert again.cues is not None and again.cues.options.voice == "de_DE/Anna"
    again_dialog = again.show_sound_settings()
    assert isinstance(again_dialog, SoundSettingsDialog)
    assert again_dialog.voice_choice.currentText() == "Anna (Deutschland)"
    again_dialog.voice_choice.setCurrentIndex(0)  # Automatic: the setting goes
    again_dialog.close()
    assert AppSettings(paths.settings_file).cue_voice("de") == ""
