"""The small history the exchange tests export: its times and its clock."""

from __future__ import annotations

from datetime import UTC, datetime

T0 = datetime(2026, 12, 28, 7, 0, tzinfo=UTC)  # a Monday in 2026-W53
EXPORTED = datetime(2027, 1, 20, 12, 0, tzinfo=UTC)
NOTE = 'Sore after the band walk, "left" side;\nbetter by lunch — 😅'


class Clock:
    def __init__(self) -> None:
        self.moment = T0

    def __call__(self) -> datetime:
        return self.moment
