"""Billing notices in MongoDB; a unique key makes recording one idempotent."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pymongo import ASCENDING
from pymongo.errors import DuplicateKeyError

from saas_billing.domain.schemas.billing.billing_notice import BillingNotice
from saas_billing.infra.db.mongo_errors import mongo_errors
from saas_billing.repo.interface.billing_notice_repository import BillingNoticeRepository
from saas_billing.repo.mongodb.literal import eq

if TYPE_CHECKING:
    from pymongo.database import Database

COLLECTION = "billing_notices"


class MongoBillingNoticeRepository(BillingNoticeRepository):
    def __init__(self, database: Database) -> None:
        self._collection = database[COLLECTION]

    def add(self, notice: BillingNotice) -> bool:
        document = {
            "kind": notice.kind,
            "stripe_subscription_id": notice.subscription_id,
            "stripe_customer_id": notice.customer_id,
            "account_id": notice.account_id,
            "due_at": notice.due_at,
            "stripe_event_id": notice.event_id,
            "created_at": notice.created_at,
            "delivered_at": None,
        }
        try:
            with mongo_errors():
                self._collection.insert_one(document)
        except DuplicateKeyError:
            return False
        return True

    def list_for_subscription(self, subscription_id: str) -> list[BillingNotice]:
        with mongo_errors():
            documents = list(
                self._collection.find({"stripe_subscription_id": eq(subscription_id)}).sort("_id", ASCENDING)
            )
        return [_to_notice(d) for d in documents]


def _to_notice(document: dict[str, Any]) -> BillingNotice:
    return BillingNotice(
        kind=document["kind"],
        subscription_id=document["stripe_subscription_id"],
        customer_id=document["stripe_customer_id"],
        account_id=document.get("account_id"),
        due_at=document.get("due_at"),
        event_id=document["stripe_event_id"],
        created_at=document["created_at"],
    )
