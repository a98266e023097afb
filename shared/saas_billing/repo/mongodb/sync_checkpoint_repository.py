"""Sync checkpoints in MongoDB: one small document per named sync."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from saas_billing.repo.interface.sync_checkpoint_repository import SyncCheckpointRepository
from saas_billing.repo.mongodb.errors import mongo_errors

if TYPE_CHECKING:
    from pymongo.database import Database

COLLECTION = "sync_checkpoints"


class MongoSyncCheckpointRepository(SyncCheckpointRepository):
    def __init__(self, database: Database) -> None:
        self._collection = database[COLLECTION]

    def get(self, name: str) -> float | None:
        with mongo_errors():
            document = self._collection.find_one({"_id": name})
        return float(document["covered_until"]) if document else None

    def set(self, name: str, value: float, now: datetime) -> None:
        with mongo_errors():
            self._collection.update_one(
                {"_id": name}, {"$set": {"covered_until": value, "updated_at": now}}, upsert=True
            )
