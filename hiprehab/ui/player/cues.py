"""Plays the cue sounds and speaks the announcements for engine events.

Cues are a help, not a requirement: a laptop with no audio device, no speech engine, or a Qt
build without the multimedia add-ons must still run every session silently. So each backend is
created behind a guard, a failure only turns that cue off (and is reported through
`sound_available` / `speech_available` so the UI can grey out its switch), and nothing here ever
waits for audio. The backends are small adapters, passed in as factories, so tests can swap them
for fakes; the defaults wrap `QSoundEffect` and `QTextToSpeech`.

Timing matters more than words: a sound is always started before any speech for the same event,
speech never queues (a new phrase replaces the one still being spoken), and a new cue sound cuts
off the previous one instead of blurring into it; only the soft rep click gives way to others.

The voice speaks the language in use (`hiprehab.i18n.current_language()`): the one the user
chose in Sound settings, else the best the engine has for that language, one of the system's
region first. An engine with no voice for the language would read the words with the wrong
pronunciation, so then the phrases are skipped and only the sounds play.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, QUrl, Signal

from hiprehab.i18n import N_, _, current_language
from hiprehab.resources import sounds_dir
from hiprehab.session.announcements import Sound, announcement_for, sound_for
from hiprehab.session.events import Event, EventKind
from hiprehab.ui.player.voices import (
    QtSpeechOutput,
    Voice,
    best_voice,
    system_region,
    voices_for,
)

log = logging.getLogger(__name__)

# Qt's own test engine: it reports words as "spoken" but makes no sound, so the app never picks it.
SILENT_ENGINES = frozenset({"mock"})
# Engines whose Qt plug-in needs a system library that is often not installed: without it, Qt
# fails to load the plug-in and says so in a raw critical message, so the app asks first.
ENGINE_LIBRARIES = {"speechd": ("linux", "speechd", N_("speech-dispatcher not installed"))}


def engine_missing_library(name: str) -> str | None:
    """Why the speech engine `name` cannot start on this computer, if a library it needs is
    missing (in plain words); None when nothing is known to be missing."""
    needs = ENGINE_LIBRARIES.get(name)
    if needs is None or not sys.platform.startswith(needs[0]):
        return None
    import ctypes.util  # only here: it brings subprocess with it

    return _(needs[2]) if ctypes.util.find_library(needs[1]) is None else None


@dataclass(frozen=True)
class CueOptions:
    """The user's cue settings; `volume` (0 to 1) applies to sounds and speech alike."""

    sound_on: bool = True
    voice_on: bool = True
    volume: float = 0.8
    voice: str = ""  # the `Voice.key` chosen for the language in use; "": chosen automatically

    def __post_init__(self) -> None:
        if not (isinstance(self.volume, int | float) and 0.0 <= self.volume <= 1.0):
            raise ValueError(f"volume must be between 0 and 1, not {self.volume!r}")


class SoundOutput(Protocol):
    """One pre-loaded sound."""

    @property
    def failed(self) -> bool:
        """True once it is known that it cannot play (no device, unreadable file)."""
        ...

    @property
    def playing(self) -> bool: ...

    def play(self) -> None: ...

    def stop(self) -> None: ...

    def set_volume(self, volume: float) -> None: ...


class SpeechOutput(Protocol):
    """A speech engine that works (the factory returns None when there is none)."""

    @property
    def failed(self) -> bool: ...

    def voices(self) -> list[Voice]:
        """Every voice the engine has, in every language, its default voice first."""
        ...

    def use_voice(self, voice: Voice) -> None: ...

    def say(self, text: str) -> None: ...

    def stop(self) -> None: ...

    def set_volume(self, volume: float) -> None: ...


# Factories receive a callback to call whenever the backend's availability may have changed.
SoundFactory = Callable[[Path, Callable[[], None]], SoundOutput | None]
SpeechFactory = Callable[[Callable[[], None]], SpeechOutput | None]


