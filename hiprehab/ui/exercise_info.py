""""About this exercise": one exercise's texts and drawing, as the player and routine page show.

The panel shows the name, the drawing, what it trains, how to do it, the cues, what you should
feel, common mistakes, the easier and harder versions and, set apart in an amber box, the
cautions (texts from `core.exercise_info`; an inline exercise shows its own instructions and
cues). `I` opens it: in the player over the picture (`player_info.py`), and on the routine page in
a window of its own (`routine_info.py`). Texts from routine files are shown as plain text, never
as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from hiprehab.i18n import N_, _
from hiprehab.routine.exercise_info import ExerciseInfo, LibraryMap, exercise_info
from hiprehab.routine.model import Exercise
from hiprehab.ui.player.illustration import FigureSource, thumbnail
from hiprehab.ui.theme import GUIDANCE_COLOURS, is_dark, set_font

TITLE_PIXELS, HEADING_PIXELS, BODY_PIXELS = 30, 22, 19  # read at arm's length, or from the mat
PICTURE = QSize(240, 180)
CAUTION_COLOUR = GUIDANCE_COLOURS["amber"]
TRAINS, HOW_TO = N_("What it trains"), N_("How to do it")  # placed apart from the others
TAKE_CARE = N_("Take care")


def close_hint() -> str:
    """The Close button's tooltip, with the keys that close the panel too."""
    return _("Close (I or Esc)")


