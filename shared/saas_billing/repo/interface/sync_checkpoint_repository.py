"""Where each periodic sync remembers how far it got."""

from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import datetime


class SyncCheckpointRepository(ABC):
    @abstractmethod
    def get(self, name: str) -> float | None:
        """Epoch seconds the named sync has fully covered, or None before its first successful run."""

    @abstractmethod
    def set(self, name: str, value: float, now: datetime) -> None: ...
