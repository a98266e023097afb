"""Service API keys through the customers function's Mangum handler: an admin creates, lists and revokes
them; a backend reads an account's entitlements with one. Entitlements come from the contract's in-memory
fake (the edge's builder is overridden), everything else from the local stage's database."""

from __future__ import annotations

import pytest

from saas_billing.domain.schemas.entitlements.account_entitlements import EntitlementSnapshot
from saas_billing.routes.depends.service_entitlements_dep import entitlement_repository_dependency
from tests.fakes.clock import FakeClock
from tests.fakes.entitlement_repository import InMemoryEntitlementRepository
from tests.support.accounts import access_token, bearer, signed_in_event, subscribe, user_id
from tests.support.lambda_events import invoke, load_event

KEY_PLACEHOLDER = "Bearer SERVICE_API_KEY"
ENTITLEMENTS_EVENT = "customers/get_account_entitlements_unknown_account.json"


@pytest.fixture
def entitlements(gateway, mongo_client):
    from customers_handler import app

    fake = InMemoryEntitlementRepository()
    app.dependency_overrides[entitlement_repository_dependency] = lambda: fake
    yield fake
    app.dependency_overrides.pop(entitlement_repository_dependency)


@pytest.fixture
def handler(entitlements):
    from customers_handler import handler

    return handler


def admin_token() -> str:
    return access_token("keys-admin@example.com", admin=True)


def create_key(handler, token: str, name: str = "recommendations backend") -> dict:
    event = bearer(load_event("customers/create_api_key.json"), token)
    event["body"] = f'{{"name": "{name}", "scopes": ["entitlements:read"]}}'
    response = invoke(handler, event)
    assert response.status == 201, response.text
    return response.json()


def with_key(event: dict, handler) -> dict:
    """The event with the service key placeholder replaced by a fresh key's value."""
    if event["headers"].get("authorization") == KEY_PLACEHOLDER:
        return bearer(event, create_key(handler, admin_token())["key"])
    return event


def entitlements_of(account_id: str, key: str) -> dict:
    event = bearer(load_event(ENTITLEMENTS_EVENT), key)
    path = f"/v1/accounts/{account_id}/entitlements"
    event["rawPath"] = event["requestContext"]["http"]["path"] = path
    event["pathParameters"] = {"account_id": account_id}
    return event


def detail_mentions(*words):
    return lambda body: all(word in body["detail"] for word in words) or body


EXPECTED = {
    "customers/create_api_key.json": (201, lambda body: body["key"].startswith(f"sbk_{body['id']}_")),
    "customers/create_api_key_unknown_scope.json": (422, detail_mentions("scopes", "entitlements:read")),
    "customers/create_api_key_as_user.json": (403, detail_mentions("Administrator role required")),
    "customers/list_api_keys.json": (200, lambda body: body == {"data": []}),
    "customers/list_api_keys_anonymous.json": (401, detail_mentions("Not authenticated")),
    "customers/revoke_api_key_unknown.json": (404, detail_mentions("API key not found")),
    "customers/get_account_entitlements_unknown_account.json": (404, detail_mentions("Account not found")),
    "customers/get_account_entitlements_no_key.json": (401, detail_mentions("Bearer sbk_")),
    "customers/get_account_entitlements_user_token.json": (401, detail_mentions("not a user's token")),
    "customers/get_account_entitlements_unknown_key.json": (
        401,
        detail_mentions("Invalid or revoked API key"),
    ),
}


@pytest.mark.parametrize("event_path", sorted(EXPECTED))
def test_api_key_events(handler, event_path):
    status, check = EXPECTED[event_path]
    response = invoke(handler, with_key(signed_in_event(load_event(event_path)), handler))
    assert response.status == status, response.text
    assert response.headers["content-type"] == "application/json"
    assert check(response.json()) is True


def test_a_key_is_shown_once_and_answers_for_any_account(handler, entitlements, gateway):
    token = admin_token()
    created = create_key(handler, token)
    assert set(created) >= {"id", "name", "prefix", "scopes", "created_at", "last_used_at", "revoked_at"}
    assert created["prefix"] == f"sbk_{created['id']}_" and created["last_used_at"] is None
    listed = invoke(handler, bearer(load_event("customers/list_api_keys.json"), token))
    assert [key["id"] for key in listed.json()["data"]] == [created["id"]]
    assert "key" not in listed.json()["data"][0] and created["key"] not in listed.text

    customer_token = access_token("ada@example.com")
    account = user_id(customer_token)
    subscription = subscribe(gateway, customer_token)
    entitlements.apply(EntitlementSnapshot(subscription["customer"], ("projects.unlimited", "support.priority"),
                                           observed_at=1.0, account_id=account), FakeClock().now())  # fmt: skip
    answer = invoke(handler, entitlements_of(account, created["key"]))
    assert answer.status == 200, answer.text
    assert answer.json() == {
        "account_id": account,
        "plan": subscription["items"]["data"][0]["price"]["product"],
        "price_id": "price_pro_monthly",
        "status": "active",
        "features": ["projects.unlimited", "support.priority"],
        "revision": 1,
    }
    used = invoke(handler, bearer(load_event("customers/list_api_keys.json"), token)).json()["data"][0]
    assert used["last_used_at"] is not None


