"""Which voice speaks the cues: the voices of a speech engine, and the best one for a language.

The voice must speak the language in use, or it reads the words with the wrong pronunciation:
the one the user chose in Sound settings if the engine still has it, else one of the system's
region ('de_AT' on an Austrian system), else any of the language. `QtSpeechOutput` is the
speech engine the cue player speaks through, made by `cues.qt_speech_factory`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale

from hiprehab.i18n import N_, _, format_locale, language_name

if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QTextToSpeech, QVoice

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Voice:
    """One voice of a speech engine: its name and the locale it speaks ('de_AT')."""

    name: str
    locale: str
    region_name: str = ""  # the locale's region in its own language ('Österreich'), or ""

    @property
    def language(self) -> str:
        return self.locale.replace("-", "_").split("_")[0].lower()

    @property
    def region(self) -> str:
        parts = self.locale.replace("-", "_").split("_")
        return parts[1].upper() if len(parts) > 1 else ""

    @property
    def key(self) -> str:
        """What the settings keep: names alone repeat across locales ('male1' of speechd)."""
        return f"{self.locale}/{self.name}"

    @property
    def label(self) -> str:
        """As listed in Sound settings: 'Anna (Österreich)'."""
        return f"{self.name} ({self.region_name})" if self.region_name else self.name


def voices_for(voices: Iterable[Voice], language: str) -> list[Voice]:
    """The voices that speak `language` ('de'), in the engine's order."""
    return [voice for voice in voices if voice.language == language]


def best_voice(
    voices: Iterable[Voice], language: str, region: str, wanted: str = ""
) -> Voice | None:
    """The voice to speak `language` with: the one `wanted` (a `Voice.key`) if the engine has
    it, else the first of the system's `region` ('AT'), else the first of any region (the
    engine lists its default voice first); None when no voice speaks the language."""
    mine = voices_for(voices, language)
    for voice in mine:
        if voice.key == wanted:
            return voice
    return min(mine, key=lambda voice: voice.region != region.upper(), default=None)


def system_region() -> str:
    """The region of the language in use on this system ('AT' of de_AT), else the region the
    system is set to, else ''."""
    parts = format_locale().split("_")
    if len(parts) > 1:
        return parts[1].upper()
    system = QLocale.system().name().split("_")
    return system[1].upper() if len(system) > 1 else ""


class QtSpeechOutput:
    """A working `QTextToSpeech`; it reports failure once the engine enters its error state."""

    def __init__(self, engine: QTextToSpeech, notify: Callable[[], None]) -> None:
        self._engine = engine
        self._error = type(engine).State.Error
        self._qt_voices: dict[str, QVoice] = {}
        self._default = engine.voice()  # the system's choice, before the app makes its own
        engine.stateChanged.connect(lambda _state: notify())
        engine.errorOccurred.connect(self._log_error)

    @property
    def engine(self) -> QTextToSpeech:
        return self._engine

    @property
    def failed(self) -> bool:
        return self._engine.state() == self._error

    def say(self, text: str) -> None:
        self._engine.say(text)

    def voices(self) -> list[Voice]:
        found: dict[str, QVoice] = {}
        listed: list[Voice] = []
        every = self._engine.allVoices(None)  # type: ignore[arg-type]  # None: every locale
        for qt_voice in [self._default, *every]:
            locale = qt_voice.locale()
            voice = Voice(qt_voice.name(), locale.name(), locale.nativeTerritoryName())
            if voice.name and voice.key not in found:
                found[voice.key] = qt_voice
                listed.append(voice)
        self._qt_voices = found
        return listed

    def use_voice(self, voice: Voice) -> None:
        qt_voice = self._qt_voices.get(voice.key)
        if qt_voice is None:
            self.voices()
            qt_voice = self._qt_voices.get(voice.key)
        if qt_voice is None:
            log.warning("the voice %r is no longer offered by the speech engine", voice.key)
            return
        self._engine.setLocale(QLocale(voice.locale))
        self._engine.setVoice(qt_voice)

    def stop(self) -> None:
        self._engine.stop()

    def set_volume(self, volume: float) -> None:
        self._engine.setVolume(volume)

    def _log_error(self, _reason: object, message: str) -> None:
        log.warning("speech engine %r failed: %s", self._engine.engine(), message)


# Translators: said in Sound settings when the speech engine has no voice for the app's language.
NO_VOICE_FOR = {
    "en": N_("No English voice is installed on this computer; hiprehab plays the sounds only."),
    "de": N_("No German voice is installed on this computer; hiprehab plays the sounds only."),
}


def no_voice_text(language: str) -> str:
    """'No German voice is installed on this computer; hiprehab plays the sounds only.'"""
    if language in NO_VOICE_FOR:
        return _(NO_VOICE_FOR[language])
    # Translators: "{language}" is the language's own name, e.g. "Français".
    return _(
        "No voice for {language} is installed on this computer; hiprehab plays the sounds only."
    ).format(language=language_name(language))
