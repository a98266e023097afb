"""Fixed-window request counters in `request_counters`: one document per key and window.

The window's start is part of `_id`, so a request is counted by one upsert on the primary key (which the
server retries itself when two first requests race) and a past window's document can never be counted
again: unlike the login throttle's per-attempt records, an expired counter needs no expiry filter to be
ignored. `expires_at` (the window's end) lets the TTL index sweep them.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from saas_billing.infra.db.mongo_errors import mongo_errors
from saas_billing.repo.interface.request_counter_repository import RequestCounterRepository

if TYPE_CHECKING:
    from pymongo.database import Database

COLLECTION = "request_counters"


class MongoRequestCounterRepository(RequestCounterRepository):
    def __init__(self, database: Database) -> None:
        self._counters = database[COLLECTION]

    def hit(self, key: str, window_start: datetime, window_end: datetime) -> int:
        counter_id = f"{key}@{int(window_start.timestamp())}"
        update = {"$inc": {"count": 1}, "$setOnInsert": {"key": key, "expires_at": window_end}}
        with mongo_errors():
            try:
                document = self._upsert(counter_id, update)
            except DuplicateKeyError:  # a concurrent first request inserted it: count on it
                document = self._upsert(counter_id, update)
        return int(document["count"])

    def _upsert(self, counter_id: str, update: dict) -> dict:
        return self._counters.find_one_and_update(
            {"_id": counter_id},
            update,
            projection={"count": 1},
            upsert=True,
            return_document=ReturnDocument.AFTER,
        )
