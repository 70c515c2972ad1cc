"""The welcome shown on the very first start: not medical advice, warning signs, starter routine.

The caller decides when to show it (once, remembered in settings) and what "show me the starter
routine" does; this dialog only presents the text and reports the choice.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from hiprehab.i18n import _
from hiprehab.ui.dialogs import fit_size

MIN_WIDTH = 680


class FirstRunDialog(QDialog):
    """Emits `chosen(True)` when the user wants the starter routine, `chosen(False)` otherwise."""

    chosen = Signal(bool)

    def __init__(
        self,
        *,
        disclaimer: str,
        red_flags: Sequence[str],
        see_clinician: str,
        starter_title: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(_("Welcome to hiprehab"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(14)
        body_font = QFont(self.font())
        body_font.setPixelSize(15)  # read once, carefully: a size that does not strain
        self.setFont(body_font)

        title = QLabel(_("Welcome to hiprehab"))
        title.setWordWrap(True)
        font = QFont(title.font())
        font.setPixelSize(26)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)

        intro = QLabel(
            _(
                "hiprehab walks you through home exercise routines with a large countdown, "
                "drawings, sounds and a voice, and keeps a private record of your sessions and "
                "how your hip feels."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.disclaimer = QLabel(f"<b>{html.escape(disclaimer)}</b>")
        self.disclaimer.setWordWrap(True)
        self.disclaimer.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.disclaimer)

        items = "".join(f"<li>{html.escape(flag)}</li>" for flag in red_flags)
        self.flags = QLabel(
            f"{html.escape(see_clinician)}<ul style='margin-top:4px'>{items}</ul>"  # i18n: ignore
        )
        self.flags.setWordWrap(True)
        self.flags.setTextFormat(Qt.TextFormat.RichText)
        self.flags.setAccessibleName(_("Warning signs that need a clinician"))
        layout.addWidget(self.flags)
        layout.addStretch(1)  # spare height goes below the text, not between paragraphs

        row = QHBoxLayout()
        row.addStretch(1)
        self.close_button = QPushButton(_("&Close"))
        self.close_button.setAccessibleName(_("Close the welcome"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        row.addWidget(self.close_button)
        self.starter_button: QPushButton | None = None
        if starter_title:
            self.starter_button = QPushButton(
                # a title's & is not a key
                _("&Show me “{title}”").format(title=starter_title.replace("&", "&&"))
            )
            self.starter_button.setAccessibleName(_("Show the starter routine"))
            self.starter_button.setToolTip(
                _("Select the starter routine in the library (Enter)")
            )
            self.starter_button.setDefault(True)
            self.starter_button.clicked.connect(self.accept)
            row.addWidget(self.starter_button)
        for b in (self.close_button, self.starter_button):
            if b is not None:
                b.setMinimumHeight(40)
        layout.addLayout(row)
        self.setMinimumWidth(MIN_WIDTH)
        self.adjustSize()  # wrapped text decides the height, with no empty band below it
        # adjustSize stops at two thirds of the screen's height, less than the German warning
        # signs need on a laptop's screen: as high as the text is at this width, on screen
        screen = self.screen() if parent is None else parent.screen()
        available = screen.availableGeometry().size() if screen is not None else QSize(1280, 800)
        height = layout.totalHeightForWidth(self.width())
        self.resize(fit_size(QSize(self.width(), height), available, QSize(MIN_WIDTH, 0)))
        self.finished.connect(lambda code: self.chosen.emit(code == QDialog.DialogCode.Accepted))
