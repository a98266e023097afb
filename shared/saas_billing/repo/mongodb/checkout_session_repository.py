"""Issued Checkout Sessions in MongoDB, keyed by the session id; a TTL index drops old records."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from saas_billing.domain.schemas.billing.issued_checkout import IssuedCheckoutSession
from saas_billing.infra.db.mongo_errors import mongo_errors
from saas_billing.repo.interface.checkout_session_repository import CheckoutSessionRepository
from saas_billing.repo.mongodb.literal import eq

if TYPE_CHECKING:
    from pymongo.database import Database

COLLECTION = "checkout_sessions"


class MongoCheckoutSessionRepository(CheckoutSessionRepository):
    def __init__(self, database: Database) -> None:
        self._collection = database[COLLECTION]

    def add(self, session: IssuedCheckoutSession) -> None:
        # An upsert on _id that only inserts: a replayed create never re-owns or refreshes the record.
        document = {
            "account_id": session.account_id,
            "created": session.created,
            "expires_at": session.expires_at,
        }
        with mongo_errors():
            self._collection.update_one({"_id": eq(session.id)}, {"$setOnInsert": document}, upsert=True)

    def get(self, session_id: str, now: datetime) -> IssuedCheckoutSession | None:
        # The TTL sweep runs about once a minute, so the query checks expiry too.
        with mongo_errors():
            document = self._collection.find_one({"_id": eq(session_id), "expires_at": {"$gt": now}})
        if document is None:
            return None
        return IssuedCheckoutSession(
            id=document["_id"], account_id=document.get("account_id"), created=document["created"]
        )
