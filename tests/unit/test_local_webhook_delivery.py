"""Offline `make dev`: paying on the stand-in page also delivers a signed checkout.session.completed."""

from __future__ import annotations

import asyncio

import pytest

from saas_billing.domain.schemas.billing.checkout import CheckoutRequest
from saas_billing.infra.external_api.service.in_memory.gateway import InMemoryGateway
from saas_billing.infra.settings.loader import get_settings
from scripts.dev_server import build_dev_app
from scripts.local_webhook_delivery import deliver_stripe_event


@pytest.fixture
def app(gateway, mongo_client):
    return build_dev_app()


def deliver(app, event) -> int:
    loop = asyncio.new_event_loop()  # not asyncio.run: it unsets the loop Mangum later asks for
    try:
        return loop.run_until_complete(deliver_stripe_event(app, event))
    finally:
        loop.close()


def open_session(gateway: InMemoryGateway) -> str:
    request = CheckoutRequest(
        price_id="price_pro_monthly",
        success_url="http://dev/v1/checkout/success?session_id={CHECKOUT_SESSION_ID}",
        cancel_url="http://dev/v1/checkout/cancel",
        customer_email="grace@example.com",
        idempotency_key="k1",
    )
    return gateway.create_checkout_session(request).id


def test_the_event_is_signed_verified_and_recorded_once(app, gateway, mongo_client):
    event = gateway.complete_checkout(open_session(gateway), "grace@example.com")
    assert deliver(app, event) == 200
    database = mongo_client[get_settings().mongodb_database]
    ledger = database["stripe_webhook_events"].find_one({"stripe_event_id": event["id"]})
    assert ledger is not None and ledger["status"] == "processed"
    saved = database["subscriptions"].find_one(
        {"stripe_subscription_id": event["data"]["object"]["subscription"]}
    )
    assert saved is not None and saved["status"] == "active"
    assert deliver(app, event) == 200, "a redelivery is acknowledged"
    assert database["subscriptions"].count_documents({}) == 1


def test_a_wrong_secret_would_be_refused(app, gateway, monkeypatch):
    event = gateway.complete_checkout(open_session(gateway), "grace@example.com")
    monkeypatch.setattr(
        "scripts.local_webhook_delivery.webhook_secrets_for", lambda _settings: ["whsec_other"]
    )
    assert deliver(app, event) == 400


def test_paying_on_the_stand_in_page_delivers_the_webhook_after_the_redirect(app, gateway, mongo_client):
    from fastapi.testclient import TestClient

    session_id = open_session(gateway)
    paid = TestClient(app, follow_redirects=False).post(f"/_local/stripe/checkout/{session_id}/pay")
    assert paid.status_code == 303
    completed = next(e for e in gateway.state.events if e["type"] == "checkout.session.completed")
    ledger = mongo_client[get_settings().mongodb_database]["stripe_webhook_events"]
    assert ledger.find_one({"stripe_event_id": completed["id"]})["status"] == "processed"
