"""Active entitlements in MongoDB: one document per Stripe customer (`_id` = the customer id).

An account's entitlements combine those of all its customers (`of_account`: an account gets a new
customer when its first is deleted). Newest wins, like subscriptions: a write applies only when what is stored is not newer (`observed_at`).
The revision grows only when the set of lookup keys changes: one conditional pipeline upsert per write
compares the stored key set and bumps the revision in the same atomic step.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from saas_billing.domain.schemas.billing.subscription import ApplyOutcome
from saas_billing.domain.schemas.entitlements.account_entitlements import (
    AccountEntitlements,
    EntitlementSnapshot,
    of_account,
)
from saas_billing.infra.db.mongo_errors import mongo_errors
from saas_billing.repo.interface.entitlement_repository import EntitlementRepository, EntitlementWrite
from saas_billing.repo.mongodb.literal import eq

if TYPE_CHECKING:
    from pymongo.database import Database

COLLECTION = "entitlements"


class MongoEntitlementRepository(EntitlementRepository):
    def __init__(self, database: Database) -> None:
        self._collection = database[COLLECTION]

    def apply(self, snapshot: EntitlementSnapshot, now: datetime) -> EntitlementWrite:
        keys = sorted(set(snapshot.lookup_keys))
        # The key set as one string: an equality test on it means "the same set", on any server.
        fingerprint = "\n".join(keys)
        same_keys = {"$eq": ["$fingerprint", {"$literal": fingerprint}]}
        # One pipeline update computes the revision from the stored document, so the check and the write
        # are one atomic step; literals are wrapped so no outside value is read as an expression.
        update = [
            {
                "$set": {
                    "revision": {
                        "$cond": [same_keys, "$revision", {"$add": [{"$ifNull": ["$revision", 0]}, 1]}]
                    },
                    "lookup_keys": {"$literal": keys},
                    "fingerprint": {"$literal": fingerprint},
                    "observed_at": {"$literal": snapshot.observed_at},
                    # what a summary does not say is kept
                    "account_id": {"$ifNull": [{"$literal": snapshot.account_id}, "$account_id", None]},
                    "created_at": {"$ifNull": ["$created_at", {"$literal": now}]},
                    "updated_at": {"$literal": now},
                }
            }
        ]
        # Newest wins: a newer stored document misses the filter, the upsert then tries to insert, and the
        # primary key refuses it; so does a concurrent first write, which the retry without upsert finds.
        # The document as the update found it says, in the same step, whether the key set changed.
        query = {"_id": eq(snapshot.customer_id), "observed_at": {"$lte": snapshot.observed_at}}
        write = {"projection": {"fingerprint": 1, "account_id": 1}, "return_document": ReturnDocument.BEFORE}
        try:
            with mongo_errors():
                before = self._collection.find_one_and_update(query, update, upsert=True, **write)
        except DuplicateKeyError:
            with mongo_errors():
                before = self._collection.find_one_and_update(query, update, **write)
            if before is None:
                return EntitlementWrite(ApplyOutcome.STALE, keys_changed=False, account_id=None)
        if before is None:
            return EntitlementWrite(ApplyOutcome.CREATED, keys_changed=True, account_id=snapshot.account_id)
        return EntitlementWrite(
            ApplyOutcome.UPDATED,
            keys_changed=before.get("fingerprint") != fingerprint,  # the test that grew the revision
            account_id=snapshot.account_id or before.get("account_id"),
        )

    def for_account(self, account_id: str) -> AccountEntitlements | None:
        with mongo_errors():
            documents = list(self._collection.find({"account_id": eq(account_id)}))
        return of_account(map(_to_stored, documents))

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