def _text(text: str, pixels: int = BODY_PIXELS, bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # routine files are text, never markup
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    set_font(label, pixels, bold)
    return label


def bullets(items: Sequence[str]) -> str:
    return "\n".join(f"•  {item}" for item in items)


def sections(info: ExerciseInfo) -> list[tuple[str, str]]:
    """(heading, text) in the order shown, leaving out what the exercise does not have; the
    heading is the English one (TRAINS, HOW_TO, ...), to be shown as `_(heading)`."""
    found = [
        (TRAINS, info.trains),
        (HOW_TO, info.instructions or _("The routine file gives no instructions here.")),
        # Translators: the phrases the voice says during the exercise
        (N_("Cues"), bullets(info.cues)),
        (N_("What you should feel"), info.feel),
        (N_("Common mistakes"), bullets(info.mistakes)),
        # Translators: the easier version of the exercise
        (N_("Easier"), info.easier),
        # Translators: the harder version of the exercise
        (N_("Harder"), info.harder),
    ]
    return [(heading, text) for heading, text in found if text]


class ExerciseInfoPanel(QFrame):
    """The texts and drawing of one exercise; `closed` when its Close button is pressed."""

    closed = Signal()

    def __init__(
        self,
        figures: FigureSource,
        illustrations: Path | None = None,
        library: LibraryMap | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exerciseInfo")
        self.setAccessibleName(_("About this exercise"))
        self._figures, self._illustrations, self._library = figures, illustrations, library
        self._exercise: Exercise | None = None
        self._restyling = False
        self.texts: dict[str, str] = {}  # heading as shown -> text (tests, accessibility)
        self.caution_box: QFrame | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 14, 12, 14)
        top = QHBoxLayout()
        self.title = _text("", TITLE_PIXELS, bold=True)
        self.title.setAccessibleName(_("Exercise"))
        top.addWidget(self.title, 1)
        self.close_button = QPushButton(_("Close"))
        self.close_button.setAccessibleName(_("Close about this exercise"))
        self.close_button.setToolTip(close_hint())
        self.close_button.setMinimumHeight(40)
        set_font(self.close_button, 17)
        self.close_button.clicked.connect(self.closed)
        top.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(top)
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay with the page's controls
        outer.addWidget(self.scroller, 1)
        self._restyle()

    @property
    def exercise(self) -> Exercise | None:
        return self._exercise

    def show_exercise(self, exercise: Exercise) -> None:
        """Fill the panel for `exercise` (nothing to do when it already shows it)."""
        if exercise is self._exercise:
            return
        self._exercise = exercise
        info = exercise_info(exercise, self._library)
        self.title.setText(info.name)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 4, 10, 4)
        layout.setSpacing(6)
        self.picture = QLabel()
        self.picture.setAccessibleName(_("Drawing of {exercise}").format(exercise=info.name))
        self.picture.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        beside = QVBoxLayout()  # what it trains, beside the drawing where there is one
        if self._draw_picture():
            top = QHBoxLayout()
            top.setSpacing(16)
            top.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignTop)
            top.addLayout(beside, 1)
            layout.addLayout(top)
        else:
            layout.addLayout(beside)
        self.texts = {}
        self.caution_box = self._cautions(info.cautions) if info.cautions else None
        for heading, text in sections(info):
            if heading == HOW_TO and self.caution_box is not None:
                layout.addWidget(self.caution_box)  # seen before the how-to, not after it
            shown = _(heading)
            title = _text(shown, HEADING_PIXELS, bold=True)
            title.setContentsMargins(0, 6, 0, 0)
            label = _text(text)
            label.setAccessibleName(shown)
            place = beside if heading == TRAINS else layout
            place.addWidget(title)
            place.addWidget(label)
            self.texts[shown] = text
        beside.addStretch(1)
        layout.addStretch(1)
        old = self.scroller.takeWidget()
        if old is not None:
            old.deleteLater()
        self.scroller.setWidget(body)
        self._restyle()

    def _cautions(self, cautions: Sequence[str]) -> QFrame:
        box = QFrame()
        box.setObjectName("cautions")
        box.setAccessibleName(_(TAKE_CARE))
        layout = QVBoxLayout(box)
        layout.setContentsMargins(16, 10, 14, 12)
        head = QHBoxLayout()
        icon = QLabel()
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        icon.setPixmap(warning.pixmap(28, 28))
        self.caution_title = _text(_(TAKE_CARE), HEADING_PIXELS, bold=True)
        self.caution_title.setObjectName("cautionTitle")
        head.addWidget(icon)
        head.addWidget(self.caution_title, 1)
        layout.addLayout(head)
        text = bullets(cautions)
        label = _text(text)
        label.setAccessibleName(_("Cautions"))
        layout.addWidget(label)
        self.texts[_(TAKE_CARE)] = text
        return box

    def _draw_picture(self) -> bool:
        if self._exercise is None:
            return False
        ratio = self.devicePixelRatioF()
        size = QSize(int(PICTURE.width() * ratio), int(PICTURE.height() * ratio))
        pixmap = thumbnail(self._exercise, self._figures, self._illustrations, size, self.palette())
        if pixmap is None:
            return False
        pixmap.setDevicePixelRatio(ratio)
        self.picture.setPixmap(pixmap)
        return True

    def _restyle(self) -> None:
        """Colours for the current palette: a framed surface, and an amber caution box that
        reads on light and dark pages (style sheets read palette(...) once, so redone)."""
        dark = is_dark(self.palette())
        amber = QColor(CAUTION_COLOUR).lighter(165) if dark else QColor(CAUTION_COLOUR)
        tint = QColor(CAUTION_COLOUR)
        tint.setAlpha(46 if dark else 26)
        style = (
            "QFrame#exerciseInfo { background: palette(base); border: 2px solid palette(mid);"
            " border-radius: 12px; }"
            f"QFrame#cautions {{ background: rgba({tint.red()}, {tint.green()}, {tint.blue()},"
            f" {tint.alpha()}); border: 2px solid {amber.name()};"
            f" border-left: 8px solid {amber.name()}; border-radius: 8px; }}"
            f"QLabel#cautionTitle {{ color: {amber.name()}; }}"
        )
        if self.styleSheet() != style and not self._restyling:
            self._restyling = True  # setting a style sheet sends a palette change of its own
            try:
                self.setStyleSheet(style)
            finally:
                self._restyling = False

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "scroll"):
            self._restyle()
            if hasattr(self, "picture"):
                self._draw_picture()  # the drawing's card follows the theme
