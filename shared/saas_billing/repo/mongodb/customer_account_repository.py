"""The customer → account link in MongoDB: the account's `stripe_customer_id`, else a linked subscription."""

from __future__ import annotations

from typing import TYPE_CHECKING

from saas_billing.infra.db.mongo_errors import mongo_errors
from saas_billing.repo.interface.customer_account_repository import CustomerAccountRepository
from saas_billing.repo.mongodb.literal import eq
from saas_billing.repo.mongodb.subscription_repository import COLLECTION as SUBSCRIPTIONS
from saas_billing.repo.mongodb.user_repo import COLLECTION as USERS

if TYPE_CHECKING:
    from pymongo.database import Database


class MongoCustomerAccountRepository(CustomerAccountRepository):
    def __init__(self, database: Database) -> None:
        self._users = database[USERS]
        self._subscriptions = database[SUBSCRIPTIONS]

    def account_for_customer(self, customer_id: str) -> str | None:
        with mongo_errors():
            user = self._users.find_one({"stripe_customer_id": eq(customer_id)}, {"_id": 1})
            if user is not None:
                return str(user["_id"])
            linked = self._subscriptions.find_one(
                {"stripe_customer_id": eq(customer_id), "account_id": {"$ne": None}}, {"account_id": 1}
            )
        return linked["account_id"] if linked else None
