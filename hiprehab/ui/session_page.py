"""The window's Session page, built when it is first shown or a session starts: the player view
and the session flow that drives it, wired to the window. The first screen (the library) needs
neither, nor what they bring with them (the engine, the summary, the pain questions)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hiprehab.session.clock import Clock
from hiprehab.ui.adjustment_wiring import wire_session_adjustments
from hiprehab.ui.player.controller import FRAME_MS
from hiprehab.ui.player.flow import SessionFlow
from hiprehab.ui.player.view import PlayerView

if TYPE_CHECKING:
    from hiprehab.ui.main_window import MainWindow


def build_session_page(
    window: MainWindow, clock: Clock, frame_ms: int | None
) -> tuple[PlayerView, SessionFlow]:
    """The player, placed on the window's Session page, and its flow, reporting to the window
    (its status bar, library, history and the user's adjustments)."""
    player = PlayerView(window.figures, window.fullscreen_action)
    flow = SessionFlow(
        host=window,
        player=player,
        clock=clock,
        store=window.store,
        cue_handler=window.cues.handle if window.cues is not None else None,
        frame_ms=FRAME_MS if frame_ms is None else frame_ms,
        guidance=window._guidance,
    )
    layout = window.player_page.layout()
    assert layout is not None
    layout.addWidget(player)
    flow.active_changed.connect(window._session_active)
    flow.start_cancelled.connect(lambda: window.show_page("library"))
    flow.store_failed.connect(window._store_failed)
    flow.saving.waiting.connect(window.statusBar().showMessage)  # "" clears it
    flow.saving.saved_later.connect(lambda _recorder: window._refresh_history())
    flow.summary_shown.connect(window._refresh_history)
    wire_session_adjustments(window.adjustments, player, flow)
    player.library_requested.connect(lambda: window.show_page("library"))
    player.history_requested.connect(lambda: window.show_page("history"))
    return player, flow
