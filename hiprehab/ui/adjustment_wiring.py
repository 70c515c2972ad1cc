"""Connects the user's adjustments to the main window's pages with one call.

The library page shows and undoes them (`RoutinePageAdjustments`), the summary after a session
offers the next step, the before-session choice gets "the easier version" (`easier_version`, for
that session only), and a failure to read or save is said in the status bar. The player gets
the adjusted routine from `AdjustmentCenter.for_session` where the window starts a session. The
player's part is wired when the window builds its Session page (`wire_session_adjustments`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hiprehab.history.adjustment_steps import StepOffer, easier_version
from hiprehab.routine.model import Routine
from hiprehab.ui.adjustment_center import AdjustmentCenter
from hiprehab.ui.routine_adjustments import RoutinePageAdjustments

if TYPE_CHECKING:
    from hiprehab.ui.main_window import MainWindow
    from hiprehab.ui.player.flow import SessionFlow
    from hiprehab.ui.player.view import PlayerView

STATUS_MS = 10_000


def wire_adjustments(window: MainWindow) -> tuple[AdjustmentCenter, RoutinePageAdjustments]:
    """The window's AdjustmentCenter, connected to its library and status bar, and the routine
    page's list of steps."""

    def routines() -> list[Routine]:
        return [e.routine for e in window.library.entries() if e.routine is not None]

    center = AdjustmentCenter(window.store, routines=routines, parent=window)
    page = RoutinePageAdjustments(window.library, center)
    center.failed.connect(lambda message: window.statusBar().showMessage(message, STATUS_MS))
    return center, page


def wire_session_adjustments(
    center: AdjustmentCenter, player: PlayerView, flow: SessionFlow
) -> None:
    """The summary after a session offers the next step; the choice before one, the easier
    version."""
    summary = player.summary
    box = summary.offer_box

    def offer_after_session() -> None:
        offer = center.offer_after_session()
        saved = summary.summary is not None and summary.summary.saved
        summary.set_offer(offer if saved else None)

    def apply(offer: StepOffer) -> None:
        box.show_result(center.apply(offer) is not None)

    flow.make_easier = lambda routine: easier_version(routine, center.library)
    flow.summary_shown.connect(offer_after_session)
    box.apply_requested.connect(apply)
    box.dismissed.connect(center.dismiss)
