"""View > Sound settings: sound and voice switches and one volume, applied as they change.

The voice switch is greyed out, with a tooltip saying why, when no speech engine works; the
sound switch likewise when no audio device does. Nothing here plays audio or waits for it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from hiprehab.ui.player.cues import CueOptions

NO_VOICE = (
    "No speech engine was found on this computer, so spoken cues are off. "
    "On Linux, installing speech-dispatcher (or espeak-ng) adds one."
)
NO_SOUND = "No working audio output was found, so cue sounds cannot play."


class SoundSettingsDialog(QDialog):
    """Emits `changed(CueOptions)` whenever a control moves."""

    changed = Signal(object)

    def __init__(
        self,
        options: CueOptions,
        *,
        sound_available: bool,
        speech_available: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle("Sound settings")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        form = QFormLayout()
        form.setVerticalSpacing(12)
        self.sound = QCheckBox("Play cue sounds (countdown, start, stop, switch)")
        self.sound.setAccessibleName("Cue sounds")
        self.sound.setChecked(options.sound_on)
        self.voice = QCheckBox("Speak the next step aloud")
        self.voice.setAccessibleName("Voice cues")
        self.voice.setChecked(options.voice_on and speech_available)
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setAccessibleName("Volume")
        self.volume.setRange(0, 100)
        self.volume.setValue(round(options.volume * 100))
        self.volume.setToolTip("Volume of sounds and voice")
        volume_label = QLabel("&Volume")
        volume_label.setBuddy(self.volume)
        form.addRow(self.sound)
        form.addRow(self.voice)
        form.addRow(volume_label, self.volume)
        layout.addLayout(form)
        self.voice_note = QLabel(NO_VOICE)
        self.voice_note.setWordWrap(True)
        self.voice_note.setVisible(not speech_available)
        layout.addWidget(self.voice_note)
        if not speech_available:
            self.voice.setEnabled(False)
            self.voice.setToolTip(NO_VOICE)
        if not sound_available:
            self.sound.setEnabled(False)
            self.sound.setToolTip(NO_SOUND)
        self._wanted_voice = options.voice_on  # kept while the engine is missing
        self._wanted_sound = options.sound_on
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for signal in (self.sound.toggled, self.voice.toggled, self.volume.valueChanged):
            signal.connect(self._emit)

    def options(self) -> CueOptions:
        return CueOptions(
            sound_on=self.sound.isChecked() if self.sound.isEnabled() else self._wanted_sound,
            voice_on=self.voice.isChecked() if self.voice.isEnabled() else self._wanted_voice,
            volume=self.volume.value() / 100,
        )

    def _emit(self, *_: object) -> None:
        self.changed.emit(self.options())
