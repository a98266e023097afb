"""Sync checkpoints in MongoDB: one small document per named sync."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from saas_billing.infra.db.mongo_errors import mongo_errors
from saas_billing.repo.interface.sync_checkpoint_repository import SyncCheckpoint, SyncCheckpointRepository
from saas_billing.repo.mongodb.literal import eq

if TYPE_CHECKING:
    from pymongo.database import Database

COLLECTION = "sync_checkpoints"


class MongoSyncCheckpointRepository(SyncCheckpointRepository):
    def __init__(self, database: Database) -> None:
        self._collection = database[COLLECTION]

    def get(self, name: str) -> SyncCheckpoint | None:
        with mongo_errors():
            document = self._collection.find_one({"_id": eq(name)})
        if not document:
            return None
        # A list of pairs, not a sub-document: an item id is data, never a field name.
        failed_runs = {item["id"]: int(item["runs"]) for item in document.get("failed_runs") or []}
        return SyncCheckpoint(float(document["covered_until"]), failed_runs)

    def set(self, name: str, checkpoint: SyncCheckpoint, now: datetime) -> None:
        failed_runs = [{"id": item, "runs": runs} for item, runs in sorted(checkpoint.failed_runs.items())]
        with mongo_errors():
            self._collection.update_one(
                {"_id": eq(name)},
                {
                    "$set": {
                        "covered_until": checkpoint.covered_until,
                        "failed_runs": failed_runs,
                        "updated_at": now,
                    }
                },
                upsert=True,
            )
