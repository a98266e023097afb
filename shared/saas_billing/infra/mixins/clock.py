"""The one source of "now" for use cases, so tests move time instead of sleeping."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    """Real UTC time at MongoDB's millisecond precision, so what is stored reads back equal."""

    def now(self) -> datetime:
        now = datetime.now(UTC)
        return now.replace(microsecond=now.microsecond // 1000 * 1000)


_clock: Clock = SystemClock()


def get_clock() -> Clock:
    return _clock


def set_clock(clock: Clock | None) -> None:
    """Tests install a clock here; None restores real time."""
    global _clock
    _clock = clock or SystemClock()
