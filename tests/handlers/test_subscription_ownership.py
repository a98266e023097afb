"""Ownership through the handlers: a user reaches only their own subscriptions and customer.

Someone else's ids answer exactly like unknown ones (404), so they cannot be probed; an admin reaches all.
"""

from __future__ import annotations

import pytest

from scripts.make_event import http_api_event
from tests.support.accounts import access_token, subscribe, user_id
from tests.support.lambda_events import invoke


@pytest.fixture
def handler(gateway, mongo_client):
    from subscriptions_handler import handler

    return handler


@pytest.fixture
def ada(gateway, mongo_client):
    token = access_token("ada@example.com")
    return token, subscribe(gateway, token)


@pytest.fixture
def eve(mongo_client):
    return access_token("eve@example.com")


def call(handler, method, path, token, query=None, body=None):
    headers = {"authorization": f"Bearer {token}"}
    if body is not None:
        headers["content-type"] = "application/json"
    return invoke(handler, http_api_event(method, path, query=query, headers=headers, body=body))


def test_the_owner_lists_reads_and_cancels_their_subscription(handler, ada):
    token, subscription = ada
    listed = call(handler, "GET", "/v1/subscriptions", token).json()["data"]
    assert [s["id"] for s in listed] == [subscription["id"]]
    assert call(handler, "GET", f"/v1/subscriptions/{subscription['id']}", token).json()["status"] == "active"
    canceled = call(handler, "DELETE", f"/v1/subscriptions/{subscription['id']}", token)
    assert canceled.status == 200 and canceled.json()["status"] == "canceled"


def test_another_users_subscription_is_not_found_for_reading_or_canceling(handler, gateway, ada, eve):
    _, subscription = ada
    path = f"/v1/subscriptions/{subscription['id']}"
    read = call(handler, "GET", path, eve)
    cancel = call(handler, "DELETE", path, eve, query={"at_period_end": "true"})
    unknown = call(handler, "GET", "/v1/subscriptions/sub_unknown", eve)
    assert (read.status, cancel.status, unknown.status) == (404, 404, 404)
    assert read.json()["detail"] == f"No saved subscription '{subscription['id']}'"
    assert gateway.state.subscriptions[subscription["id"]]["status"] == "active"
    assert gateway.state.subscriptions[subscription["id"]]["cancel_at_period_end"] is False
    assert call(handler, "GET", "/v1/subscriptions", eve).json()["data"] == []
    filtered = call(handler, "GET", "/v1/subscriptions", eve, query={"customer_id": subscription["customer"]})
    assert filtered.json()["data"] == []


def test_everyones_subscriptions_are_listed_for_an_admin_only(handler, gateway, ada, eve):
    _, subscription = ada
    assert call(handler, "GET", "/v1/subscriptions", eve, query={"scope": "all"}).status == 403
    admin = access_token("root@example.com", admin=True)
    everyone = call(handler, "GET", "/v1/subscriptions", admin, query={"scope": "all"}).json()["data"]
    assert [s["id"] for s in everyone] == [subscription["id"]]
    assert call(handler, "GET", "/v1/subscriptions", admin).json()["data"] == []  # their own by default
    path = f"/v1/subscriptions/{subscription['id']}"
    assert call(handler, "GET", path, admin).status == 200
    assert call(handler, "DELETE", path, admin).json()["status"] == "canceled"


def test_the_portal_opens_for_the_own_customer_only(handler, gateway, ada, eve):
    token, subscription = ada
    own = call(handler, "POST", "/v1/billing/portal", token)
    assert own.status == 200, own.text
    named = call(
        handler, "POST", "/v1/billing/portal", token, body=f'{{"customer_id": "{subscription["customer"]}"}}'
    )
    assert named.status == 200
    assert {s["customer"] for s in gateway.state.portal_sessions.values()} == {subscription["customer"]}

    stolen = call(
        handler, "POST", "/v1/billing/portal", eve, body=f'{{"customer_id": "{subscription["customer"]}"}}'
    )
    assert stolen.status == 404 and subscription["customer"] in stolen.json()["detail"]
    unknown = call(handler, "POST", "/v1/billing/portal", eve, body='{"customer_id": "cus_unknown"}')
    assert unknown.json() == {"detail": "No such customer: 'cus_unknown'"}
    assert len(gateway.state.portal_sessions) == 2


def test_an_admin_opens_the_portal_for_any_customer(handler, gateway, ada):
    _, subscription = ada
    admin = access_token("root@example.com", admin=True)
    body = f'{{"customer_id": "{subscription["customer"]}"}}'
    assert call(handler, "POST", "/v1/billing/portal", admin, body=body).status == 200
    assert call(handler, "POST", "/v1/billing/portal", admin).status == 404  # no customer of their own


def test_me_shows_the_customer_and_the_current_subscription(gateway, mongo_client, ada):
    from auth_handler import handler as auth

    token, subscription = ada
    me = invoke(
        auth, http_api_event("GET", "/v1/auth/me", headers={"authorization": f"Bearer {token}"})
    ).json()
    assert me["stripe_customer_id"] == subscription["customer"]
    summary = me["subscription"]
    assert summary["id"] == subscription["id"] and summary["status"] == "active"
    assert (summary["price_id"], summary["product_id"]) == ("price_pro_monthly", "prod_pro")
    assert summary["cancel_at_period_end"] is False and summary["current_period_end"]
    assert me["id"] == user_id(token)


def test_me_shows_the_live_subscription_and_none_once_it_is_canceled(handler, gateway, mongo_client, ada):
    from auth_handler import handler as auth

    token, first = ada

    def current():
        event = http_api_event("GET", "/v1/auth/me", headers={"authorization": f"Bearer {token}"})
        return invoke(auth, event).json()["subscription"]

    assert current()["id"] == first["id"]
    call(handler, "DELETE", f"/v1/subscriptions/{first['id']}", token)
    assert current() is None
    second = subscribe(gateway, token, "price_starter_monthly")  # allowed again once the first ended
    assert current()["id"] == second["id"] != first["id"]
