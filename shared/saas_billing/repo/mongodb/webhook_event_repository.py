"""Stripe events in MongoDB: one document per event id, claimed with a lease, then marked processed.

Expiry is checked in every query; the TTL index only sweeps old documents (MongoDB runs it about once a
minute, and an expired document may linger until then).
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pymongo.errors import DuplicateKeyError

from saas_billing.domain.schemas.webhooks.stripe_event import PROCESSED_RETENTION, Claim, ClaimStatus
from saas_billing.infra.db.mongo_errors import mongo_errors
from saas_billing.repo.interface.webhook_event_repository import WebhookEventRepository
from saas_billing.repo.mongodb.literal import eq

if TYPE_CHECKING:
    from pymongo.database import Database

COLLECTION = "stripe_webhook_events"
PROCESSING, PROCESSED = "processing", "processed"


def _live(document: dict[str, Any], now: datetime) -> bool:
    if document["expires_at"] <= now:
        return False
    return document["status"] == PROCESSED or document["lease_expires_at"] > now


class MongoWebhookEventRepository(WebhookEventRepository):
    def __init__(self, database: Database) -> None:
        self._collection = database[COLLECTION]

    def claim(self, event_id: str, event_type: str, now: datetime, lease_until: datetime) -> Claim:
        # Insert a claim, or take over one whose lease or retention ran out, in one atomic upsert. A live
        # document makes the filter miss, so the upsert's insert hits the unique index: someone has it.
        token = secrets.token_hex(16)
        claimable = {"$or": [{"expires_at": {"$lte": now}}, {"lease_expires_at": {"$lte": now}}]}
        update = {
            "$set": {
                "type": event_type,
                "status": PROCESSING,
                "claim_token": token,
                "claimed_at": now,
                "lease_expires_at": lease_until,
                "expires_at": now + PROCESSED_RETENTION,
            },
            "$inc": {"attempts": 1},
        }
        for _ in range(3):  # the holder may release or expire between our two steps: look again
            try:
                with mongo_errors():
                    self._collection.update_one(
                        {"stripe_event_id": eq(event_id), **claimable}, update, upsert=True
                    )
                return Claim(ClaimStatus.CLAIMED, token)
            except DuplicateKeyError:
                with mongo_errors():
                    document = self._collection.find_one({"stripe_event_id": eq(event_id)})
                if document is not None and _live(document, now):
                    processed = document["status"] == PROCESSED
                    return Claim(ClaimStatus.PROCESSED if processed else ClaimStatus.IN_PROGRESS)
        return Claim(ClaimStatus.IN_PROGRESS)

    def mark_processed(
        self, event_id: str, token: str, now: datetime, expires_at: datetime, outcome: str
    ) -> bool:
        with mongo_errors():
            result = self._collection.update_one(
                {"stripe_event_id": eq(event_id), "claim_token": eq(token)},
                {
                    "$set": {
                        "status": PROCESSED,
                        "processed_at": now,
                        "expires_at": expires_at,
                        "outcome": outcome,
                    },
                    "$unset": {"lease_expires_at": ""},
                },
            )
        return result.matched_count == 1

    def release(self, event_id: str, token: str) -> None:
        with mongo_errors():
            self._collection.delete_one(
                {"stripe_event_id": eq(event_id), "claim_token": eq(token), "status": PROCESSING}
            )

    def status(self, event_id: str, now: datetime) -> str | None:
        with mongo_errors():
            document = self._collection.find_one({"stripe_event_id": eq(event_id)})
        return document["status"] if document is not None and _live(document, now) else None
