"""Login attempts, counted per key (an email or a client IP) while they are recent.

An attempt is recorded before its password is checked and only then counted, so parallel attempts
see one another; one that is refused or succeeds is forgotten again, one that fails stays as the failure.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import datetime


class LoginFailureRepository(ABC):
    @abstractmethod
    def record(self, keys: list[str], now: datetime, expires_at: datetime) -> list[str]:
        """One attempt for each key, forgotten at `expires_at`; the ids of the new records."""

    @abstractmethod
    def latest_expiries(self, key: str, now: datetime, limit: int) -> list[datetime]:
        """Expiry times of the key's unexpired attempts, latest first, at most `limit`."""

    def latest_expiries_of(self, limits: dict[str, int], now: datetime) -> dict[str, list[datetime]]:
        """`latest_expiries` of several keys at once (key -> its limit); an implementation may read them
        in one round trip."""
        return {key: self.latest_expiries(key, now, limit) for key, limit in limits.items()}

    def forget_and_clear(self, record_ids: list[str], key: str) -> None:
        """`forget` these records and `clear` the key; an implementation may do both in one round trip."""
        self.clear(key)
        self.forget(record_ids)

    @abstractmethod
    def forget(self, record_ids: list[str]) -> None:
        """Removes these records (of an attempt that was refused, or that succeeded)."""

    @abstractmethod
    def clear(self, key: str) -> None: ...
