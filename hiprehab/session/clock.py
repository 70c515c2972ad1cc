"""Where time comes from. The engine never counts ticks: it asks a monotonic clock."""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    def now(self) -> float:
        """Seconds on a monotonic scale; only differences between readings mean anything."""
        ...


class SystemClock:
    """The real clock: `time.monotonic`, unaffected by wall-clock changes."""

    def now(self) -> float:
        return time.monotonic()


class FakeClock:
    """A clock that moves only when a test says so.

    It keeps whole microseconds internally so that many small irregular steps add up exactly.
    """

    def __init__(self, start: float = 1000.0) -> None:
        self._us = round(start * 1_000_000)

    def now(self) -> float:
        return self._us / 1_000_000

    def now_us(self) -> int:
        return self._us

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a monotonic clock cannot go back")
        self._us += round(seconds * 1_000_000)

    def advance_us(self, microseconds: int) -> None:
        if microseconds < 0:
            raise ValueError("a monotonic clock cannot go back")
        self._us += microseconds
