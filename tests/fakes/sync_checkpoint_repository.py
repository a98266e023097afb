"""Dict-backed sync checkpoints for unit tests."""

from __future__ import annotations

from datetime import datetime

from saas_billing.repo.interface.sync_checkpoint_repository import SyncCheckpointRepository


class InMemorySyncCheckpointRepository(SyncCheckpointRepository):
    def __init__(self) -> None:
        self.values: dict[str, float] = {}

    def get(self, name: str) -> float | None:
        return self.values.get(name)

    def set(self, name: str, value: float, now: datetime) -> None:
        self.values[name] = value
