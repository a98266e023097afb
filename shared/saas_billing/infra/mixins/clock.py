"""The one source of "now" for use cases, so tests move time instead of sleeping."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime: ...

    def sleep(self, seconds: float) -> None:
        """Waits (a throttle's delay); a test clock just moves on."""


class SystemClock:
    """Real UTC time at MongoDB's millisecond precision, so what is stored reads back equal."""

    def now(self) -> datetime:
        now = datetime.now(UTC)
        return now.replace(microsecond=now.microsecond // 1000 * 1000)

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


_clock: Clock = SystemClock()


def get_clock() -> Clock:
    return _clock


def set_clock(clock: Clock | None) -> None:
    """Tests install a clock here; None restores real time."""
    global _clock
    _clock = clock or SystemClock()
