"""Where each periodic sync remembers how far it got, and which items keep failing."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class SyncCheckpoint:
    """`covered_until`: epoch seconds the sync has fully covered. `failed_runs`: consecutive runs in which
    each item failed, so one item that never reads back cannot hold the checkpoint forever."""

    covered_until: float
    failed_runs: Mapping[str, int] = field(default_factory=dict)


class SyncCheckpointRepository(ABC):
    @abstractmethod
    def get(self, name: str) -> SyncCheckpoint | None:
        """The named sync's checkpoint, or None before its first saved run."""

    @abstractmethod
    def set(self, name: str, checkpoint: SyncCheckpoint, now: datetime) -> None: ...