class QtSoundOutput:
    """A `QSoundEffect`, loading at once (it decodes the file in the background).

    Raises ImportError when Qt Multimedia (a PySide6 add-on) is not installed.
    """

    def __init__(self, path: Path, notify: Callable[[], None], parent: QObject | None) -> None:
        from PySide6.QtMultimedia import QSoundEffect

        self._effect = QSoundEffect(parent)
        self._error = QSoundEffect.Status.Error
        self._effect.statusChanged.connect(notify)
        self._effect.setSource(QUrl.fromLocalFile(str(path)))

    @property
    def failed(self) -> bool:
        return self._effect.status() == self._error

    @property
    def playing(self) -> bool:
        return self._effect.isPlaying()

    def play(self) -> None:
        self._effect.play()

    def stop(self) -> None:
        self._effect.stop()

    def set_volume(self, volume: float) -> None:
        self._effect.setVolume(volume)


class NoOutputSound:
    """A cue sound for a computer without an audio output: it has failed from the start.

    A `QSoundEffect` would only find that out after loading its file, and then print Qt's own
    "playback of this format is not supported" for every sound, which blames the file.
    """

    failed = True
    playing = False

    def play(self) -> None:
        pass

    def stop(self) -> None:
        pass

    def set_volume(self, volume: float) -> None:
        pass


def qt_sound_factory(parent: QObject | None = None) -> SoundFactory:
    """Make `QtSoundOutput`s; `NoOutputSound`s when there is no audio output; None for each
    sound when Qt Multimedia is missing."""
    has_output: list[bool] = []  # asked once, for the first sound

    def make(path: Path, notify: Callable[[], None]) -> SoundOutput | None:
        try:
            from PySide6.QtMultimedia import QMediaDevices
        except ImportError as exc:
            log.warning("no cue sounds: Qt Multimedia is not available (%s)", exc)
            return None
        if not has_output:
            has_output.append(not QMediaDevices.defaultAudioOutput().isNull())
        if not has_output[0]:
            return NoOutputSound()
        return QtSoundOutput(path, notify, parent)

    return make


def qt_speech_factory(
    parent: QObject | None = None, engines: Iterable[str] | None = None
) -> SpeechFactory:
    """Make a `QtSpeechOutput` on the first engine that starts without an error.

    `engines` defaults to every installed engine except Qt's silent test engine.
    """

    def make(notify: Callable[[], None]) -> SpeechOutput | None:
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech
        except ImportError as exc:
            log.warning("no voice cues: Qt TextToSpeech is not available (%s)", exc)
            return None
        installed = QTextToSpeech.availableEngines()
        if engines is None:
            names = [e for e in installed if e not in SILENT_ENGINES]
        else:
            names = list(engines)
        for name in names:
            # Qt reports an engine it cannot load with a raw critical message: ask first.
            known = name in installed
            missing = engine_missing_library(name) if known else "not installed"  # i18n: ignore
            if missing is not None:
                log.info("speech engine %r unusable: %s", name, missing)
                continue
            engine = QTextToSpeech(name, parent)
            if engine.state() != QTextToSpeech.State.Error:
                return QtSpeechOutput(engine, notify)
            log.info("speech engine %r unusable: %s", name, engine.errorString() or "no reason")
            engine.deleteLater()
        log.warning(
            "no voice cues: no speech engine works on this computer (tried: %s); on Linux, "
            "installing speech-dispatcher adds one",
            ", ".join(names) or "none installed",
        )
        return None

    return make


