"""Failed login attempts, counted per key (an email or a client IP) while they are recent."""

from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import datetime


class LoginFailureRepository(ABC):
    @abstractmethod
    def record(self, keys: list[str], now: datetime, expires_at: datetime) -> None:
        """One failure for each key, forgotten at `expires_at`."""

    @abstractmethod
    def latest_expiries(self, key: str, now: datetime, limit: int) -> list[datetime]:
        """Expiry times of the key's unexpired failures, latest first, at most `limit`."""

    @abstractmethod
    def clear(self, key: str) -> None: ...
