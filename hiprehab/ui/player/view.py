"""The player page: what the runner sees from the mat while a session runs.

It only draws an `EngineState` (from the session controller) and turns key presses and clicks
into commands; it never works out phases or times itself. Everything important is big: the
countdown's font is a fifth of the window's height or more, the step is named in words and
colour, and the side is spelled out.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from hiprehab.history.adjustments import instructions_with_marker, marked_name
from hiprehab.i18n import _, pgettext
from hiprehab.routine.wording import clock_text, countdown_text
from hiprehab.session.engine import EngineState
from hiprehab.ui.player.controls import (
    BACK_KEYS,
    SKIP_KEYS,
    STOP_KEYS,
    TOGGLE_KEYS,
    control_button,
    window_action,
)
from hiprehab.ui.player.fitting import FitLabel
from hiprehab.ui.player.illustration import FigureSource, IllustrationWidget
from hiprehab.ui.player.info import PlayerInfo
from hiprehab.ui.player.leave_out_bar import LeaveOutBar
from hiprehab.ui.player.step_text import StepLook, next_up_text, rep_text, side_text, step_look
from hiprehab.ui.player.summary import SummaryView
from hiprehab.ui.theme import is_dark

COUNTDOWN_SHARE = 0.22  # countdown font pixel size as a share of the window's height


def _big(label: QLabel, pixels: int, bold: bool = True) -> None:
    font = QFont(label.font())
    font.setPixelSize(pixels)
    font.setBold(bold)
    label.setFont(font)


class PlayerView(QWidget):
    """Idle message, the running session, or the summary, one at a time."""

    toggle_requested = Signal()
    skip_requested = Signal()
    back_requested = Signal()
    stop_requested = Signal()
    leave_out_requested = Signal()  # leave out the optional exercise coming up (key O)
    library_requested = Signal()
    history_requested = Signal()
    _look: StepLook | None = None  # the step on show (its colour is the side's)

    def __init__(
        self, figures: FigureSource, fullscreen_action: QAction, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("player")
        self.stack = QStackedWidget()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

        self.idle = self._build_idle()
        self.session = QWidget()
        self._build_session(self.session, figures, fullscreen_action)
        self.summary = SummaryView()
        self.summary.library_requested.connect(self.library_requested)
        self.summary.history_requested.connect(self.history_requested)
        for page in (self.idle, self.session, self.summary):
            self.stack.addWidget(page)
        self._state: EngineState | None = None
        self.set_controls_enabled(False)

    # ----- building --------------------------------------------------------------------
    def _build_idle(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        text = QLabel(_("No session is running.\nPick a routine in the library and press Start."))
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        _big(text, 22, bold=False)
        layout.addWidget(text)
        button = QPushButton(_("Go to the &library"))
        button.setAccessibleName(_("Go to the library"))
        button.setMinimumHeight(44)
        button.clicked.connect(self.library_requested)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    def _control(self, action: QAction, name: str) -> QToolButton:
        button = control_button(action, name)
        self.controls.append(button)
        return button

    def _build_session(
        self, page: QWidget, figures: FigureSource, fullscreen_action: QAction
    ) -> None:
        layout = QVBoxLayout(page)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(12)

        # header: step badge, exercise name, set
        header = QHBoxLayout()
        header.setSpacing(16)
        self.kind_label = QLabel()
        self.kind_label.setObjectName("kind")
        self.kind_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.kind_label.setAccessibleName(_("What to do now"))
        _big(self.kind_label, 30)
        self.name_label = FitLabel(34)  # a long name (or German) shrinks rather than clips
        self.name_label.setAccessibleName(_("Exercise"))
        self.set_label = QLabel()
        self.set_label.setAccessibleName(_("Set"))
        _big(self.set_label, 28)
        header.addWidget(self.kind_label)
        header.addWidget(self.name_label, 1)
        header.addWidget(self.set_label)
        layout.addLayout(header)

        # body: picture on the left, numbers on the right
        body = QGridLayout()
        body.setHorizontalSpacing(24)
        self.illustration = IllustrationWidget(figures)
        body.addWidget(self.illustration, 0, 0)
        right = QVBoxLayout()
        right.setSpacing(6)
        self.side_label = FitLabel(40)
        self.side_label.setAccessibleName(_("Side"))
        self.side_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown = QLabel()
        self.countdown.setObjectName("countdown")
        self.countdown.setAccessibleName(_("Time left in this step"))
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        _big(self.countdown, 160)
        self.rep_label = FitLabel(36)
        self.rep_label.setAccessibleName(_("Repetition"))
        self.rep_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.cues_label = QLabel()
        self.cues_label.setAccessibleName(_("Cues"))
        self.cues_label.setWordWrap(True)
        self.cues_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        _big(self.cues_label, 19, bold=False)
        right.addWidget(self.side_label)
        right.addWidget(self.countdown)
        right.addWidget(self.rep_label)
        right.addSpacing(8)
        right.addWidget(self.cues_label, 1)
        body.addLayout(right, 0, 1)
        body.setColumnStretch(0, 5)
        body.setColumnStretch(1, 5)
        layout.addLayout(body, 1)

        self.instructions_label = QLabel()
        self.instructions_label.setAccessibleName(_("Instructions"))
        self.instructions_label.setWordWrap(True)
        _big(self.instructions_label, 16, bold=False)
        layout.addWidget(self.instructions_label)

        self.next_label = QLabel()
        self.next_label.setAccessibleName(_("Next up"))
        self.next_label.setWordWrap(True)
        _big(self.next_label, 20)
        layout.addWidget(self.next_label)
        self.leave_out_bar = LeaveOutBar()
        self.leave_out_bar.requested.connect(self.leave_out_requested)
        layout.addWidget(self.leave_out_bar)

        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setAccessibleName(_("Session progress"))
        self.progress.setTextVisible(True)
        self.progress.setMinimumHeight(30)
        font = QFont(self.progress.font())
        font.setPixelSize(17)
        self.progress.setFont(font)
        layout.addWidget(self.progress)

        # controls: every one an action with a key, a tooltip naming the key, an accessible name
        self.controls: list[QToolButton] = []
        sp = QStyle.StandardPixmap
        self.toggle_action = window_action(
            self, pgettext("button", "Start"), TOGGLE_KEYS, sp.SP_MediaPlay, self.toggle_requested
        )
        back = pgettext("button", "Back")
        self.back_action = window_action(
            self, back, BACK_KEYS, sp.SP_MediaSkipBackward, self.back_requested
        )
        self.back_action.setToolTip(_("Restart this step, or go to the one before (Left arrow)"))
        self.skip_action = window_action(
            self, pgettext("button", "Skip"), SKIP_KEYS, sp.SP_MediaSkipForward, self.skip_requested
        )
        self.skip_action.setToolTip(_("Skip to the next step (Right arrow)"))
        self.stop_action = window_action(
            self, pgettext("button", "Stop"), STOP_KEYS, sp.SP_MediaStop, self.stop_requested
        )
        self.stop_action.setToolTip(_("Stop the session; asks first (Esc)"))
        row = QHBoxLayout()
        row.setSpacing(12)
        self.back_button = self._control(self.back_action, back)
        self.toggle_button = self._control(self.toggle_action, _("Start or pause"))
        self.skip_button = self._control(self.skip_action, pgettext("button", "Skip"))
        self.stop_button = self._control(self.stop_action, _("Stop the session"))
        self.fullscreen_button = self._control(fullscreen_action, _("Full screen"))
        below = (self.next_label, self.progress)  # "About this exercise" (I) ends above them
        self.info = PlayerInfo(self, page, self.illustration, below, figures)
        self.info_button = self._control(self.info.action, _("About this exercise"))
        for b in (self.back_button, self.toggle_button, self.skip_button, self.info_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.stop_button)
        row.addWidget(self.fullscreen_button)
        layout.addLayout(row)
        self._set_toggle(
            pgettext("button", "Start"), _("Start the session (Space)"), sp.SP_MediaPlay
        )

    # ----- showing -----------------------------------------------------------------------
    def show_idle(self) -> None:
        self.info.follow(None)
        self.stack.setCurrentWidget(self.idle)
        self.set_controls_enabled(False)

    def show_session(self) -> None:
        self.stack.setCurrentWidget(self.session)
        self.set_controls_enabled(True)
        self._fit_countdown()

    def show_summary(self) -> None:
        self.info.follow(None)
        self.stack.setCurrentWidget(self.summary)
        self.set_controls_enabled(False)

    @property
    def page(self) -> str:
        current = self.stack.currentWidget()
        assert current is not None  # the stack always holds its three pages
        return {self.idle: "idle", self.session: "session", self.summary: "summary"}[current]

    def set_controls_enabled(self, enabled: bool) -> None:
        for action in (self.toggle_action, self.back_action, self.skip_action, self.stop_action):
            action.setEnabled(enabled)

    def _set_toggle(self, text: str, tip: str, icon: QStyle.StandardPixmap) -> None:
        if self.toggle_action.text() != text:
            self.toggle_action.setText(text)
            self.toggle_action.setIcon(self.style().standardIcon(icon))
        self.toggle_action.setToolTip(tip)

    def show_state(self, state: EngineState) -> None:
        """Draw `state`; called for every engine update (about 30 times a second)."""
        self._state = state
        self.info.follow(state)
        step = state.step
        look = step_look(state)
        self._badge(look)
        sp = QStyle.StandardPixmap
        ended = state.status in ("finished", "stopped")
        if state.status == "running":
            self._set_toggle(pgettext("button", "Pause"), _("Pause (Space)"), sp.SP_MediaPause)
        elif state.status == "paused":
            self._set_toggle(pgettext("button", "Resume"), _("Resume (Space)"), sp.SP_MediaPlay)
        elif ended:
            self._set_toggle(look.words, _("The session is over"), sp.SP_MediaStop)
        else:
            start = pgettext("button", "Start")
            self._set_toggle(start, _("Start the session (Space)"), sp.SP_MediaPlay)
        if ended and self.toggle_action.isEnabled():
            self.set_controls_enabled(False)  # nothing left to pause, skip or stop
        self.countdown.setText(countdown_text(state.step_remaining_s))
        self.progress.setValue(round(state.progress * 1000))
        self.leave_out_bar.show_for(state)
        if state.status == "stopped":
            self.progress.setFormat(_("Session stopped"))
        elif state.status == "finished":
            self.progress.setFormat(_("Session done"))
        else:
            left = clock_text(state.session_remaining_s)
            # Translators: on the progress bar; "{time}" is e.g. "12:30".
            self.progress.setFormat(_("{time} left in this session").format(time=left))
        if step is None:
            return
        ex = step.exercise
        self._set_text(self.name_label, marked_name(ex))  # the user's own adjustment marked
        set_words = _("Set {set} of {sets}").format(set=step.set_number, sets=step.set_count)
        self._set_text(self.set_label, set_words)
        self._set_text(self.side_label, side_text(step))
        self._set_text(self.rep_label, rep_text(state))
        self._set_text(self.cues_label, "\n".join(f"•  {c}" for c in ex.cues))
        shown = "" if self.info.is_open else instructions_with_marker(ex)  # the panel shows them
        self._set_text(self.instructions_label, shown)
        self._set_text(self.next_label, next_up_text(step))
        self.illustration.show_exercise(ex, state.pose_position, step.side == "right")

    @staticmethod
    def _set_text(label: QLabel, text: str) -> None:
        if label.text() != text:
            label.setText(text)
        label.setVisible(bool(text))

    def _badge(self, look: StepLook) -> None:
        if self.kind_label.text() == look.words:
            return
        self.kind_label.setText(look.words)
        self.kind_label.setStyleSheet(
            f"QLabel#kind {{ background: {look.colour}; color: white; border-radius: 10px;"
            " padding: 6px 18px; }"  # i18n: ignore
        )
        self._look = look
        self._colour_side()

    def _colour_side(self) -> None:
        """The side in the step's colour, lightened on a dark page (the badge colours are too
        deep for text there); redone whenever the palette changes, not only at the next step."""
        if self._look is None:
            return
        side = QColor(self._look.colour)
        if is_dark(self.palette()):
            side = side.lighter(170)
        style = f"color: {side.name()};"
        if self.side_label.styleSheet() != style:
            self.side_label.setStyleSheet(style)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._colour_side()

    # ----- sizing ------------------------------------------------------------------------
    def countdown_pixel_size(self) -> int:
        return max(int(self.window().height() * COUNTDOWN_SHARE), 64)

    def _fit_countdown(self) -> None:
        pixels = self.countdown_pixel_size()
        if self.countdown.font().pixelSize() != pixels:
            _big(self.countdown, pixels)
        self.countdown.setFixedHeight(int(pixels * 1.15))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit_countdown()

    # ----- reading (tests, accessibility) ------------------------------------------------
    @property
    def state(self) -> EngineState | None:
        return self._state
