"""One session from the Start button to the summary: check-in, play, check-in, summary.

It wires an engine to the player page, the history recorder (made by `saving.SessionSaving`,
which keeps a session whose history file is busy and saves it when the file is free) and the
cue player, and asks the pain questions at the right moments. Dialogs are opened without
blocking (`open()`), so the session keeps running while a question is on screen and tests can
answer them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from hiprehab import safety
from hiprehab.history.guidance import PainGuidance, RoutineAdvice, evaluate
from hiprehab.history.readiness import GuidanceFacts
from hiprehab.history.records import routine_hash
from hiprehab.history.store import HistoryStore, StoreError
from hiprehab.i18n import N_, _
from hiprehab.routine.model import Routine
from hiprehab.session.clock import Clock
from hiprehab.session.engine import EngineState, Event, SessionEngine
from hiprehab.session.recorder import SessionRecorder
from hiprehab.session.timeline import StepKind
from hiprehab.ui.dialogs import ask
from hiprehab.ui.player.before_session import choice_dialog
from hiprehab.ui.player.checkins import PainCheckinDialog
from hiprehab.ui.player.controller import FRAME_MS, SessionController
from hiprehab.ui.player.saving import SessionSaving
from hiprehab.ui.player.summary import SessionSummary
from hiprehab.ui.player.view import PlayerView

QUESTION = N_("How is your hip right now?")


def pain_checkin(
    parent: QWidget,
    question: str,
    explanation: str = "",
    *,
    with_note: bool = False,
    cancellable: bool = False,
    skip_tip: str | None = None,
) -> PainCheckinDialog:
    """The 0-10 question with the scale's words from `safety`, not yet shown."""
    words = safety.PAIN_SCALE_WORDS
    return PainCheckinDialog(
        question,
        low_words=_(words[safety.PAIN_SCALE_MIN]),
        high_words=_(words[safety.PAIN_SCALE_MAX]),
        explanation=explanation,
        with_note=with_note,
        cancellable=cancellable,
        skip_tip=skip_tip,
        parent=parent,
    )


