"""Login attempts in `login_failures`, one document per key and attempt; a TTL index sweeps them."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from bson import ObjectId
from pymongo import DESCENDING

from saas_billing.infra.db.mongo_errors import mongo_errors
from saas_billing.repo.interface.login_failure_repo import LoginFailureRepository
from saas_billing.repo.mongodb.literal import eq

if TYPE_CHECKING:
    from pymongo.database import Database

COLLECTION = "login_failures"


class MongoLoginFailureRepository(LoginFailureRepository):
    def __init__(self, database: Database) -> None:
        self._failures = database[COLLECTION]

    def record(self, keys: list[str], now: datetime, expires_at: datetime) -> list[str]:
        documents = [{"_id": ObjectId(), "key": key, "at": now, "expires_at": expires_at} for key in keys]
        with mongo_errors():
            self._failures.insert_many(documents)
        return [str(document["_id"]) for document in documents]

    def latest_expiries(self, key: str, now: datetime, limit: int) -> list[datetime]:
        # The TTL sweep runs about once a minute; the expiry filter makes the count exact regardless.
        with mongo_errors():
            cursor = (
                self._failures.find({"key": eq(key), "expires_at": {"$gt": now}}, {"expires_at": 1})
                .sort("expires_at", DESCENDING)
                .limit(limit)
            )
            return [document["expires_at"] for document in cursor]

    def latest_expiries_of(self, limits: dict[str, int], now: datetime) -> dict[str, list[datetime]]:
        """One aggregation for all keys; each key's list is cut to its limit on the server (at most the
        largest limit) and here."""
        if not limits:
            return {}
        pipeline = [
            {"$match": {"key": {"$in": list(limits)}, "expires_at": {"$gt": now}}},
            {"$sort": {"expires_at": DESCENDING}},
            {"$group": {"_id": "$key", "expiries": {"$push": "$expires_at"}}},
            {"$project": {"expiries": {"$slice": ["$expiries", max(limits.values())]}}},
        ]
        latest: dict[str, list[datetime]] = {key: [] for key in limits}
        with mongo_errors():
            for group in self._failures.aggregate(pipeline):
                latest[group["_id"]] = group["expiries"][: limits[group["_id"]]]
        return latest

    def forget_and_clear(self, record_ids: list[str], key: str) -> None:
        ids = [ObjectId(record_id) for record_id in record_ids]
        with mongo_errors():
            self._failures.delete_many({"$or": [{"_id": {"$in": ids}}, {"key": eq(key)}]})

    def forget(self, record_ids: list[str]) -> None:
        with mongo_errors():
            self._failures.delete_many({"_id": {"$in": [ObjectId(record_id) for record_id in record_ids]}})

    def clear(self, key: str) -> None:
        with mongo_errors():
            self._failures.delete_many({"key": eq(key)})
