"""SnapStart: the hooks a restored snapshot runs make unique state afresh and keep connections out of it."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import mongomock
import pytest

from saas_billing.domain.auth_errors import InvalidAccessToken
from saas_billing.domain.schemas.auth.tokens import AccessClaims
from saas_billing.domain.schemas.auth.user import Role
from saas_billing.infra.db import mongo_client
from saas_billing.infra.security.service import security_factory
from saas_billing.infra.settings.app_settings import AppSettings
from saas_billing.infra.snapstart import hooks


@pytest.fixture
def local_settings(monkeypatch):
    monkeypatch.delenv("JWT_SIGNING_KEYS", raising=False)
    return AppSettings(app_stage="local", jwt_signing_keys=None)


@pytest.fixture(autouse=True)
def fresh_security_services():
    security_factory.set_security_services()
    yield
    security_factory.set_security_services()


def test_off_lambda_registering_records_the_hook_and_registers_nothing():
    assert hooks.register_after_restore is None and hooks.register_before_snapshot is None
    assert hooks.reseed_random in hooks.AFTER_RESTORE


def test_random_is_reseeded_after_a_restore():
    random.seed(1234)
    snapshot_draws = [random.random() for _ in range(4)]
    random.seed(1234)  # the state every restored environment would share
    hooks.run_after_restore()
    assert [random.random() for _ in range(4)] != snapshot_draws


def test_the_local_signing_key_is_generated_again_after_a_restore(local_settings):
    now = datetime.now(UTC).replace(microsecond=0)
    claims = AccessClaims("user-1", "device-1", Role.USER, "jti-1", now, now + timedelta(minutes=15))
    before = security_factory.get_token_codec(local_settings)
    token = before.encode_access(claims)
    assert before.decode_access(token, now) == claims
    hooks.run_after_restore()
    after = security_factory.get_token_codec(local_settings)
    assert after is not before
    assert after.jwks()["keys"][0]["kid"] != before.jwks()["keys"][0]["kid"]
    with pytest.raises(InvalidAccessToken):
        after.decode_access(token, now)  # signed with the snapshot's key, which no longer exists


def test_the_password_hasher_is_made_again_after_a_restore(local_settings):
    before = security_factory.get_password_hasher(local_settings)
    hooks.run_after_restore()
    assert security_factory.get_password_hasher(local_settings) is not before


def test_a_database_client_is_closed_before_the_snapshot():
    client = mongomock.MongoClient()
    closed = []
    client.close = lambda: closed.append(True)
    mongo_client.set_mongo_client(client)
    hooks.run_before_snapshot()
    assert closed == [True]
    assert mongo_client._client is None
