"""What only a real server shows: duplicate-key details, and TTL documents really going."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pymongo.errors import OperationFailure

from saas_billing.domain.auth_errors import EmailAlreadyRegistered
from saas_billing.domain.schemas.auth.user import Role, User
from saas_billing.domain.schemas.webhooks.stripe_event import CLAIM_LEASE, PROCESSED_RETENTION
from saas_billing.repo.mongodb.device_session_repo import MongoDeviceSessionRepository
from saas_billing.repo.mongodb.user_repo import MongoUserRepository
from saas_billing.repo.mongodb.webhook_event_repository import MongoWebhookEventRepository
from tests.fakes.clock import FakeClock
from tests.integration.test_auth_mongo_repos import session


@pytest.fixture
def wire(on_wire):
    if not on_wire:
        pytest.skip("needs a real server: the wire tier (make test runs it)")


def test_a_duplicate_key_error_names_the_key_and_the_value(wire, database):
    users = MongoUserRepository(database)
    users.add(User("u1", "ada@example.com", "hash", Role.USER, created_at=None))
    with pytest.raises(EmailAlreadyRegistered) as refused:
        users.add(User("u2", "ada@example.com", "hash", Role.USER, created_at=None))
    details = refused.value.__cause__.details
    assert details["keyPattern"] == {"email": 1}
    assert details["keyValue"] == {"email": "ada@example.com"}


def test_the_servers_ttl_pass_removes_expired_documents_and_keeps_live_ones(wire, database, mongo_client):
    now = FakeClock().now()
    ledger = MongoWebhookEventRepository(database)
    long_ago = now - PROCESSED_RETENTION - timedelta(hours=1)
    ledger.claim("evt_expired", "invoice.paid", long_ago, long_ago + CLAIM_LEASE)
    ledger.claim("evt_live", "invoice.paid", now, now + CLAIM_LEASE)
    sessions = MongoDeviceSessionRepository(database)
    sessions.add(session(now - timedelta(days=31), device_id="d_expired"))
    sessions.add(session(now, device_id="d_live", refresh="r1"))
    try:
        pruned = mongo_client.admin.command("secantusAdmin.pruneTtl")["pruned"]
    except OperationFailure:
        pytest.skip("this server has no command to run its TTL pass now (mongod sweeps every 60 s)")
    assert pruned == 2
    assert [d["stripe_event_id"] for d in database["stripe_webhook_events"].find()] == ["evt_live"]
    assert [d["_id"] for d in database["device_sessions"].find()] == ["d_live"]