def test_an_account_without_entitlements_has_no_plan_and_no_features(handler):
    key = create_key(handler, admin_token())["key"]
    account = user_id(access_token("bob@example.com"))
    answer = invoke(handler, entitlements_of(account, key)).json()
    assert answer == {"account_id": account, "plan": None, "price_id": None, "status": None, "features": [],
                      "revision": 0}  # fmt: skip


def test_revocation_is_immediate(handler):
    token = admin_token()
    created = create_key(handler, token)
    account = user_id(access_token("carol@example.com"))
    assert invoke(handler, entitlements_of(account, created["key"])).status == 200
    revoke = bearer(load_event("customers/revoke_api_key_unknown.json"), token)
    revoke["rawPath"] = revoke["requestContext"]["http"]["path"] = f"/v1/api-keys/{created['id']}"
    revoke["pathParameters"] = {"key_id": created["id"]}
    revoked = invoke(handler, revoke)
    assert revoked.status == 200 and revoked.json()["revoked_at"] is not None
    refused = invoke(handler, entitlements_of(account, created["key"]))
    assert refused.status == 401 and refused.json()["detail"] == "Invalid or revoked API key"
    assert refused.headers["www-authenticate"] == "Bearer"
    listed = invoke(handler, bearer(load_event("customers/list_api_keys.json"), token)).json()["data"]
    assert listed[0]["revoked_at"] == revoked.json()["revoked_at"]


def test_a_key_without_the_scope_is_forbidden(handler):
    from saas_billing.infra.db.mongo_client import get_database
    from saas_billing.infra.settings.loader import get_settings
    from saas_billing.repo.mongodb.api_key_repository import COLLECTION

    created = create_key(handler, admin_token())
    get_database(get_settings())[COLLECTION].update_one({"_id": created["id"]}, {"$set": {"scopes": []}})
    refused = invoke(handler, entitlements_of(user_id(access_token("dan@example.com")), created["key"]))
    assert (
        refused.status == 403
        and refused.json()["detail"] == "This API key lacks the scope 'entitlements:read'"
    )


def test_a_key_is_throttled_per_window_with_retry_after(handler, clock, monkeypatch):
    from saas_billing.infra.settings.loader import reset_settings

    monkeypatch.setenv("API_KEY_MAX_REQUESTS_PER_MINUTE", "3")
    reset_settings()
    clock.current = clock.current.replace(second=15)
    token = admin_token()
    key, other = create_key(handler, token)["key"], create_key(handler, token, "other")["key"]
    account = user_id(access_token("erin@example.com"))
    assert [invoke(handler, entitlements_of(account, key)).status for _ in range(3)] == [200] * 3
    refused = invoke(handler, entitlements_of(account, key))
    assert refused.status == 429 and refused.headers["retry-after"] == "45", refused.text
    assert invoke(handler, entitlements_of(account, other)).status == 200
    clock.advance(seconds=45)
    assert invoke(handler, entitlements_of(account, key)).status == 200


def test_a_key_is_not_a_user_token_and_a_user_token_is_not_a_key(handler):
    from auth_handler import handler as auth

    token = admin_token()
    key = create_key(handler, token)["key"]
    as_admin = invoke(handler, bearer(load_event("customers/list_api_keys.json"), key))
    assert as_admin.status == 401
    me = invoke(auth, bearer(load_event("auth/me_as_user.json"), key))
    assert me.status == 401
    account = user_id(access_token("frank@example.com"))
    as_key = invoke(handler, entitlements_of(account, token))
    assert as_key.status == 401 and "not a user's token" in as_key.json()["detail"]
    other_header = entitlements_of(account, key)
    other_header["headers"]["x-api-key"] = (
        other_header["headers"].pop("authorization").removeprefix("Bearer ")
    )
    refused = invoke(handler, other_header)
    assert refused.status == 401 and "X-Api-Key is not read" in refused.json()["detail"]
