"""The choice before a session when the hip hurts: rest today, the easier version, or start.

`core.readiness` decides whether to ask and words it; this dialog only shows the words and
reports the choice. It opens without blocking, like the pain check-in. Rest is the default:
Enter, Esc and the window's close button all rest, so no stray key ever starts a session.
With guidance that asks for a clinician, the warning signs come first.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from hiprehab import safety
from hiprehab.history import readiness
from hiprehab.history.readiness import ChoiceText, GuidanceFacts
from hiprehab.i18n import N_, _
from hiprehab.routine.model import Routine
from hiprehab.ui.theme import GUIDANCE_COLOURS

HEADING_PX = 26
BODY_PX = 17  # read on the mat before starting: larger than ordinary dialog text
LIST_PX = 16
BUTTON_PX = 19
WIDTH = 760
CLINICIAN_WIDTH = 900  # the warning signs are long: wider, so they fit without scrolling
NO_EASIER = N_("This routine has no easier version yet.")
# Translators: the guidance's colours, shown as "Pain guidance: green".
COLOUR_WORDS = {"green": N_("green"), "amber": N_("amber"), "red": N_("red")}


def _label(text: str, px: int, *, bold: bool = False, rich: bool = False) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPixelSize(px)
    font.setBold(bold)
    label.setFont(font)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class BeforeSessionDialog(QDialog):
    """Emits `rested()` or `started(routine)` once: the routine as planned, or its easier
    version. Closing the dialog in any other way (Esc, the close button) rests."""

    rested = Signal()
    started = Signal(object)  # the Routine to play

    def __init__(
        self,
        words: ChoiceText,
        *,
        routine: Routine,
        easier: Routine | None,
        offer_easier: bool,
        colour: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(_("Before you start"))
        self.setAccessibleName(_("Before you start: rest, go easier or start"))
        self.words = words
        self._routine = routine
        self._easier = easier
        self._chosen: Routine | None = None
        self._sent = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(28, 24, 28, 20)
        outer.setSpacing(16)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.setSpacing(12)
        head = QHBoxLayout()
        head.setSpacing(16)
        self.heading = _label(words.heading, HEADING_PX, bold=True)
        head.addWidget(self.heading, 1)
        self.colour: QLabel | None = None
        if colour in COLOUR_WORDS:
            text = _("Pain guidance: {colour}").format(colour=_(COLOUR_WORDS[colour]))
            self.colour = _label(text, LIST_PX, bold=True)
            self.colour.setAccessibleName(text)
            self.colour.setWordWrap(False)
            self.colour.setStyleSheet(
                f"QLabel {{ background: {GUIDANCE_COLOURS[colour]}; color: white; "
                "border-radius: 6px; padding: 4px 10px; }"  # i18n: ignore
            )
            head.addWidget(self.colour, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(head)
        self.clinician: QFrame | None = None
        if words.see_clinician:
            self.clinician = self._clinician_box(words)
            layout.addWidget(self.clinician)
        self.reasons = _label(" ".join(words.reasons), BODY_PX)
        self.reasons.setAccessibleName(_("Why you are asked"))
        layout.addWidget(self.reasons)
        self.advice = _label(words.advice, BODY_PX)
        layout.addWidget(self.advice)
        layout.addStretch(1)
        self.scroller = QScrollArea()
        self.scroller.setWidget(body)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        outer.addWidget(self.scroller, 1)

        buttons = self._buttons = QHBoxLayout()
        buttons.setSpacing(20)
        self.details: dict[QPushButton, QLabel] = {}
        self.rest_button = self._choice(
            buttons,
            _("&Rest today"),
            words.rest_detail,
            _("Rest today: do not start (Enter or Esc)"),
        )
        self.rest_button.clicked.connect(self.reject)
        self.rest_button.setDefault(True)
        self.easier_button: QPushButton | None = None
        if offer_easier:
            detail = words.easier_detail if easier is not None else _(NO_EASIER)
            self.easier_button = self._choice(
                buttons, _("Do the &easier version"), detail, _("Start the easier version")
            )
            self.easier_button.setEnabled(easier is not None)
            self.easier_button.clicked.connect(lambda: self._start(self._easier))
        self.start_button = self._choice(
            buttons, _("&Start anyway"), words.start_detail, _("Start the routine as planned")
        )
        self.start_button.clicked.connect(lambda: self._start(self._routine))
        outer.addLayout(buttons)
        self.rest_button.setFocus()
        self._fit(body, CLINICIAN_WIDTH if words.see_clinician else WIDTH)

    def _clinician_box(self, words: ChoiceText) -> QFrame:
        box = QFrame()
        box.setObjectName("clinician")
        box.setFrameShape(QFrame.Shape.StyledPanel)
        box.setStyleSheet(
            f"QFrame#clinician {{ border: 2px solid {GUIDANCE_COLOURS['red']}; "
            "border-radius: 8px; }"  # i18n: ignore
        )
        box.setAccessibleName(_("See a clinician before you carry on"))
        inner = QVBoxLayout(box)
        inner.setContentsMargins(16, 12, 16, 12)
        inner.setSpacing(8)
        inner.addWidget(
            _label(_("Why a doctor or physiotherapist should look at your hip"), BODY_PX, bold=True)
        )
        self.clinician_reasons = _label(bullets(words.clinician_reasons), BODY_PX, rich=True)
        self.clinician_reasons.setAccessibleName(_("Why a clinician should look at it"))
        inner.addWidget(self.clinician_reasons)
        self.flags = _label(
            f"<p>{html.escape(_(safety.SEE_CLINICIAN))}</p>"
            + bullets([_(flag) for flag in safety.RED_FLAGS]),
            LIST_PX,
            rich=True,
        )
        self.flags.setAccessibleName(_("Warning signs that need a clinician"))
        inner.addWidget(self.flags)
        return box

    def _choice(self, row: QHBoxLayout, text: str, detail: str, name: str) -> QPushButton:
        """A large button with a line or two under it saying what it does."""
        button = QPushButton(text)
        font = QFont(button.font())
        font.setPixelSize(BUTTON_PX)
        font.setBold(True)
        button.setFont(font)
        button.setMinimumHeight(52)
        button.setAccessibleName(name)
        button.setAccessibleDescription(detail)
        button.setToolTip(detail)
        button.setAutoDefault(False)
        column = QVBoxLayout()
        column.setSpacing(6)
        column.addWidget(button)
        label = _label(detail, LIST_PX)
        label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        column.addWidget(label)
        column.addStretch(1)
        row.addLayout(column, 1)
        self.details[button] = label
        return button

    def _fit(self, body: QWidget, wanted: int) -> None:
        """As wide as reads well and tall enough for the text, within the screen."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        available = screen.availableGeometry().size() if screen is not None else None
        width = wanted if available is None else min(wanted, int(available.width() * 0.95))
        layout, body_layout = self.layout(), body.layout()
        assert layout is not None and body_layout is not None  # both set in __init__
        margins = layout.contentsMargins()
        inner = width - margins.left() - margins.right()
        scrollbar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        for widget in body.findChildren(QWidget):
            widget.ensurePolished()  # style sheets may change fonts: measure what is shown
        height = body_layout.totalHeightForWidth(inner - scrollbar)
        height += self._buttons.totalHeightForWidth(inner) + 16 + margins.top() + margins.bottom()
        if available is not None:
            height = min(height + 8, int(available.height() * 0.95))
        self.resize(width, height)

    def _start(self, routine: Routine | None) -> None:
        if routine is None:
            return
        self._chosen = routine
        self.accept()

    def done(self, result: int) -> None:
        if not self._sent:
            self._sent = True
            if result == QDialog.DialogCode.Accepted and self._chosen is not None:
                self.started.emit(self._chosen)
            else:
                self.rested.emit()
        super().done(result)


