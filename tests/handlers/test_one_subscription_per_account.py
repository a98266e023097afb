"""One subscription per account through the handlers: a second checkout is refused (409 for JSON, the
account page for the form), two at once leave at most one payable session, and a second payment that
still gets through is recorded and flagged, never dropped."""

from __future__ import annotations

import asyncio
import json
import threading

import pytest

from saas_billing.infra.external_api.service.in_memory.subscriptions import add_subscription
from scripts.make_event import http_api_event
from tests.support.accounts import access_token, subscribe, user_id
from tests.support.lambda_events import invoke
from tests.support.webhooks import delivery

JSON = {"content-type": "application/json", "accept": "application/json"}


@pytest.fixture
def checkout(gateway, mongo_client):
    from checkout_handler import handler

    return handler


@pytest.fixture
def token(checkout):
    return access_token("ada@example.com")


def start(
    handler, token: str, price_id: str = "price_pro_monthly", key: str | None = None, form: bool = False
):
    headers = {"authorization": f"Bearer {token}"}
    if form:
        headers["content-type"] = "application/x-www-form-urlencoded"
        headers["accept"] = "text/html,application/xhtml+xml"  # a browser's form post, not a JSON client
        body = f"price_id={price_id}&request_token={key or 'page-1'}"
    else:
        headers.update(JSON, **({"idempotency-key": key} if key else {}))
        body = json.dumps({"price_id": price_id})
    return invoke(handler, http_api_event("POST", "/v1/checkout/sessions", headers=headers, body=body))


def open_sessions(gateway) -> list[str]:
    return [s["id"] for s in gateway.state.checkout_sessions.values() if s["status"] == "open"]


def test_a_subscriber_gets_409_with_the_subscription_id_and_the_form_goes_to_the_account_page(checkout, gateway, token):  # fmt: skip
    subscription = subscribe(gateway, token)
    sessions_before = len(gateway.state.checkout_sessions)
    refused = start(checkout, token, "price_starter_monthly", key="another")
    assert refused.status == 409, refused.text
    assert subscription["id"] in refused.json()["detail"] and "change its plan" in refused.json()["detail"]
    form = start(checkout, token, "price_starter_monthly", form=True)
    assert (form.status, form.headers["location"]) == (303, "/account?notice=already-subscribed")
    assert len(gateway.state.checkout_sessions) == sessions_before, "no session opened"


def test_after_the_subscription_is_canceled_the_account_may_subscribe_again(checkout, gateway, token):
    from subscriptions_handler import handler as subscriptions

    subscription = subscribe(gateway, token)
    headers = {"authorization": f"Bearer {token}"}
    event = http_api_event("DELETE", f"/v1/subscriptions/{subscription['id']}", headers=headers)
    assert invoke(subscriptions, event).json()["status"] == "canceled"
    assert start(checkout, token, "price_starter_monthly", key="again").status == 200


def test_a_new_checkout_expires_the_previous_open_session_so_only_the_latest_can_be_paid(checkout, gateway, token):  # fmt: skip
    first = start(checkout, token, "price_pro_monthly", key="tab-1").json()
    second = start(checkout, token, "price_starter_monthly", key="tab-2").json()
    assert first["id"] != second["id"]
    assert gateway.state.checkout_sessions[first["id"]]["status"] == "expired"
    assert open_sessions(gateway) == [second["id"]]


def test_a_double_click_gets_the_same_session(checkout, gateway, token):
    first = start(checkout, token, form=True).headers["location"]
    again = start(checkout, token, form=True).headers["location"]
    assert first == again and len(open_sessions(gateway)) == 1


def test_a_session_paid_but_not_recorded_yet_refuses_the_next_checkout(checkout, gateway, token):
    first = start(checkout, token, "price_pro_monthly", key="tab-1").json()
    gateway.complete_checkout(first["id"])  # paid; neither the webhook nor the success page has run
    refused = start(checkout, token, "price_starter_monthly", key="tab-2")
    subscription_id = gateway.state.checkout_sessions[first["id"]]["subscription"]
    assert refused.status == 409 and subscription_id in refused.json()["detail"]
    assert open_sessions(gateway) == []


def test_two_checkouts_at_once_leave_at_most_one_payable_session(checkout, gateway, token):
    barrier = threading.Barrier(4)
    answers: list = []

    def buy(key: str) -> None:
        asyncio.set_event_loop(asyncio.new_event_loop())  # Mangum runs the app on the thread's loop
        barrier.wait()
        answers.append(start(checkout, token, "price_pro_monthly", key=key))

    threads = [threading.Thread(target=buy, args=(f"tab-{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert {a.status for a in answers} <= {200, 409}, [a.text for a in answers]
    assert any(a.status == 200 for a in answers)
    assert len(open_sessions(gateway)) == 1, "every other session is refused or expired"
    for refused in (a for a in answers if a.status == 409):
        assert "checkout for this account is starting" in refused.json()["detail"]


def test_a_second_payment_from_stripe_is_recorded_and_flagged_for_attention(gateway, mongo_client, token, caplog):  # fmt: skip
    from subscriptions_handler import handler as subscriptions
    from webhooks_handler import handler as webhooks

    first = subscribe(gateway, token)
    account_id = user_id(token)
    customer_id = first["customer"]
    # A stale session paid in another tab: Stripe creates a second subscription and tells us.
    with gateway.state.lock:
        second = add_subscription(
            gateway.state,
            customer_id,
            gateway.state.prices["price_starter_monthly"],
            {"account_id": account_id},
        )
    created = next(e for e in gateway.state.events if e["data"]["object"].get("id") == second["id"])
    assert invoke(webhooks, delivery(created)).status == 200
    assert "paid for a second subscription" in caplog.text

    listing = invoke(
        subscriptions,
        http_api_event("GET", "/v1/subscriptions", headers={"authorization": f"Bearer {token}"}),
    ).json()["data"]
    flagged = {s["id"]: s["attention"] for s in listing}
    assert flagged[first["id"]] is None and first["id"] in flagged[second["id"]], "recorded, never dropped"
    admin = access_token("ops@example.com", admin=True)
    everyone = http_api_event(
        "GET", "/v1/subscriptions", query={"scope": "all"}, headers={"authorization": f"Bearer {admin}"}
    )
    assert [s["id"] for s in invoke(subscriptions, everyone).json()["data"] if s["attention"]] == [
        second["id"]
    ]
    page = invoke(
        subscriptions, http_api_event("GET", "/account", headers={"authorization": f"Bearer {token}"})
    )
    assert page.status == 200 and 'id="attention"' in page.text
