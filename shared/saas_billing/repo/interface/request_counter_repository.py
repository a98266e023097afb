"""Requests counted per key in fixed time windows (a service API key's rate limit)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import datetime


class RequestCounterRepository(ABC):
    @abstractmethod
    def hit(self, key: str, window_start: datetime, window_end: datetime) -> int:
        """Counts one request of `key` in the window [window_start, window_end) and returns the window's
        count, this request included. A window's count is forgotten once it ends."""
