"""The account and its current subscription in one aggregation: the user document with its subscriptions
joined by `account_id` (indexed). An account holds a handful of subscriptions, so the one not ended and
newest is picked here, by the same rule as the subscription listing (newest `_id` first)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from saas_billing.domain.schemas.billing.subscription import TERMINAL_STATUSES
from saas_billing.infra.db.mongo_errors import mongo_errors
from saas_billing.repo.interface.account_profile_repository import AccountProfile, AccountProfileRepository
from saas_billing.repo.mongodb import subscription_repository, user_repo
from saas_billing.repo.mongodb.literal import eq

if TYPE_CHECKING:
    from pymongo.database import Database

JOINED = "subscriptions"


class MongoAccountProfileRepository(AccountProfileRepository):
    def __init__(self, database: Database) -> None:
        self._users = database[user_repo.COLLECTION]

    def get(self, user_id: str) -> AccountProfile | None:
        pipeline = [
            {"$match": {"_id": eq(user_id)}},
            {"$limit": 1},
            {
                "$lookup": {
                    "from": subscription_repository.COLLECTION,
                    "localField": "_id",
                    "foreignField": "account_id",
                    "as": JOINED,
                }
            },
        ]
        with mongo_errors():
            document = next(self._users.aggregate(pipeline), None)
        if document is None:
            return None
        current = [s for s in document.pop(JOINED) if s["status"] not in TERMINAL_STATUSES]
        newest = max(current, key=lambda subscription: subscription["_id"], default=None)
        return AccountProfile(
            account=user_repo.from_document(document),
            subscription=subscription_repository.to_saved(newest) if newest else None,
        )
