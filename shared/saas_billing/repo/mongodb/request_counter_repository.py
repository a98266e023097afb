"""Fixed-window request counters in `request_counters`: one document per key and window.

The window's start is part of `_id`, so a request is counted by one `$inc` on the primary key (the
window's first request inserts it instead: two round trips, once a window) and a past window's document
can never be counted again: unlike the login throttle's per-attempt records, an ended window needs no
expiry filter to be ignored. `expires_at` (the window's end) lets the TTL index sweep them. An increment
then insert, not an upsert: racing upserts are answered inconsistently by some wire servers, while a
refused insert (duplicate `_id`) is unambiguous.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from saas_billing.infra.db.mongo_errors import DatabaseUnavailable, mongo_errors
from saas_billing.repo.interface.request_counter_repository import RequestCounterRepository

if TYPE_CHECKING:
    from pymongo.database import Database

COLLECTION = "request_counters"
ATTEMPTS = 3


class MongoRequestCounterRepository(RequestCounterRepository):
    def __init__(self, database: Database) -> None:
        self._counters = database[COLLECTION]

    def hit(self, key: str, window_start: datetime, window_end: datetime) -> int:
        counter_id = f"{key}@{int(window_start.timestamp())}"
        with mongo_errors():
            for _ in range(ATTEMPTS):
                counted = self._counters.find_one_and_update(
                    {"_id": counter_id},
                    {"$inc": {"count": 1}},
                    projection={"count": 1},
                    return_document=ReturnDocument.AFTER,
                )
                if counted is not None:
                    return int(counted["count"])
                try:  # the window's first request
                    self._counters.insert_one(
                        {"_id": counter_id, "key": key, "count": 1, "expires_at": window_end}
                    )
                except DuplicateKeyError:  # another first request inserted it just now: count on it
                    continue
                return 1
        raise DatabaseUnavailable()
