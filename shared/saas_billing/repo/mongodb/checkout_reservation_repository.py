"""Checkout reservations in MongoDB: `_id` is the account, so the primary key makes a claim exclusive.

A claim is one conditional upsert: it matches only a reservation that expired or is still the one the
caller read, and otherwise tries to insert, which the `_id` refuses. Expiry is checked in the queries;
the TTL index only sweeps.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from pymongo.errors import DuplicateKeyError

from saas_billing.domain.schemas.billing.checkout_reservation import CheckoutReservation
from saas_billing.infra.db.mongo_errors import mongo_errors
from saas_billing.repo.interface.checkout_reservation_repository import CheckoutReservationRepository
from saas_billing.repo.mongodb.literal import eq

if TYPE_CHECKING:
    from pymongo.database import Database

COLLECTION = "checkout_reservations"


class MongoCheckoutReservationRepository(CheckoutReservationRepository):
    def __init__(self, database: Database) -> None:
        self._collection = database[COLLECTION]

    def get(self, account_id: str, now: datetime) -> CheckoutReservation | None:
        with mongo_errors():
            document = self._collection.find_one({"_id": eq(account_id), "expires_at": {"$gt": now}})
        if document is None:
            return None
        return CheckoutReservation(
            account_id=document["_id"],
            key=document["key"],
            expires_at=document["expires_at"],
            session_id=document.get("session_id"),
            url=document.get("url"),
        )

    def claim(self, claim: CheckoutReservation, now: datetime, replacing: str | None) -> bool:
        free: list[dict[str, Any]] = [{"expires_at": {"$lte": now}}]
        if replacing is not None:
            free.append({"key": eq(replacing)})
        fields = {"key": claim.key, "expires_at": claim.expires_at, "session_id": None, "url": None}
        try:
            with mongo_errors():
                self._collection.update_one(
                    {"_id": eq(claim.account_id), "$or": free}, {"$set": fields}, upsert=True
                )
        except DuplicateKeyError:
            return False
        return True

    def attach(self, account_id: str, key: str, session_id: str, url: str, expires_at: datetime) -> None:
        with mongo_errors():
            self._collection.update_one(
                {"_id": eq(account_id), "key": eq(key)},
                {"$set": {"session_id": session_id, "url": url, "expires_at": expires_at}},
            )

    def release(self, account_id: str, key: str) -> None:
        with mongo_errors():
            self._collection.delete_one({"_id": eq(account_id), "key": eq(key)})
