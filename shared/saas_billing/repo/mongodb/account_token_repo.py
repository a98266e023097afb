"""Mailed tokens in `account_tokens`, one document per account and purpose (`_id`); a TTL index sweeps
expired ones, and every read also filters on `expires_at`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from saas_billing.domain.schemas.auth.account_token import AccountToken, TokenPurpose
from saas_billing.infra.db.mongo_errors import mongo_errors
from saas_billing.repo.interface.account_token_repo import AccountTokenRepository

if TYPE_CHECKING:
    from datetime import datetime

    from pymongo.database import Database

COLLECTION = "account_tokens"


def _id(user_id: str, purpose: TokenPurpose) -> str:
    return f"{purpose}:{user_id}"


class MongoAccountTokenRepository(AccountTokenRepository):
    def __init__(self, database: Database) -> None:
        self._tokens = database[COLLECTION]

    def replace(self, token: AccountToken) -> None:
        document = {
            "user_id": token.user_id,
            "purpose": str(token.purpose),
            "token_hash": token.token_hash,
            "email": token.email,
            "created_at": token.created_at,
            "expires_at": token.expires_at,
        }
        with mongo_errors():
            self._tokens.replace_one({"_id": _id(token.user_id, token.purpose)}, document, upsert=True)

    def consume(
        self, token_hash: str, purposes: tuple[TokenPurpose, ...], now: datetime
    ) -> AccountToken | None:
        query = {
            "token_hash": token_hash,
            "purpose": {"$in": [str(purpose) for purpose in purposes]},
            "expires_at": {"$gt": now},
        }
        with mongo_errors():
            document = self._tokens.find_one_and_delete(query)
        return _from_document(document) if document else None

    def delete_for_user(self, user_id: str, purpose: TokenPurpose) -> None:
        with mongo_errors():
            self._tokens.delete_one({"_id": _id(user_id, purpose)})

    def delete_all_for_user(self, user_id: str) -> None:
        with mongo_errors():
            # By _id (one per purpose): no index on user_id needed.
            self._tokens.delete_many({"_id": {"$in": [_id(user_id, purpose) for purpose in TokenPurpose]}})


def _from_document(document: dict[str, Any]) -> AccountToken:
    return AccountToken(
        user_id=document["user_id"],
        purpose=TokenPurpose(document["purpose"]),
        token_hash=document["token_hash"],
        email=document["email"],
        created_at=document["created_at"],
        expires_at=document["expires_at"],
    )
