"""Subscriptions in MongoDB: one document per Stripe subscription, written with a conditional upsert."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from pymongo import DESCENDING, ReturnDocument
from pymongo.errors import DuplicateKeyError

from saas_billing.domain.errors import InvalidCursor
from saas_billing.domain.schemas.billing.subscription import (
    TERMINAL_STATUSES,
    ApplyOutcome,
    SavedSubscription,
    SubscriptionSnapshot,
    log_foreign_owner,
)
from saas_billing.domain.schemas.billing.subscription_change import SubscriptionChange
from saas_billing.infra.db.mongo_errors import mongo_errors
from saas_billing.repo.interface.subscription_repository import (
    SubscriptionFilter,
    SubscriptionPage,
    SubscriptionRepository,
)
from saas_billing.repo.mongodb.literal import eq

if TYPE_CHECKING:
    from pymongo.database import Database

COLLECTION = "subscriptions"
KEPT_WHEN_ABSENT = ("account_id", "customer_email", "customer_name")


class MongoSubscriptionRepository(SubscriptionRepository):
    def __init__(self, database: Database) -> None:
        self._collection = database[COLLECTION]

    def apply(self, snapshot: SubscriptionSnapshot, now: datetime) -> ApplyOutcome:
        return self._write(snapshot, now)[0]

    def apply_and_read(
        self, snapshot: SubscriptionSnapshot, now: datetime
    ) -> tuple[ApplyOutcome, SavedSubscription | None]:
        """The stored document comes from the write itself; only a stale write (or a raced insert) reads."""
        outcome, document = self._write(snapshot, now)
        return outcome, to_saved(document) if document else self.get(snapshot.id)

    def _write(self, snapshot: SubscriptionSnapshot, now: datetime) -> tuple[ApplyOutcome, dict | None]:
        """The outcome, and the document as the write left it when the write returned what it found."""
        now = _as_stored(now)
        # The filter is `supersedes` written as a query, so the check and the write are one atomic step.
        # If a newer document exists, the filter misses, the upsert tries to insert, and the unique index
        # refuses it: that is the "stale" outcome.
        condition = _superseded_by(snapshot)
        fields = _fields(snapshot, now)
        # Events carry the customer and account as ids only: what they do not say must not erase what is known.
        for optional in KEPT_WHEN_ABSENT:
            if fields[optional] is None:
                fields.pop(optional)
        # The owner is set once (see `_link`): on insert here, never by the $set of a later write.
        account_id = fields.pop("account_id", None)
        on_insert: dict[str, Any] = {"created_at": now}
        if account_id:
            on_insert["account_id"] = account_id
        query = {"stripe_subscription_id": eq(snapshot.id), **condition}
        update = {"$set": fields, "$setOnInsert": on_insert}
        try:
            with mongo_errors():
                before = self._collection.find_one_and_update(
                    query,
                    update,
                    upsert=True,
                    return_document=ReturnDocument.BEFORE,
                )
        except DuplicateKeyError:
            # Either a newer document exists, or a concurrent first write inserted it between our miss and
            # our insert (the server retries such an upsert only for equality-only filters). The document
            # exists now, so one conditional update without upsert tells the two apart.
            with mongo_errors():
                result = self._collection.update_one(query, {"$set": fields})
            if not result.matched_count:
                return ApplyOutcome.STALE, None
            self._link(snapshot.id, account_id, None)
            return ApplyOutcome.UPDATED, None
        if before is None:
            return ApplyOutcome.CREATED, {**fields, **on_insert}
        # What find_one_and_update would return with ReturnDocument.AFTER, without losing what it found.
        after = {**before, **fields, "account_id": self._link(snapshot.id, account_id, before)}
        return ApplyOutcome.UPDATED, after

    def _link(
        self, subscription_id: str, account_id: str | None, before: dict[str, Any] | None
    ) -> str | None:
        """Links an unlinked subscription to the account a write names; a linked one keeps its owner.

        Only a write that was applied links, so the ordering rule alone decides what is stored. `before`
        is the document as the write found it, when known; a conditional update links exactly once even
        when two writes race. Returns the owner stored now, as far as this write knows it.
        """
        owner = before.get("account_id") if before is not None else None
        if not account_id:
            return owner
        if owner is None:
            with mongo_errors():
                linked = self._collection.update_one(
                    {"stripe_subscription_id": eq(subscription_id), "account_id": None},
                    {"$set": {"account_id": account_id}},
                )
                if linked.matched_count:
                    return account_id
                found = self._collection.find_one(
                    {"stripe_subscription_id": eq(subscription_id)}, {"account_id": 1}
                )
            owner = found.get("account_id") if found else None
        if owner != account_id:
            log_foreign_owner(subscription_id, owner, account_id)
        return owner

    def get(self, subscription_id: str) -> SavedSubscription | None:
        with mongo_errors():
            document = self._collection.find_one({"stripe_subscription_id": eq(subscription_id)})
        return to_saved(document) if document else None

    def list(
        self, where: SubscriptionFilter, limit: int, starting_after: str | None = None
    ) -> SubscriptionPage:
        query: dict[str, Any] = {}
        status: dict[str, Any] = {}
        if where.status:
            status["$eq"] = where.status
        if where.excluded_statuses:
            status["$nin"] = sorted(where.excluded_statuses)
        if status:
            query["status"] = status
        if where.customer_id:
            query["stripe_customer_id"] = eq(where.customer_id)
        if where.account_id:
            query["account_id"] = eq(where.account_id)
        with mongo_errors():
            if starting_after:
                # The cursor must be in this same listing: another owner's id is unknown here, not a probe.
                cursor_doc = self._collection.find_one(
                    {"stripe_subscription_id": eq(starting_after), **query}, {"_id": 1}
                )
                if cursor_doc is None:
                    raise InvalidCursor(
                        f"starting_after '{starting_after}' is not a subscription in this listing"
                    )
                query["_id"] = {"$lt": cursor_doc["_id"]}
            documents = list(self._collection.find(query).sort("_id", DESCENDING).limit(limit + 1))
        return SubscriptionPage(
            items=[to_saved(d) for d in documents[:limit]], has_more=len(documents) > limit
        )

    def apply_change(self, change: SubscriptionChange, now: datetime) -> ApplyOutcome:
        # No upsert: an invoice alone cannot create a subscription (its price and customer come later).
        fields: dict[str, Any] = {"stripe_observed_at": change.observed_at, "updated_at": now}
        if change.status is not None:
            fields["status"] = change.status
        if change.current_period_end is not None:
            fields["current_period_end"] = change.current_period_end
        with mongo_errors():
            result = self._collection.update_one(
                {"stripe_subscription_id": eq(change.id), **_superseded_by(change)}, {"$set": fields}
            )
            if result.matched_count:
                return ApplyOutcome.UPDATED
            exists = self._collection.find_one({"stripe_subscription_id": eq(change.id)}, {"_id": 1})
        return ApplyOutcome.STALE if exists else ApplyOutcome.MISSING

    def flag_attention(self, subscription_id: str, reason: str) -> None:
        with mongo_errors():
            self._collection.update_one(
                {"stripe_subscription_id": eq(subscription_id)}, {"$set": {"attention": reason}}
            )


def _superseded_by(incoming: SubscriptionSnapshot | SubscriptionChange) -> dict[str, Any]:
    """`supersedes` written as a query on the stored document."""
    condition: dict[str, Any] = {"stripe_observed_at": {"$lt": incoming.observed_at}}
    if not incoming.is_terminal:
        condition["status"] = {"$nin": sorted(TERMINAL_STATUSES)}
    return condition


def _as_stored(moment: datetime) -> datetime:
    """BSON dates keep milliseconds: the document built from a write then equals the one read back."""
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def _fields(snapshot: SubscriptionSnapshot, now: datetime) -> dict[str, Any]:
    return {
        "stripe_subscription_id": snapshot.id,
        "stripe_customer_id": snapshot.customer_id,
        "customer_email": snapshot.customer_email,
        "customer_name": snapshot.customer_name,
        "price_id": snapshot.price_id,
        "product_id": snapshot.product_id,
        "status": snapshot.status,
        "current_period_end": snapshot.current_period_end,
        "cancel_at_period_end": snapshot.cancel_at_period_end,
        "cancel_at": snapshot.cancel_at,
        "account_id": snapshot.account_id,
        "stripe_observed_at": snapshot.observed_at,
        "updated_at": now,
    }


def to_saved(document: dict[str, Any]) -> SavedSubscription:
    return SavedSubscription(
        id=document["stripe_subscription_id"],
        customer_id=document["stripe_customer_id"],
        status=document["status"],
        price_id=document.get("price_id"),
        product_id=document.get("product_id"),
        current_period_end=document.get("current_period_end"),
        cancel_at_period_end=bool(document.get("cancel_at_period_end")),
        cancel_at=document.get("cancel_at"),
        customer_email=document.get("customer_email"),
        customer_name=document.get("customer_name"),
        account_id=document.get("account_id"),
        stripe_observed_at=document["stripe_observed_at"],
        created_at=document["created_at"],
        updated_at=document["updated_at"],
        attention=document.get("attention"),
    )
