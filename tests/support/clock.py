"""A clock tests move by hand: token expiry without sleeping."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from saas_billing.infra.mixins.clock import Clock


class ManualClock(Clock):
    """Starts at the real time, so mongomock's own TTL sweep (real time) never removes anything the
    application's expiry checks are meant to reject."""

    def __init__(self, start: datetime | None = None) -> None:
        start = start or datetime.now(UTC)
        self._now = start.replace(microsecond=start.microsecond // 1000 * 1000)

    def now(self) -> datetime:
        return self._now

    def advance(self, **delta: float) -> datetime:
        self._now += timedelta(**delta)
        return self._now
