"""Device sessions in `device_sessions`, keyed by device_id; a TTL index on refresh_expiry sweeps them.

Every query also filters on refresh_expiry: the TTL sweep is lazy (about once a minute) and must
never be what decides whether a session is still valid.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pymongo import ASCENDING

from saas_billing.domain.schemas.auth.device_session import (
    PREVIOUS_REFRESH_HASHES_KEPT,
    ClientKind,
    DeviceSession,
)
from saas_billing.domain.schemas.auth.user import Role
from saas_billing.infra.db.mongo_errors import mongo_errors
from saas_billing.repo.interface.device_session_repo import DeviceSessionRepository
from saas_billing.repo.mongodb.literal import eq

if TYPE_CHECKING:
    from datetime import datetime

    from pymongo.database import Database

    from saas_billing.domain.schemas.auth.tokens import IssuedTokens

COLLECTION = "device_sessions"


class MongoDeviceSessionRepository(DeviceSessionRepository):
    def __init__(self, database: Database) -> None:
        self._sessions = database[COLLECTION]

    def add(self, session: DeviceSession) -> None:
        with mongo_errors():
            self._sessions.insert_one(_to_document(session))

    def get(self, device_id: str, now: datetime) -> DeviceSession | None:
        return self._find_one({"_id": eq(device_id), "refresh_expiry": {"$gt": now}})

    def by_refresh_hash(self, refresh_hash: str, now: datetime) -> DeviceSession | None:
        return self._find_one(
            {
                "$or": [
                    {"refresh_token_hash": eq(refresh_hash)},
                    {"previous_refresh_hashes": eq(refresh_hash)},
                ],
                "refresh_expiry": {"$gt": now},
            }
        )

    def rotate(
        self,
        device_id: str,
        expected_refresh_hash: str,
        tokens: IssuedTokens,
        now: datetime,
        *,
        claims_epoch: int,
    ) -> bool:
        update = {
            "$set": {
                "access_jti_hash": tokens.access_jti_hash,
                "refresh_token_hash": tokens.refresh_token_hash,
                "access_expiry": tokens.access_expiry,
                "refresh_expiry": tokens.refresh_expiry,
                "rotated_at": now,
                "last_seen_at": now,
                "claims_issued_epoch": claims_epoch,
            },
            "$push": {
                "previous_refresh_hashes": {
                    "$each": [expected_refresh_hash],
                    "$slice": -PREVIOUS_REFRESH_HASHES_KEPT,
                }
            },
        }
        query = {
            "_id": eq(device_id),
            "refresh_token_hash": eq(expected_refresh_hash),
            "refresh_expiry": {"$gt": now},
        }
        with mongo_errors():
            return self._sessions.update_one(query, update).modified_count == 1

    def mark_claims_stale(self, user_id: str) -> None:
        with mongo_errors():
            self._sessions.update_many({"user_id": eq(user_id)}, {"$inc": {"claims_epoch": 1}})

    def touch(self, device_id: str, now: datetime) -> None:
        with mongo_errors():
            self._sessions.update_one({"_id": eq(device_id)}, {"$set": {"last_seen_at": now}})

    def list_for_user(self, user_id: str, now: datetime) -> list[DeviceSession]:
        with mongo_errors():
            cursor = self._sessions.find({"user_id": eq(user_id), "refresh_expiry": {"$gt": now}}).sort(
                "created_at", ASCENDING
            )
            return [_from_document(document) for document in cursor]

    def delete(self, device_id: str, user_id: str | None = None) -> bool:
        query = {"_id": eq(device_id)} if user_id is None else {"_id": eq(device_id), "user_id": eq(user_id)}
        with mongo_errors():
            return self._sessions.delete_one(query).deleted_count == 1

    def delete_for_user(self, user_id: str) -> int:
        with mongo_errors():
            return self._sessions.delete_many({"user_id": eq(user_id)}).deleted_count

    def set_role_for_user(self, user_id: str, role: Role) -> None:
        with mongo_errors():
            self._sessions.update_many({"user_id": eq(user_id)}, {"$set": {"role": str(role)}})

    def set_email_for_user(self, user_id: str, email: str) -> None:
        with mongo_errors():
            self._sessions.update_many({"user_id": user_id}, {"$set": {"email": email}})

    def _find_one(self, query: dict[str, Any]) -> DeviceSession | None:
        with mongo_errors():
            document = self._sessions.find_one(query)
        return _from_document(document) if document else None


def _to_document(session: DeviceSession) -> dict[str, Any]:
    return {
        "_id": session.device_id,
        "user_id": session.user_id,
        "email": session.email,
        "role": str(session.role),
        "token_type": str(session.token_type),
        "access_jti_hash": session.access_jti_hash,
        "refresh_token_hash": session.refresh_token_hash,
        "access_expiry": session.access_expiry,
        "refresh_expiry": session.refresh_expiry,
        "created_at": session.created_at,
        "last_seen_at": session.last_seen_at,
        "user_agent": session.user_agent,
        "previous_refresh_hashes": list(session.previous_refresh_hashes),
        "rotated_at": session.rotated_at,
        "claims_epoch": session.claims_epoch,
        "claims_issued_epoch": session.claims_issued_epoch,
    }


def _from_document(document: dict[str, Any]) -> DeviceSession:
    return DeviceSession(
        device_id=document["_id"],
        user_id=document["user_id"],
        email=document["email"],
        role=Role(document.get("role", Role.USER)),
        token_type=ClientKind(document.get("token_type", ClientKind.API)),
        access_jti_hash=document["access_jti_hash"],
        refresh_token_hash=document["refresh_token_hash"],
        access_expiry=document["access_expiry"],
        refresh_expiry=document["refresh_expiry"],
        created_at=document["created_at"],
        last_seen_at=document["last_seen_at"],
        user_agent=document.get("user_agent"),
        previous_refresh_hashes=tuple(document.get("previous_refresh_hashes", ())),
        rotated_at=document.get("rotated_at"),
        claims_epoch=int(document.get("claims_epoch", 0)),
        claims_issued_epoch=int(document.get("claims_issued_epoch", 0)),
    )
