"""Dict-backed sync checkpoints for unit tests."""

from __future__ import annotations

from datetime import datetime

from saas_billing.repo.interface.sync_checkpoint_repository import SyncCheckpoint, SyncCheckpointRepository


class InMemorySyncCheckpointRepository(SyncCheckpointRepository):
    def __init__(self) -> None:
        self.values: dict[str, SyncCheckpoint] = {}

    def get(self, name: str) -> SyncCheckpoint | None:
        return self.values.get(name)

    def set(self, name: str, checkpoint: SyncCheckpoint, now: datetime) -> None:
        self.values[name] = SyncCheckpoint(checkpoint.covered_until, dict(checkpoint.failed_runs))
