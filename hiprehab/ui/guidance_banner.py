"""The pain guidance on the start screen: where things stand before the runner picks a routine.

One line with the colour, its title and what to do next; when the rules advise seeing a
clinician, the banner says so first and offers the warning signs. It shows only what
`core.guidance.evaluate` decided, like the summary and the history pane.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from hiprehab.history import guidance_words
from hiprehab.i18n import N_, _
from hiprehab.ui.dialogs import tell
from hiprehab.ui.theme import GUIDANCE_COLOURS

if TYPE_CHECKING:  # the guidance itself is read once the window is on screen
    from hiprehab.history.guidance import PainGuidance

# Translators: the colour of the pain guidance, in the tooltip "Pain guidance: {colour}"
COLOUR_NAMES = {"green": N_("green"), "amber": N_("amber"), "red": N_("red"), "none": N_("none")}


class GuidanceBanner(QFrame):
    """A coloured strip above the library; hidden until there is guidance worth showing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guidanceBanner")
        self.setAccessibleName(_("Pain guidance"))
        self.swatch = QLabel()
        self.swatch.setFixedSize(20, 20)
        self.title = QLabel()
        self.title.setWordWrap(True)  # a long title wraps rather than widen the page
        font = QFont(self.title.font())
        font.setPixelSize(18)
        font.setBold(True)
        self.title.setFont(font)
        self.text = QLabel()
        self.text.setWordWrap(True)
        body = QFont(self.text.font())
        body.setPixelSize(15)
        self.text.setFont(body)
        self.signs_button = QPushButton(_("&Warning signs"))
        self.signs_button.setAccessibleName(_("Show the warning signs"))
        self.signs_button.setToolTip(_("Why to see a clinician, and the signs to look out for"))
        self.signs_button.clicked.connect(self.show_warning_signs)

        head = QHBoxLayout()
        head.setSpacing(10)
        head.addWidget(self.swatch, 0, Qt.AlignmentFlag.AlignVCenter)
        head.addWidget(self.title, 1)
        head.addWidget(self.signs_button, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(4)
        layout.addLayout(head)
        layout.addWidget(self.text)
        self.guidance: PainGuidance | None = None
        self.hide()

    def show_guidance(self, guidance: PainGuidance | None) -> None:
        """Show `guidance`; None (no history) hides the banner."""
        self.guidance = guidance
        if guidance is None or (guidance.colour == "none" and not guidance.see_clinician):
            self.hide()
            return
        colour = GUIDANCE_COLOURS.get(guidance.colour, GUIDANCE_COLOURS["none"])
        if guidance.see_clinician:
            colour = GUIDANCE_COLOURS["red"]
        self.setStyleSheet(
            f"QFrame#guidanceBanner {{ border: 2px solid {colour};"  # i18n: ignore
            " border-radius: 8px; }"
        )
        self.swatch.setStyleSheet(f"background: {colour}; border-radius: 10px;")
        name = COLOUR_NAMES.get(guidance.colour)
        self.swatch.setToolTip(
            _("Pain guidance: {colour}").format(colour=_(name) if name else guidance.colour)
        )
        # the guidance's words are looked up again here, so a table of marked English words
        # shows in the current language (translated words are left as they are)
        if guidance.see_clinician:
            self.title.setText(_("Please see a doctor or physiotherapist"))
            reasons = " ".join(
                _(guidance_words.CLINICIAN_TEXT[code]) for code in guidance.clinician_reasons
            )
            self.text.setText(f"{reasons} {_(guidance.next_step)}")
        else:
            self.title.setText(_(guidance.title))
            self.text.setText(_(guidance.next_step))
        self.signs_button.setVisible(guidance.see_clinician)
        self.show()

    def show_warning_signs(self) -> None:
        if self.guidance is None:
            return
        from hiprehab.history.guidance_report import clinician_lines

        lines = [_(line) for line in clinician_lines(self.guidance)]
        tell(self, _("See a clinician"), "\n\n".join(lines), warning=True)