class CuePlayer(QObject):
    """Turns engine events into sounds and speech, within the user's `CueOptions`."""

    availability_changed = Signal()  # sound_available or speech_available may have changed

    def __init__(
        self,
        sounds_folder: Path | None = None,
        options: CueOptions | None = None,
        *,
        sound_factory: SoundFactory | None = None,
        speech_factory: SpeechFactory | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._folder = sounds_dir() if sounds_folder is None else sounds_folder
        self._options = options or CueOptions()
        self._speech_factory = speech_factory or qt_speech_factory(self)
        self._speech: SpeechOutput | None = None
        self._speech_tried = False
        self._voice: Voice | None = None
        self._voice_for: tuple[str, str] | None = None  # (language, wanted) it was chosen for
        self._told_no_voice: set[str] = set()  # languages the log has been told lack a voice
        self._sounds: dict[Sound, SoundOutput] = {}  # made by `prepare`, on first need
        self._sounds_made = False
        self._told_no_sound = False
        self._make_sound = sound_factory or qt_sound_factory(self)

    def prepare(self) -> None:
        """Load the cue sounds (and Qt Multimedia with them) unless done: on the first cue, on
        the first question whether sound works, or earlier when a session is about to start
        (the files load in the background). The first screen needs none of it."""
        if self._sounds_made:
            return
        self._sounds_made = True
        for sound in Sound:
            path = self._folder / sound.filename
            if not path.is_file():
                log.warning("cue sound %s is missing; that cue stays silent", path)
                continue
            output = self._make_sound(path, self._changed)
            if output is not None:
                output.set_volume(self._options.volume)
                self._sounds[sound] = output
        self._tell_if_no_sound()

    # ----- state ------------------------------------------------------------------------

    @property
    def options(self) -> CueOptions:
        return self._options

    @property
    def sound_available(self) -> bool:
        """Whether any cue sound can play (False with no audio device); loads them first."""
        self.prepare()
        return any(not output.failed for output in self._sounds.values())

    @property
    def speech_available(self) -> bool:
        """Whether a speech engine works; asking starts the engine if it has not been yet."""
        speech = self._ensure_speech()
        return speech is not None and not speech.failed

    @property
    def voices(self) -> list[Voice]:
        """The engine's voices for the language in use, to choose from (starts the engine)."""
        speech = self._ensure_speech()
        if speech is None or speech.failed:
            return []
        return voices_for(speech.voices(), current_language())

    @property
    def voice(self) -> Voice | None:
        """The voice that speaks the language in use; None without one (then no words)."""
        speech = self._ensure_speech()
        if speech is None or speech.failed:
            return None
        wanted = (current_language(), self._options.voice)
        if self._voice_for != wanted:
            self._voice_for = wanted
            self._voice = best_voice(speech.voices(), wanted[0], system_region(), wanted[1])
            if self._voice is not None:
                speech.use_voice(self._voice)
            elif wanted[0] not in self._told_no_voice:
                self._told_no_voice.add(wanted[0])
                log.warning(
                    "no voice for %r among the speech engine's voices: the cues' words are "
                    "skipped, the sounds still play (Sound settings says so too)",
                    wanted[0],
                )
        return self._voice

    def set_options(self, options: CueOptions) -> None:
        self._options = options
        for output in self._sounds.values():
            output.set_volume(options.volume)
            if not options.sound_on:
                output.stop()
        if self._speech is not None:
            self._speech.set_volume(options.volume)
            if not options.voice_on:
                self._speech.stop()

    # ----- cues -------------------------------------------------------------------------

    def handle(self, event: Event) -> None:
        """Play the event's sound first (it carries the timing), then say its words."""
        sound = sound_for(event)
        if sound is not None:
            self.play(sound)
        if event.kind is EventKind.STOPPED:
            self.stop_speech()
        text = announcement_for(event)
        if text is not None:
            self.speak(text)

    def play(self, sound: Sound) -> bool:
        """Start `sound` now, cutting off any other cue still ringing; False if it cannot play."""
        self.prepare()
        output = self._sounds.get(sound)
        if not self._options.sound_on or output is None or output.failed:
            return False
        others = [o for s, o in self._sounds.items() if s is not sound and o.playing]
        if sound is Sound.REP and others:
            return False  # the soft click never masks a real cue
        for other in others:
            other.stop()
        output.play()
        return True

    def speak(self, text: str) -> bool:
        """Say `text` at once, replacing whatever is still being said; False if it cannot."""
        if not self._options.voice_on:
            return False
        speech = self._ensure_speech()
        if speech is None or speech.failed or self.voice is None:
            return False  # no voice for the language: other words would be read wrong
        speech.stop()
        speech.say(text)
        return True

    def stop_speech(self) -> None:
        if self._speech is not None:
            self._speech.stop()

    # ----- internals --------------------------------------------------------------------

    def _ensure_speech(self) -> SpeechOutput | None:
        """Start the speech engine on first need only: it is slow to load and often absent."""
        if not self._speech_tried:
            self._speech_tried = True
            self._speech = self._speech_factory(self._changed)
            if self._speech is not None:
                self._speech.set_volume(self._options.volume)
            self.availability_changed.emit()
        return self._speech

    def _changed(self) -> None:
        self._tell_if_no_sound()
        self.availability_changed.emit()

    def _tell_if_no_sound(self) -> None:
        if self._sounds and not self._told_no_sound and not self.sound_available:
            self._told_no_sound = True  # once, in plain words; Qt's own lines are in the log too
            log.warning(
                "cue sounds cannot play: no working audio output was found on this computer "
                "(View > Sound settings says so too)"
            )
