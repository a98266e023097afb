"""Clocks tests move by hand: expiry and ordering without sleeping."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


class FakeClock:
    """Starts at a fixed moment unless told otherwise."""

    def __init__(self, start: datetime | None = None) -> None:
        self.current = start or datetime(2026, 11, 26, 12, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> datetime:
        self.current += timedelta(**delta)
        return self.current


class ManualClock(FakeClock):
    """Starts at the real time (millisecond precision, as MongoDB stores it), so mongomock's own TTL
    sweep, which uses real time, never removes anything the application's expiry checks must reject."""

    def __init__(self, start: datetime | None = None) -> None:
        start = start or datetime.now(UTC)
        super().__init__(start.replace(microsecond=start.microsecond // 1000 * 1000))
