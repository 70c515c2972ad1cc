"""One place the pages ask about the user's own adjustments: which apply, which step is offered.

The decisions are the core's (`core/adjustment_steps.py`, `core/guidance.py`); this object only
joins them to the user's history store and the routines on the library page, stores what the
user accepts, and tells the pages (`changed`) so the library, player and history agree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime, tzinfo

from PySide6.QtCore import QObject, Signal

from hiprehab.history.adjustment_steps import StepOffer, due_offer
from hiprehab.history.adjustments import Adjustment, apply_adjustments
from hiprehab.history.records import routine_hash
from hiprehab.history.store import HistoryStore, StoreError
from hiprehab.routine.library import LibraryExercise, default_library
from hiprehab.routine.model import Routine


def _utc_now() -> datetime:
    return datetime.now(UTC)


class AdjustmentCenter(QObject):
    """The user's adjustments for the window's pages (their own history only, never a profile)."""

    changed = Signal(str)  # the routine hash whose adjustments changed
    failed = Signal(str)  # the history could not be read or written: the message to show

    def __init__(
        self,
        store: HistoryStore | None,
        *,
        routines: Callable[[], Iterable[Routine]] = list,
        library: Mapping[str, LibraryExercise] | None = None,
        now: Callable[[], datetime] | None = None,
        tz: tzinfo | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._routines = routines
        self._library = library
        # the store's clock by default, as the guidance elsewhere; public for tests and scripts
        self.now = now or (store.now if store is not None else _utc_now)
        self._tz = tz
        self._dismissed: set[tuple[str, str]] = set()  # (hash, change) the user said Not now to
        self.playing: Routine | None = None  # the file routine of the session under way

    @property
    def library(self) -> Mapping[str, LibraryExercise]:
        if self._library is None:
            self._library = default_library()
        return self._library

    @property
    def store(self) -> HistoryStore | None:
        return self._store

    def set_store(self, store: HistoryStore | None) -> None:
        self._store = store

    # ----- reading ---------------------------------------------------------------------------
    def adjustments(self, routine: Routine, *, active_only: bool = True) -> list[Adjustment]:
        if self._store is None:
            return []
        try:
            return self._store.adjustments(routine_hash(routine), active_only=active_only)
        except StoreError as exc:
            self.failed.emit(str(exc))
            return []

    def adjusted(self, routine: Routine) -> Routine:
        """`routine` with the user's active steps layered over it (the file is unchanged)."""
        return apply_adjustments(routine, self.adjustments(routine), library=self.library)

    def for_session(self, routine: Routine) -> Routine:
        """The routine to play: adjusted; remembered so the summary can offer the next step."""
        self.playing = routine
        return self.adjusted(routine)

    def offers(self, only: Routine | None = None) -> list[StepOffer]:
        """The steps due now: one per routine whose guidance says progress or regress."""
        store = self._store
        if store is None or store.read_only:
            return []
        try:
            from hiprehab.history import guidance  # not at start: only when a step is asked for

            sessions = store.sessions()
            advice = guidance.evaluate(sessions, as_of=self.now(), tz=self._tz)
            routines = [only] if only is not None else list(self._routines())
            result: list[StepOffer] = []
            seen: set[str] = set()
            for routine in routines:
                digest = routine_hash(routine)
                found = advice.for_routine(digest)
                if digest in seen or found is None:
                    continue
                seen.add(digest)
                last = max(
                    (s.started_at for s in sessions if s.routine_hash == digest), default=None
                )
                steps = store.adjustments(digest)
                offer = due_offer(routine, found.advice, self.library, steps, last)
                if offer is not None and (digest, offer.change) not in self._dismissed:
                    result.append(offer)
            return result
        except StoreError as exc:
            self.failed.emit(str(exc))
            return []

    def offer_after_session(self) -> StepOffer | None:
        """The step due for the routine just played, if any."""
        routine, self.playing = self.playing, None
        if routine is None:
            return None
        found = self.offers(only=routine)
        return found[0] if found else None

    # ----- writing ---------------------------------------------------------------------------
    def apply(self, offer: StepOffer) -> Adjustment | None:
        """Store the step the user accepted; None (and `failed`) if it could not be saved."""
        if self._store is None:
            return None
        try:
            stored = self._store.add_adjustment(offer.adjustment(self.now()))
        except (StoreError, ValueError) as exc:
            self.failed.emit(str(exc))
            return None
        self.changed.emit(offer.routine_hash)
        return stored

    def dismiss(self, offer: StepOffer) -> None:
        """Not now: the same step is not offered again while the app runs."""
        self._dismissed.add((offer.routine_hash, offer.change))

    def undo(self, adjustment: Adjustment) -> bool:
        if self._store is None or adjustment.id is None:
            return False
        try:
            self._store.undo_adjustment(adjustment.id, at=self.now())
        except (StoreError, ValueError) as exc:
            self.failed.emit(str(exc))
            return False
        self.changed.emit(adjustment.routine_hash)
        return True
