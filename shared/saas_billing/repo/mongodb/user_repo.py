"""Accounts in the `users` collection; a unique index on the normalized email prevents duplicates."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from saas_billing.domain.auth_errors import EmailAlreadyRegistered
from saas_billing.domain.schemas.auth.user import Role, User
from saas_billing.infra.db.mongo_errors import mongo_errors
from saas_billing.repo.interface.user_repo import UserRepository
from saas_billing.repo.mongodb.literal import eq

if TYPE_CHECKING:
    from datetime import datetime

    from pymongo.database import Database

COLLECTION = "users"


class MongoUserRepository(UserRepository):
    def __init__(self, database: Database) -> None:
        self._users = database[COLLECTION]

    def add(self, user: User) -> None:
        try:
            with mongo_errors():
                self._users.insert_one(_to_document(user))
        except DuplicateKeyError as error:
            raise EmailAlreadyRegistered() from error

    def get(self, user_id: str) -> User | None:
        with mongo_errors():
            document = self._users.find_one({"_id": eq(user_id)})
        return from_document(document) if document else None

    def by_email(self, email: str) -> User | None:
        with mongo_errors():
            document = self._users.find_one({"email": eq(email)})
        return from_document(document) if document else None

    def set_role(self, user_id: str, role: Role) -> None:
        with mongo_errors():
            self._users.update_one({"_id": eq(user_id)}, {"$set": {"role": str(role)}})

    def set_password_hash(self, user_id: str, password_hash: str) -> None:
        with mongo_errors():
            self._users.update_one({"_id": eq(user_id)}, {"$set": {"password_hash": password_hash}})

    def mark_credentials_changed(self, user_id: str, at: datetime) -> None:
        with mongo_errors():
            self._users.update_one({"_id": eq(user_id)}, {"$set": {"credentials_changed_at": at}})

    def mark_verified(self, user_id: str, email: str) -> bool:
        with mongo_errors():
            found = self._users.update_one(
                {"_id": user_id, "email": email}, {"$set": {"email_verified": True}}
            )
        return found.matched_count == 1

    def change_email(self, user_id: str, new_email: str) -> None:
        try:
            with mongo_errors():
                self._users.update_one(
                    {"_id": user_id}, {"$set": {"email": new_email, "email_verified": True}}
                )
        except DuplicateKeyError as error:
            raise EmailAlreadyRegistered() from error

    def claim_stripe_customer(
        self, user_id: str, customer_id: str, replacing: str | None = None
    ) -> str | None:
        # A missing field and null both mean "no customer yet": {"field": None} matches either.
        with mongo_errors():
            claimed = self._users.find_one_and_update(
                {"_id": eq(user_id), "stripe_customer_id": eq(replacing)},
                {"$set": {"stripe_customer_id": customer_id}},
                projection={"stripe_customer_id": 1},
                return_document=ReturnDocument.AFTER,
            )
            if claimed is None:  # someone else's claim won, or the account is gone
                claimed = self._users.find_one({"_id": eq(user_id)}, {"stripe_customer_id": 1})
        return claimed.get("stripe_customer_id") if claimed else None


def _to_document(user: User) -> dict[str, Any]:
    return {
        "_id": user.id,
        "email": user.email,
        "password_hash": user.password_hash,
        "role": str(user.role),
        "created_at": user.created_at,
        "stripe_customer_id": user.stripe_customer_id,
        "email_verified": user.email_verified,
        "credentials_changed_at": user.credentials_changed_at,
    }


def from_document(document: dict[str, Any]) -> User:
    return User(
        id=document["_id"],
        email=document["email"],
        password_hash=document["password_hash"],
        role=Role(document.get("role", Role.USER)),
        created_at=document["created_at"],
        stripe_customer_id=document.get("stripe_customer_id"),
        email_verified=document.get("email_verified", False),
        credentials_changed_at=document.get("credentials_changed_at"),
    )
