"""Service API keys with fakes: shown once, hashed, scoped, revoked at once, throttled per key, last use
written at most once a minute."""

from __future__ import annotations

from dataclasses import replace

import pytest

from saas_billing.domain.api_key_errors import (
    ApiKeyNotFound,
    ApiKeyScopeMissing,
    ApiKeyThrottled,
    InvalidApiKey,
    UnknownScope,
)
from saas_billing.domain.schemas.api_keys.api_key import ENTITLEMENTS_READ
from saas_billing.domain.schemas.auth.fingerprint import fingerprint
from saas_billing.usecase.api_keys.authenticate_api_key import AuthenticateApiKey, KeyRateLimit
from saas_billing.usecase.api_keys.key_material import key_id_of
from saas_billing.usecase.api_keys.manage_api_keys import CreateApiKey, ListApiKeys, RevokeApiKey
from tests.fakes.api_key_repository import InMemoryApiKeyRepository, InMemoryRequestCounterRepository
from tests.fakes.clock import FakeClock


@pytest.fixture
def keys() -> InMemoryApiKeyRepository:
    return InMemoryApiKeyRepository()


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()


def authenticator(keys, clock, max_requests=100) -> AuthenticateApiKey:
    return AuthenticateApiKey(keys, InMemoryRequestCounterRepository(), clock, KeyRateLimit(max_requests))


def create(keys, clock, scopes=(ENTITLEMENTS_READ,)):
    return CreateApiKey(keys, clock).execute("reports", list(scopes), "admin_1")


def test_a_key_is_prefixed_random_and_stored_only_as_its_hash(keys, fake_clock):
    issued = create(keys, fake_clock)
    other = create(keys, fake_clock)
    assert issued.key.startswith(f"sbk_{issued.api_key.key_id}_") and issued.key != other.key
    assert not issued.key.startswith(("sk_", "pk_", "rk_", "whsec_"))
    assert key_id_of(issued.key) == issued.api_key.key_id
    stored = keys.get(issued.api_key.key_id)
    assert stored.secret_hash == fingerprint(issued.key)
    assert issued.key not in repr(stored) and issued.key not in repr(issued)
    assert issued.key.rsplit("_", 1)[1] not in str(vars(stored))
    assert (stored.name, stored.scopes, stored.created_by) == ("reports", (ENTITLEMENTS_READ,), "admin_1")


def test_the_list_never_holds_a_key_value(keys, fake_clock):
    issued = create(keys, fake_clock)
    listed = ListApiKeys(keys).execute()
    assert [k.key_id for k in listed] == [issued.api_key.key_id]
    assert issued.key not in str(listed)


@pytest.mark.parametrize("scopes", [("customers:write",), (ENTITLEMENTS_READ, "admin"), ()])
def test_unknown_or_no_scopes_are_refused(keys, fake_clock, scopes):
    with pytest.raises(UnknownScope):
        create(keys, fake_clock, scopes)
    assert keys.saved == {}


def test_a_valid_key_authenticates_and_anything_else_is_the_same_401(keys, fake_clock):
    issued = create(keys, fake_clock)
    authenticate = authenticator(keys, fake_clock)
    assert authenticate.execute(issued.key, ENTITLEMENTS_READ).key_id == issued.api_key.key_id
    wrong_secret = issued.key[:-1] + ("A" if issued.key[-1] != "A" else "B")
    unknown_id = "sbk_" + "0" * 16 + issued.key[-44:]
    for presented in (
        wrong_secret,
        unknown_id,
        "sbk_",
        "sbk_short_x",
        issued.key + "x",
        "Bearer " + issued.key,
    ):
        with pytest.raises(InvalidApiKey):
            authenticate.execute(presented, ENTITLEMENTS_READ)


def test_revocation_is_immediate(keys, fake_clock):
    issued = create(keys, fake_clock)
    authenticate = authenticator(keys, fake_clock)
    authenticate.execute(issued.key, ENTITLEMENTS_READ)
    revoked = RevokeApiKey(keys, fake_clock).execute(issued.api_key.key_id)
    assert revoked.revoked_at == fake_clock.now()
    with pytest.raises(InvalidApiKey):
        authenticate.execute(issued.key, ENTITLEMENTS_READ)
    fake_clock.advance(minutes=5)
    assert RevokeApiKey(keys, fake_clock).execute(issued.api_key.key_id).revoked_at == revoked.revoked_at
    with pytest.raises(ApiKeyNotFound):
        RevokeApiKey(keys, fake_clock).execute("0" * 16)


def test_a_key_without_the_scope_is_forbidden(keys, fake_clock):
    issued = create(keys, fake_clock)
    keys.saved[issued.api_key.key_id] = replace(issued.api_key, scopes=())
    with pytest.raises(ApiKeyScopeMissing, match="entitlements:read"):
        authenticator(keys, fake_clock).execute(issued.key, ENTITLEMENTS_READ)


def test_past_the_limit_a_window_is_refused_until_the_next_one(keys, fake_clock):
    issued, other = create(keys, fake_clock), create(keys, fake_clock)
    authenticate = authenticator(keys, fake_clock, max_requests=3)
    fake_clock.current = fake_clock.current.replace(second=20)
    for _ in range(3):
        authenticate.execute(issued.key, ENTITLEMENTS_READ)
    with pytest.raises(ApiKeyThrottled) as refused:
        authenticate.execute(issued.key, ENTITLEMENTS_READ)
    assert refused.value.retry_after_seconds == 40  # the window ends on the minute
    authenticate.execute(other.key, ENTITLEMENTS_READ)  # per key: another key is not held back
    fake_clock.advance(seconds=40)
    authenticate.execute(issued.key, ENTITLEMENTS_READ)


def test_last_use_is_written_at_most_once_a_minute(keys, fake_clock):
    issued = create(keys, fake_clock)
    authenticate = authenticator(keys, fake_clock)
    first = fake_clock.now()
    for _ in range(5):
        authenticate.execute(issued.key, ENTITLEMENTS_READ)
        fake_clock.advance(seconds=10)
    assert keys.get(issued.api_key.key_id).last_used_at == first and keys.touches == 1
    fake_clock.advance(seconds=10)  # a minute after the first use
    authenticate.execute(issued.key, ENTITLEMENTS_READ)
    assert keys.get(issued.api_key.key_id).last_used_at == fake_clock.now() and keys.touches == 2
