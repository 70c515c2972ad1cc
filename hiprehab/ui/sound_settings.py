"""View > Sound settings: sound and voice switches, the voice, and one volume, applied as they
change.

The voice switch is greyed out, with a tooltip saying why, when no speech engine works or when
it has no voice for the language in use (then a note says so once, plainly: only the sounds
play); the sound switch likewise when no audio device does. The voice list holds the engine's
voices for the language in use, "Automatic" first. Nothing here plays audio or waits for it.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from hiprehab.i18n import N_, _, current_language
from hiprehab.ui.player.cues import CueOptions
from hiprehab.ui.player.voices import Voice, no_voice_text

NO_VOICE = N_(
    "No speech engine was found on this computer, so spoken cues are off. "
    "On Linux, installing speech-dispatcher (or espeak-ng) adds one."
)
NO_SOUND = N_("No working audio output was found, so cue sounds cannot play.")


class SoundSettingsDialog(QDialog):
    """Emits `changed(CueOptions)` whenever a control moves."""

    changed = Signal(object)

    def __init__(
        self,
        options: CueOptions,
        *,
        sound_available: bool,
        speech_available: bool,
        voices: list[Voice] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`voices`: the engine's voices for the language in use (None: not known, as if the
        engine had some; an empty list: it has none for the language)."""
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(_("Sound settings"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        form = QFormLayout()
        form.setVerticalSpacing(12)
        self.sound = QCheckBox(_("Play cue sounds (countdown, start, stop, switch)"))
        self.sound.setAccessibleName(_("Cue sounds"))
        self.sound.setChecked(options.sound_on)
        can_speak = speech_available and voices != []
        self.voice = QCheckBox(_("Speak the next step aloud"))
        self.voice.setAccessibleName(_("Voice cues"))
        self.voice.setChecked(options.voice_on and can_speak)
        self.voice_choice = QComboBox()
        self.voice_choice.setAccessibleName(_("Voice"))
        # Translators: the first entry of the voice list: the app picks the voice itself.
        self.voice_choice.addItem(_("Automatic"), "")
        for voice in voices or []:
            self.voice_choice.addItem(voice.label, voice.key)
        chosen = self.voice_choice.findData(options.voice)
        self.voice_choice.setCurrentIndex(max(chosen, 0))
        self.voice_choice.setEnabled(can_speak and bool(voices))
        self.voice_choice.setToolTip(_("The voice that speaks the cues"))
        voice_label = QLabel(_("Vo&ice"))
        voice_label.setBuddy(self.voice_choice)
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setAccessibleName(_("Volume"))
        self.volume.setRange(0, 100)
        self.volume.setValue(round(options.volume * 100))
        self.volume.setToolTip(_("Volume of sounds and voice"))
        volume_label = QLabel(_("&Volume"))
        volume_label.setBuddy(self.volume)
        form.addRow(self.sound)
        form.addRow(self.voice)
        form.addRow(voice_label, self.voice_choice)
        form.addRow(volume_label, self.volume)
        layout.addLayout(form)
        note = _(NO_VOICE) if not speech_available else no_voice_text(current_language())
        self.voice_note = QLabel(note)
        self.voice_note.setWordWrap(True)
        self.voice_note.setVisible(not can_speak)
        layout.addWidget(self.voice_note)
        if not can_speak:
            self.voice.setEnabled(False)
            self.voice.setToolTip(note)
        if not sound_available:
            self.sound.setEnabled(False)
            self.sound.setToolTip(_(NO_SOUND))
        self._wanted_voice = options.voice_on  # kept while the engine or a voice is missing
        self._wanted_sound = options.sound_on
        self._options = options
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for signal in (self.sound.toggled, self.voice.toggled, self.volume.valueChanged):
            signal.connect(self._emit)
        self.voice_choice.currentIndexChanged.connect(self._emit)

    def options(self) -> CueOptions:
        chosen = self.voice_choice.currentData()
        return replace(
            self._options,
            sound_on=self.sound.isChecked() if self.sound.isEnabled() else self._wanted_sound,
            voice_on=self.voice.isChecked() if self.voice.isEnabled() else self._wanted_voice,
            volume=self.volume.value() / 100,
            # without a list to choose from, the choice made before is kept
            voice=str(chosen) if self.voice_choice.isEnabled() else self._options.voice,
        )

    def _emit(self, *_: object) -> None:
        self.changed.emit(self.options())
