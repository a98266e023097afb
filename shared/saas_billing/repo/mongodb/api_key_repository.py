"""Service API keys in `api_keys`: `_id` is the public key id, so authenticating is one primary-key read."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from pymongo import DESCENDING, ReturnDocument

from saas_billing.domain.schemas.api_keys.api_key import ApiKey
from saas_billing.infra.db.mongo_errors import mongo_errors
from saas_billing.repo.interface.api_key_repository import MAX_LISTED, ApiKeyRepository
from saas_billing.repo.mongodb.literal import eq

if TYPE_CHECKING:
    from pymongo.database import Database

COLLECTION = "api_keys"


class MongoApiKeyRepository(ApiKeyRepository):
    def __init__(self, database: Database) -> None:
        self._keys = database[COLLECTION]

    def add(self, api_key: ApiKey) -> None:
        with mongo_errors():
            self._keys.insert_one(to_document(api_key))

    def get(self, key_id: str) -> ApiKey | None:
        with mongo_errors():
            document = self._keys.find_one({"_id": eq(key_id)})
        return from_document(document) if document else None

    def list(self) -> list[ApiKey]:
        with mongo_errors():
            cursor = self._keys.find({}).sort([("created_at", DESCENDING), ("_id", DESCENDING)])
            return [from_document(document) for document in cursor.limit(MAX_LISTED)]

    def revoke(self, key_id: str, now: datetime) -> ApiKey | None:
        with mongo_errors():
            document = self._keys.find_one_and_update(
                {"_id": eq(key_id), "revoked_at": None},
                {"$set": {"revoked_at": now}},
                return_document=ReturnDocument.AFTER,
            )
            if document is None:  # unknown, or revoked before: that first date stays
                document = self._keys.find_one({"_id": eq(key_id)})
        return from_document(document) if document else None

    def touch(self, key_id: str, now: datetime, unless_since: datetime) -> None:
        stale = {"$or": [{"last_used_at": None}, {"last_used_at": {"$lte": unless_since}}]}
        with mongo_errors():
            self._keys.update_one({"_id": eq(key_id), **stale}, {"$set": {"last_used_at": now}})


def to_document(api_key: ApiKey) -> dict[str, Any]:
    return {
        "_id": api_key.key_id,
        "name": api_key.name,
        "scopes": list(api_key.scopes),
        "secret_hash": api_key.secret_hash,
        "created_at": api_key.created_at,
        "created_by": api_key.created_by,
        "last_used_at": api_key.last_used_at,
        "revoked_at": api_key.revoked_at,
    }


def from_document(document: dict[str, Any]) -> ApiKey:
    return ApiKey(
        key_id=document["_id"],
        name=document["name"],
        scopes=tuple(document["scopes"]),
        secret_hash=document["secret_hash"],
        created_at=document["created_at"],
        created_by=document["created_by"],
        last_used_at=document.get("last_used_at"),
        revoked_at=document.get("revoked_at"),
    )
