"""The MongoDB auth repositories (either tier): indexes, expiry in every query, atomic rotation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pymongo import MongoClient

from saas_billing.domain.auth_errors import EmailAlreadyRegistered
from saas_billing.domain.schemas.auth.device_session import (
    PREVIOUS_REFRESH_HASHES_KEPT,
    ClientKind,
    DeviceSession,
)
from saas_billing.domain.schemas.auth.fingerprint import fingerprint
from saas_billing.domain.schemas.auth.tokens import IssuedTokens
from saas_billing.domain.schemas.auth.user import Role, User
from saas_billing.infra.db.mongo_errors import DatabaseUnavailable
from saas_billing.repo.mongodb.device_session_repo import MongoDeviceSessionRepository
from saas_billing.repo.mongodb.login_failure_repo import MongoLoginFailureRepository
from saas_billing.repo.mongodb.user_repo import MongoUserRepository


@pytest.fixture
def db(database):
    return database


def user(email="ada@example.com", user_id="u1"):
    return User(user_id, email, "hash", Role.USER, created_at=None)


def session(now, device_id="d1", refresh="r0", user_id="u1"):
    return DeviceSession(
        device_id=device_id,
        user_id=user_id,
        email="ada@example.com",
        role=Role.USER,
        token_type=ClientKind.API,
        access_jti_hash=fingerprint("j0"),
        refresh_token_hash=fingerprint(refresh),
        access_expiry=now + timedelta(minutes=15),
        refresh_expiry=now + timedelta(days=30),
        created_at=now,
        last_seen_at=now,
        user_agent="test",
    )


def tokens(now, refresh, device_id="d1"):
    return IssuedTokens(
        device_id,
        "access",
        "jti-" + refresh,
        refresh,
        now + timedelta(minutes=15),
        now + timedelta(days=30),
        now,
    )


def test_users_unique_email_index_turns_duplicates_into_409(db, clock):
    users = MongoUserRepository(db)
    users.add(user())
    with pytest.raises(EmailAlreadyRegistered):
        users.add(user(user_id="u2"))
    assert users.by_email("ada@example.com").id == "u1"
    users.set_role("u1", Role.ADMIN)
    assert users.get("u1").is_admin
    indexes = db["users"].index_information()
    assert indexes["email_unique"]["unique"]


def test_sessions_have_a_ttl_index_but_queries_check_expiry_themselves(db, clock):
    sessions = MongoDeviceSessionRepository(db)
    sessions.add(session(clock.now()))
    ttl = db["device_sessions"].index_information()["refresh_expiry_ttl"]
    assert ttl["expireAfterSeconds"] == 0
    stored = db["device_sessions"].find_one({"_id": "d1"})
    assert "r0" not in str(stored) and stored["refresh_token_hash"] == fingerprint("r0")
    assert sessions.get("d1", clock.now()).user_agent == "test"
    clock.advance(days=30)
    assert db["device_sessions"].count_documents({}) == 1  # not swept yet...
    assert sessions.get("d1", clock.now()) is None  # ...and still not valid
    assert sessions.by_refresh_hash(fingerprint("r0"), clock.now()) is None
    assert sessions.list_for_user("u1", clock.now()) == []


def test_rotation_is_conditional_on_the_stored_refresh_hash(db, clock):
    sessions = MongoDeviceSessionRepository(db)
    sessions.add(session(clock.now()))
    now = clock.advance(minutes=16)
    assert sessions.rotate("d1", fingerprint("r0"), tokens(now, "r1"), now, claims_epoch=0)
    assert not sessions.rotate("d1", fingerprint("r0"), tokens(now, "r1-other"), now, claims_epoch=0)  # loser
    rotated = sessions.get("d1", now)
    assert rotated.refresh_token_hash == fingerprint("r1")
    assert rotated.previous_refresh_hashes == (fingerprint("r0"),)
    assert rotated.rotated_at == now and rotated.refresh_expiry == now + timedelta(days=30)
    assert sessions.by_refresh_hash(fingerprint("r0"), now).device_id == "d1"  # found for reuse detection


def test_a_mark_after_the_claims_were_read_survives_the_rotation(db, clock):
    sessions = MongoDeviceSessionRepository(db)
    sessions.add(session(clock.now()))
    sessions.add(session(clock.now(), "d2", "b", user_id="u2"))
    read = sessions.get("d1", clock.now())  # the refresh reads the session, then the claims...
    assert not read.claims_stale
    sessions.mark_claims_stale("u1")  # ...the entitlements change and the webhook marks...
    now = clock.advance(minutes=16)
    assert sessions.rotate("d1", fingerprint("r0"), tokens(now, "r1"), now, claims_epoch=read.claims_epoch)
    assert sessions.get("d1", now).claims_stale  # ...and the rotation must not wipe the mark
    assert not sessions.get("d2", now).claims_stale  # another account's session is untouched
    marked = sessions.get("d1", now)
    assert sessions.rotate("d1", fingerprint("r1"), tokens(now, "r2"), now, claims_epoch=marked.claims_epoch)
    assert not sessions.get("d1", now).claims_stale  # tokens issued after the mark clear it


def test_only_the_latest_rotated_hashes_are_kept(db, clock):
    sessions = MongoDeviceSessionRepository(db)
    sessions.add(session(clock.now()))
    for n in range(PREVIOUS_REFRESH_HASHES_KEPT + 4):
        sessions.rotate(
            "d1", fingerprint(f"r{n}"), tokens(clock.now(), f"r{n + 1}"), clock.now(), claims_epoch=0
        )
    previous = sessions.get("d1", clock.now()).previous_refresh_hashes
    assert len(previous) == PREVIOUS_REFRESH_HASHES_KEPT and previous[-1] == fingerprint(f"r{n}")


def test_deleting_is_scoped_to_the_owner(db, clock):
    sessions = MongoDeviceSessionRepository(db)
    sessions.add(session(clock.now(), "d1", "a"))
    sessions.add(session(clock.now(), "d2", "b"))
    sessions.add(session(clock.now(), "d3", "c", user_id="u2"))
    assert not sessions.delete("d3", user_id="u1")
    assert sessions.delete("d1", user_id="u1")
    assert sessions.delete_for_user("u1") == 1
    assert [s.device_id for s in sessions.list_for_user("u2", clock.now())] == ["d3"]


def test_login_failures_count_only_unexpired_ones(db, clock):
    failures = MongoLoginFailureRepository(db)
    now = clock.now()
    failures.record(["email:x", "ip:1"], now, now + timedelta(minutes=15))
    failures.record(["email:x"], now, now + timedelta(minutes=20))
    refused = failures.record(["email:x", "ip:1"], now, now + timedelta(minutes=30))
    failures.forget(refused)
    assert failures.latest_expiries("ip:1", now, 5) == [now + timedelta(minutes=15)]
    assert failures.latest_expiries("email:x", now, 5) == [
        now + timedelta(minutes=20),
        now + timedelta(minutes=15),
    ]
    assert failures.latest_expiries("email:x", now + timedelta(minutes=16), 5) == [
        now + timedelta(minutes=20)
    ]
    failures.clear("email:x")
    assert failures.latest_expiries("email:x", now, 5) == []
    assert db["login_failures"].index_information()["expires_at_ttl"]["expireAfterSeconds"] == 0


def test_an_unreachable_database_is_a_503_not_a_crash():
    client = MongoClient("mongodb://127.0.0.1:1/", serverSelectionTimeoutMS=50, connectTimeoutMS=50)
    with pytest.raises(DatabaseUnavailable):
        MongoUserRepository(client["auth_test"]).by_email("ada@example.com")
    client.close()


def test_claiming_a_stripe_customer_is_a_compare_and_set(db):
    users = MongoUserRepository(db)
    users.add(user())
    assert users.claim_stripe_customer("u1", "cus_first") == "cus_first"
    assert users.claim_stripe_customer("u1", "cus_second") == "cus_first", "the first claim wins"
    assert users.claim_stripe_customer("u1", "cus_other", replacing="cus_stale") == "cus_first"
    assert users.claim_stripe_customer("u1", "cus_new", replacing="cus_first") == "cus_new"
    assert users.get("u1").stripe_customer_id == "cus_new"
    assert users.claim_stripe_customer("nobody", "cus_x") is None
    db["users"].update_one({"_id": "u1"}, {"$unset": {"stripe_customer_id": ""}})
    assert users.claim_stripe_customer("u1", "cus_again") == "cus_again", "a missing field means unset"
