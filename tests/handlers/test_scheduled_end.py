"""A subscription scheduled to end on a date (Stripe's `cancel_at`) shows "Ends on" wherever renewal is
shown: the success page, /v1/auth/me and the subscriptions API."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from scripts.make_event import http_api_event
from tests.support.accounts import access_token, subscribe
from tests.support.lambda_events import invoke

IN_TEN_DAYS = int(time.time()) + 10 * 86400


def get(handler, path, token, query=None):
    event = http_api_event("GET", path, query=query, headers={"authorization": f"Bearer {token}"})
    response = invoke(handler, event)
    assert response.status == 200, response.text
    return response


@pytest.fixture
def ada(gateway, mongo_client):
    token = access_token("ada@example.com")
    return token, subscribe(gateway, token)


def long_date(epoch: int) -> str:
    day = datetime.fromtimestamp(epoch, UTC)
    return f"{day:%B} {day.day}, {day.year}"


def test_the_success_page_says_ends_on_the_scheduled_date(gateway, ada):
    from checkout_handler import handler as checkout

    token, subscription = ada
    gateway.schedule_cancellation(subscription["id"], IN_TEN_DAYS)
    [session_id] = gateway.state.checkout_sessions
    page = get(checkout, "/v1/checkout/success", token, {"session_id": session_id}).text
    assert "Ends on" in page and long_date(IN_TEN_DAYS) in page and "Renews on" not in page


def test_me_and_the_subscriptions_api_show_when_it_ends(gateway, ada):
    from auth_handler import handler as auth
    from checkout_handler import handler as checkout
    from subscriptions_handler import handler as subscriptions

    token, subscription = ada
    summary = get(auth, "/v1/auth/me", token).json()["subscription"]
    assert summary["cancel_at"] is None and summary["ends_at"] is None, "renewing"
    gateway.schedule_cancellation(subscription["id"], IN_TEN_DAYS)
    [session_id] = gateway.state.checkout_sessions
    get(checkout, "/v1/checkout/success", token, {"session_id": session_id})  # records Stripe's view
    summary = get(auth, "/v1/auth/me", token).json()["subscription"]
    full = get(subscriptions, f"/v1/subscriptions/{subscription['id']}", token).json()
    for shown in (summary, full):
        assert datetime.fromisoformat(shown["cancel_at"]).timestamp() == IN_TEN_DAYS
        assert shown["ends_at"] == shown["cancel_at"] and shown["cancel_at_period_end"] is False
