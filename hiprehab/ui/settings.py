"""The app's remembered choices, in one INI file at `AppPaths.settings_file`.

Typed accessors over QSettings so that the rest of the UI never parses strings, and so tests
(which point `settings_file` at a temporary folder) never touch the real user profile.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

THEMES = ("system", "light", "dark")
SYSTEM_LANGUAGE = "system"  # the language setting's default: whatever the system's language is
MAX_RECENT = 8


def _as_bool(value: object, default: bool) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return default


class AppSettings:
    """Window geometry, last page, recent routines, sound, theme and language choices,
    first-run flag."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._qs = QSettings(str(path), QSettings.Format.IniFormat)

    def _get_bool(self, key: str, default: bool) -> bool:
        return _as_bool(self._qs.value(key, default), default)

    def sync(self) -> bool:
        """Write to disk now; False when the file cannot be written (the app carries on)."""
        self._qs.sync()
        return self._qs.status() == QSettings.Status.NoError

    # window
    def geometry(self) -> QByteArray | None:
        value = self._qs.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_geometry(self, data: QByteArray) -> None:
        self._qs.setValue("window/geometry", data)

    def last_page(self) -> str:
        return str(self._qs.value("window/page", "library"))

    def set_last_page(self, page: str) -> None:
        self._qs.setValue("window/page", page)

    # routines
    def recent_routines(self) -> list[str]:
        value = self._qs.value("routines/recent", [])
        if isinstance(value, str):
            value = [value] if value else []
        if not isinstance(value, list):
            return []
        return [str(v) for v in value][:MAX_RECENT]

    def add_recent_routine(self, path: str) -> None:
        recent = [p for p in self.recent_routines() if p != path]
        self._qs.setValue("routines/recent", [path, *recent][:MAX_RECENT])

    def remove_recent_routine(self, path: str) -> None:
        self._qs.setValue("routines/recent", [p for p in self.recent_routines() if p != path])

    # first run
    def first_run_done(self) -> bool:
        return self._get_bool("app/first_run_done", False)

    def set_first_run_done(self) -> None:
        self._qs.setValue("app/first_run_done", True)

    # cues
    def sound_on(self) -> bool:
        return self._get_bool("cues/sound_on", True)

    def voice_on(self) -> bool:
        return self._get_bool("cues/voice_on", True)

    def volume(self) -> float:
        """0.0 to 1.0."""
        try:
            value = float(str(self._qs.value("cues/volume", 0.8)))
        except ValueError:
            return 0.8
        return min(max(value, 0.0), 1.0)

    def set_cues(self, *, sound_on: bool, voice_on: bool, volume: float) -> None:
        self._qs.setValue("cues/sound_on", sound_on)
        self._qs.setValue("cues/voice_on", voice_on)
        self._qs.setValue("cues/volume", round(min(max(volume, 0.0), 1.0), 3))

    # theme
    def theme(self) -> str:
        value = str(self._qs.value("view/theme", "system"))
        return value if value in THEMES else "system"

    def set_theme(self, theme: str) -> None:
        if theme not in THEMES:
            raise ValueError(f"unknown theme {theme!r}")
        self._qs.setValue("view/theme", theme)

    # ----- the voice of the cues: one choice per language (Sound settings) -----
    def cue_voice(self, language: str) -> str:
        """The voice chosen to speak `language` (a `Voice.key`, 'de_AT/Anna'); '' when the app
        chooses (Automatic)."""
        value = self._qs.value(f"cues/voice_{language}", "")
        return value if isinstance(value, str) else ""

    def set_cue_voice(self, language: str, voice: str) -> None:
        if voice:
            self._qs.setValue(f"cues/voice_{language}", voice)
        else:
            self._qs.remove(f"cues/voice_{language}")

    # language (the menu's choice; `--lang` overrides it for one run without changing it)
    def language(self) -> str:
        """'system' (the default) or a language code such as 'de'; a code without a catalogue
        falls back to the system's language where it is used."""
        value = self._qs.value("view/language", SYSTEM_LANGUAGE)
        text = value.strip() if isinstance(value, str) else ""
        return text or SYSTEM_LANGUAGE

    def set_language(self, code: str) -> None:
        if not code.strip():
            raise ValueError("a language setting needs a code, or 'system'")
        self._qs.setValue("view/language", code.strip())