class SessionFlow(QObject):
    """Runs at most one session at a time for the main window."""

    active_changed = Signal(bool)  # a session started (True) or ended (False)
    start_cancelled = Signal()  # the before question was cancelled: nothing started
    store_failed = Signal(str)  # the history could not be written: the message to show
    summary_shown = Signal()

    def __init__(
        self,
        *,
        host: QWidget,
        player: PlayerView,
        clock: Clock,
        store: HistoryStore | None,
        cue_handler: Callable[[Event], None] | None,
        frame_ms: int = FRAME_MS,
        guidance: Callable[[], GuidanceFacts | None] | None = None,
        make_easier: Callable[[Routine], Routine] | None = None,
    ) -> None:
        super().__init__(host)
        self._host = host
        self._player = player
        self._clock = clock
        self._store = store
        self._cue_handler = cue_handler
        self._frame_ms = frame_ms
        self.guidance = guidance  # the pain guidance as of now, None without history
        self.make_easier = make_easier  # the routine one step easier; None: not offered
        self.controller: SessionController | None = None
        self.recorder: SessionRecorder | None = None
        self.saving = SessionSaving(store, clock, self)
        self.saving.failed.connect(self.store_failed)
        self.saving.saved_later.connect(self._saved_later)
        self._summary_recorder: SessionRecorder | None = None  # the session summarised
        self.dialog: QDialog | None = None  # the question on screen, if any (tests answer it)
        self.routine: Routine | None = None
        self._pain_before: int | None = None
        self._ending = False
        player.toggle_requested.connect(self.toggle_pause)
        player.skip_requested.connect(self.skip)
        player.back_requested.connect(self.back)
        player.leave_out_requested.connect(self.leave_out)
        player.stop_requested.connect(self.request_stop)

    @property
    def busy(self) -> bool:
        """A session is being set up, played or wound down: Start must wait."""
        return self.routine is not None

    @property
    def active(self) -> bool:
        return self.controller is not None and self.controller.active

    def set_store(self, store: HistoryStore | None) -> None:
        self._store = store
        self.saving.set_store(store)

    # ----- starting ----------------------------------------------------------------------
    def begin(self, routine: Routine) -> bool:
        """Ask the before question, then start `routine`; False if a session is under way.

        Skip starts without a pain score; Cancel (or Esc) starts nothing and records nothing.
        A high pain or the guidance may first offer rest or an easier version (`_checked_start`).
        """
        if self.busy:
            return False
        self.routine = routine
        self.active_changed.emit(True)
        dialog = pain_checkin(
            self._host,
            _(QUESTION),
            # Translators: under the pain question before a session; "{routine}" is its title.
            _(
                "Before “{routine}”. Skip to start without a score, or Cancel to not start now."
            ).format(routine=routine.title),
            cancellable=True,
            skip_tip=_("Skip the score and start"),
        )
        dialog.answered.connect(lambda value, _note: self._checked_start(routine, value))
        dialog.cancelled.connect(self._cancel_start)
        self._show(dialog)
        return True

    def _cancel_start(self) -> None:
        self.routine = None
        self.active_changed.emit(False)
        self.start_cancelled.emit()

    def _show(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda _code: self._dialog_closed(dialog))
        dialog.open()

    def _dialog_closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def _checked_start(self, routine: Routine, pain_before: int | None) -> None:
        """Start, or first offer rest today or the easier version when the pain or the
        guidance calls for it; rest starts and records nothing."""
        choice = choice_dialog(self._host, routine, pain_before, self.guidance, self.make_easier)
        if choice is None:
            self._start(routine, pain_before)
            return
        choice.rested.connect(self._cancel_start)
        choice.started.connect(lambda chosen: self._start(chosen, pain_before))
        self._show(choice)

    def _start(self, routine: Routine, pain_before: int | None) -> None:
        self.routine = routine  # the easier version, when that was chosen
        self._pain_before = pain_before
        self._ending = False
        engine = SessionEngine.for_routine(routine, self._clock)
        controller = SessionController(engine, frame_ms=self._frame_ms, parent=self)
        recorder = self.saving.recorder(routine, engine.outcome)
        recorder.begin(pain_before)
        controller.add_listener(recorder.handle)
        if self._cue_handler is not None:
            controller.add_listener(self._cue_handler, prompt=True)  # before any disk write
        controller.state_changed.connect(self._on_state)
        self.controller, self.recorder = controller, recorder
        self._player.show_session()
        controller.start()

    # ----- commands from the player --------------------------------------------------------
    def toggle_pause(self) -> None:
        if self.active and self.controller is not None:
            self.controller.toggle_pause()

    def skip(self) -> None:
        if self.active and self.controller is not None:
            self.controller.skip()

    def back(self) -> None:
        if self.active and self.controller is not None:
            self.controller.back()

    def leave_out(self) -> None:
        if self.active and self.controller is not None:
            self.controller.leave_out()

    def request_stop(self) -> None:
        """Ask before stopping; the session is paused while the question is open."""
        self._confirm_stop(
            _("Stop this session now? What you have done so far is kept in your history."),
            yes_text=_("Stop the session"),
        )

    def confirm_quit(self, on_quit: Callable[[], None]) -> QMessageBox | None:
        """The window is asked to close mid-session: the same question as Stop, without
        blocking. Keep going resumes; yes calls `on_quit` (which then `abandon`s). None when no
        session is running, so there is nothing to ask."""
        if self.dialog is not None and self.active:
            self.dialog.close()  # e.g. the Stop question: this one replaces it
        return self._confirm_stop(
            _(
                "Stop this session and quit hiprehab? What you have done so far is kept in your "
                "history."
            ),
            yes_text=_("Stop and quit"),
            on_yes=on_quit,
        )

    def _confirm_stop(
        self, text: str, *, yes_text: str, on_yes: Callable[[], None] | None = None
    ) -> QMessageBox | None:
        controller = self.controller
        if controller is None or not controller.active or self.dialog is not None:
            return None
        was_running = controller.engine.status == "running"
        controller.pause()

        def answer(yes: bool) -> None:
            if self.dialog is box:
                self.dialog = None
            if self.controller is not controller or not controller.active:
                return
            if not yes:
                if was_running:
                    controller.resume()
            elif on_yes is not None:
                on_yes()
            else:
                controller.stop()

        box = ask(
            self._host,
            _("Stop the session?"),
            text,
            yes_text=yes_text,
            no_text=_("Keep going"),
            on_answer=answer,
        )
        self.dialog = box
        return box

    def abandon(self) -> None:
        """The window is closing: stop without asking, keeping what was done, and without the
        after question (nobody is there to answer it)."""
        self._ending = True
        if self.dialog is not None:
            self.dialog.close()
        if self.controller is not None and self.controller.active:
            self.controller.stop()
        if self.recorder is not None:
            self.recorder.finish()
        self.saving.save_before_closing()
        if self.controller is not None:
            self.controller.close()

    # ----- ending --------------------------------------------------------------------------
    def _on_state(self, state: EngineState) -> None:
        self._player.show_state(state)
        if state.status in ("finished", "stopped") and not self._ending:
            self._ending = True
            self._ask_after(state.status == "finished")

    def _ask_after(self, completed: bool) -> None:
        if self.dialog is not None:
            self.dialog.close()
        verb = _("Well done, that is the session done.") if completed else _("Session stopped.")
        dialog = pain_checkin(self._host, _(QUESTION), verb, with_note=True)
        dialog.answered.connect(lambda value, note: self._finish(completed, value, note))
        self._show(dialog)

    def _finish(self, completed: bool, pain_after: int | None, note: str) -> None:
        controller, recorder, routine = self.controller, self.recorder, self.routine
        assert controller is not None and recorder is not None and routine is not None
        recorder.set_pain_after(pain_after, note)
        outcome = controller.engine.outcome()
        saved = recorder.recording and not recorder.pending
        guidance, advice = self._guidance(routine) if saved else (None, None)
        summary = SessionSummary(
            routine_title=routine.title,
            completed=completed,
            active_seconds=outcome.active_seconds,
            paused_seconds=outcome.paused_seconds,
            sets_done=sum(1 for w in outcome.work if w.status == "completed"),
            sets_planned=sum(1 for s in controller.engine.timeline if s.kind is StepKind.WORK)
            - recorder.left_out,
            pain_before=self._pain_before,
            pain_after=pain_after,
            guidance=guidance,
            saved=saved,
            saving_later=recorder.recording and not saved,
            routine_advice=advice,
        )
        self._summary_recorder = recorder
        controller.close()
        self.controller = None
        self.routine = None
        self._player.summary.show_summary(summary)
        self._player.show_summary()
        self.active_changed.emit(False)
        self.summary_shown.emit()

    def _guidance(self, routine: Routine) -> tuple[PainGuidance | None, RoutineAdvice | None]:
        """The pain guidance with the session just saved, and its advice for `routine`."""
        if self._store is None:
            return None, None
        try:
            sessions = self._store.sessions()
        except StoreError as exc:
            self.store_failed.emit(str(exc))
            return None, None
        guidance = evaluate(sessions, as_of=self._store.now())
        return guidance, guidance.for_routine(routine_hash(routine))

    def _saved_later(self, recorder: SessionRecorder) -> None:
        """A session kept while the history file was busy is now saved: say so on its summary."""
        summary = self._player.summary.summary
        if recorder is not self._summary_recorder or summary is None or not summary.saving_later:
            return
        guidance, advice = self._guidance(recorder.routine)
        self._player.summary.show_summary(
            replace(
                summary, saved=True, saving_later=False, guidance=guidance, routine_advice=advice
            )
        )