def choice_dialog(
    parent: QWidget,
    routine: Routine,
    pain_before: int | None,
    guidance: Callable[[], GuidanceFacts | None] | None,
    make_easier: Callable[[Routine], Routine] | None,
) -> BeforeSessionDialog | None:
    """The choice to show before `routine` starts, not yet open; None when the pain and the
    guidance do not call for one (then the session starts at once, as before)."""
    facts = guidance() if guidance is not None else None
    if not readiness.needs_choice(pain_before, facts):
        return None
    easier = make_easier(routine) if make_easier is not None else None
    if easier is not None and _same_routine(easier, routine):
        easier = None  # nothing could be made easier: say so instead of offering the same
    return BeforeSessionDialog(
        readiness.choice_text(routine.title, pain_before, facts),
        routine=routine,
        easier=easier,
        offer_easier=make_easier is not None,
        colour=facts.colour if facts is not None else None,
        parent=parent,
    )


def _same_routine(a: Routine, b: Routine) -> bool:
    """The same exercises and timing (the source file and text do not matter)."""
    return replace(a, source=None, text="") == replace(b, source=None, text="")


def bullets(items: tuple[str, ...] | list[str]) -> str:
    """Items as a bulleted list with a hanging indent (Qt draws `<ul>` bullets against the text)."""
    bullet = "<tr><td style='padding-right: 8px'>•</td>"  # i18n: ignore
    rows = "".join(f"{bullet}<td>{html.escape(item)}</td></tr>" for item in items)
    return f"<table cellspacing='0' cellpadding='1'>{rows}</table>"  # i18n: ignore
