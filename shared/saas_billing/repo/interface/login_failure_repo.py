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

    @abstractmethod
    def forget(self, record_ids: list[str]) -> None:
        """Removes these records (of an attempt that was refused, or that succeeded)."""

    @abstractmethod
    def clear(self, key: str) -> None: ...
