"""Active entitlements in MongoDB: one document per Stripe customer (`_id` = the customer id).

Newest wins, like subscriptions: a write applies only when what is stored is not newer (`observed_at`).
The revision grows only when the set of lookup keys changes, so each write is one of two conditional
updates (same keys: no bump; other keys: `$inc`), else a first insert; the primary key refuses a second
insert, and a write that then matches neither update is stale.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from pymongo import DESCENDING
from pymongo.errors import DuplicateKeyError

from saas_billing.domain.schemas.billing.subscription import ApplyOutcome
from saas_billing.domain.schemas.entitlements.account_entitlements import (
    AccountEntitlements,
    EntitlementSnapshot,
)
from saas_billing.infra.db.mongo_errors import mongo_errors
from saas_billing.repo.interface.entitlement_repository import EntitlementRepository
from saas_billing.repo.mongodb.literal import eq

if TYPE_CHECKING:
    from pymongo.database import Database

COLLECTION = "entitlements"


class MongoEntitlementRepository(EntitlementRepository):
    def __init__(self, database: Database) -> None:
        self._collection = database[COLLECTION]

    def apply(self, snapshot: EntitlementSnapshot, now: datetime) -> ApplyOutcome:
        keys = sorted(set(snapshot.lookup_keys))
        # The key set as one string: an equality test on it means "the same set", on any server.
        fingerprint = "\n".join(keys)
        fields: dict[str, Any] = {
            "lookup_keys": keys,
            "fingerprint": fingerprint,
            "observed_at": snapshot.observed_at,
            "updated_at": now,
        }
        if snapshot.account_id:
            fields["account_id"] = snapshot.account_id  # what a summary does not say is kept
        if self._update(snapshot, fields, fingerprint):
            return ApplyOutcome.UPDATED
        try:
            with mongo_errors():
                self._collection.insert_one(
                    {
                        "_id": snapshot.customer_id,
                        "account_id": None,
                        **fields,
                        "revision": 1,
                        "created_at": now,
                    }
                )
            return ApplyOutcome.CREATED
        except DuplicateKeyError:
            # Stored meanwhile (a concurrent first write) or newer: the conditional updates tell which.
            return ApplyOutcome.UPDATED if self._update(snapshot, fields, fingerprint) else ApplyOutcome.STALE

    def _update(self, snapshot: EntitlementSnapshot, fields: dict[str, Any], fingerprint: str) -> bool:
        """One of two atomic updates of a document not newer than the snapshot; True when one matched."""
        current = {"_id": eq(snapshot.customer_id), "observed_at": {"$lte": snapshot.observed_at}}
        with mongo_errors():
            same = self._collection.update_one({**current, "fingerprint": eq(fingerprint)}, {"$set": fields})
            if same.matched_count:
                return True
            changed = self._collection.update_one(
                {**current, "fingerprint": {"$ne": fingerprint}},
                {"$set": fields, "$inc": {"revision": 1}},
            )
        return bool(changed.matched_count)

    def for_account(self, account_id: str) -> AccountEntitlements | None:
        with mongo_errors():
            documents = list(
                self._collection.find({"account_id": eq(account_id)}).sort("observed_at", DESCENDING).limit(1)
            )
        return _to_stored(documents[0]) if documents else None

    def for_customer(self, customer_id: str) -> AccountEntitlements | None:
        with mongo_errors():
            document = self._collection.find_one({"_id": eq(customer_id)})
        return _to_stored(document) if document else None


def _to_stored(document: dict[str, Any]) -> AccountEntitlements:
    return AccountEntitlements(
        customer_id=document["_id"],
        lookup_keys=tuple(document.get("lookup_keys") or ()),
        observed_at=document["observed_at"],
        revision=document["revision"],
        account_id=document.get("account_id"),
    )
