"""A clock tests move by hand: expiry and ordering without sleeping."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


class FakeClock:
    """Starts at the real time unless told otherwise, so every date a test makes is relative to now:
    a TTL index (mongomock's, or a real server's sweep) and any check against the real clock see the same
    day the test meant, whatever day it runs. Whole seconds, as Stripe's timestamps are (and MongoDB keeps
    milliseconds)."""

    def __init__(self, start: datetime | None = None) -> None:
        self.current = start or datetime.now(UTC).replace(microsecond=0)
        self.slept: list[float] = []

    def now(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> datetime:
        self.current += timedelta(**delta)
        return self.current

    def sleep(self, seconds: float) -> None:
        """Records the wait and moves time on by it."""
        self.slept.append(seconds)
        self.current += timedelta(seconds=seconds)
