"""The subscriptions function's events, sent through its Mangum handler (offline local stage)."""

from __future__ import annotations

import pytest

from tests.support.lambda_events import invoke, load_event
from tests.support.stages import use_deployed_stage


@pytest.fixture
def handler(gateway, mongo_client):
    from subscriptions_handler import handler

    return handler


def check_detail_mentions(*words):
    def check(body):
        assert all(word in str(body["detail"]) for word in words), body

    return check


EMPTY_PAGE = {"data": [], "has_more": False}
EXPECTED = {
    "subscriptions/list_subscriptions.json": (200, lambda body: body == EMPTY_PAGE),
    "subscriptions/list_active_for_customer.json": (200, lambda body: body == EMPTY_PAGE),
    # State-dependent: nothing is saved or known under these ids in a fresh stage, so 404 is expected.
    "subscriptions/get_subscription_unknown.json": (404, check_detail_mentions("sub_unknown")),
    "subscriptions/cancel_subscription_unknown.json": (404, check_detail_mentions("sub_unknown")),
    "subscriptions/open_portal_unknown_customer.json": (404, check_detail_mentions("cus_unknown")),
    "subscriptions/cancel_subscription_bad_id.json": (400, check_detail_mentions("sub_")),
    "subscriptions/open_portal_bad_id.json": (400, check_detail_mentions("cus_")),
}


@pytest.mark.parametrize("event_path", sorted(EXPECTED))
def test_subscriptions_events(handler, event_path):
    status, check = EXPECTED[event_path]
    response = invoke(handler, load_event(event_path))
    assert response.status == status, response.text
    assert response.headers["content-type"] == "application/json"
    assert check(response.json()) is not False


def test_portal_for_a_known_customer_returns_to_the_pricing_page(handler, gateway):
    customer = gateway.create_customer("Ada", "ada@example.com", "key-1")
    event = load_event("subscriptions/open_portal_unknown_customer.json")
    event["body"] = f'{{"customer_id": "{customer.id}"}}'
    response = invoke(handler, event)
    assert response.status == 200, response.text
    session = next(iter(gateway.state.portal_sessions.values()))
    assert session["return_url"] == "https://api.example.com/pricing"
    assert response.json()["url"] == session["url"]


@pytest.mark.parametrize("event_path", sorted(EXPECTED))
def test_every_route_needs_sign_in_in_a_deployed_stage(handler, event_path, monkeypatch):
    use_deployed_stage(monkeypatch)
    response = invoke(handler, load_event(event_path))
    assert response.status == 403, response.text
    assert "sign-in" in response.json()["detail"]
