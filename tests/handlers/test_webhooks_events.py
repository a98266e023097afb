"""The webhooks function's sample events, re-signed now and sent through its Mangum handler."""

from __future__ import annotations

import json

import pytest
import stripe

from saas_billing.infra.settings.webhook_secrets import LOCAL_WEBHOOK_SECRET
from tests.support.lambda_events import EVENTS_DIR, invoke, load_event
from tests.support.webhooks import delivery, signed_sample, stripe_event


@pytest.fixture
def handler(gateway, mongo_client):
    from webhooks_handler import handler

    return handler


def applied(body):
    assert body["received"] is True and body["result"] == "applied"


def ignored(body):
    assert body["result"] == "ignored"


EXPECTED = {
    "webhooks/01_customer_subscription_updated.json": (200, applied),
    "webhooks/02_customer_subscription_created.json": (200, applied),
    "webhooks/03_customer_subscription_deleted.json": (200, applied),
    "webhooks/04_invoice_paid.json": (200, applied),
    "webhooks/05_invoice_payment_failed.json": (200, applied),
    "webhooks/06_customer_subscription_trial_will_end.json": (200, applied),
    "webhooks/07_customer_deleted.json": (200, applied),
    "webhooks/08_ignored_payment_intent_created.json": (200, ignored),
}


def test_every_sample_event_has_an_expectation():
    assert sorted(EXPECTED) == sorted(f"webhooks/{p.name}" for p in (EVENTS_DIR / "webhooks").glob("*.json"))


@pytest.mark.parametrize("event_path", sorted(EXPECTED))
def test_webhooks_events(handler, event_path):
    status, check = EXPECTED[event_path]
    response = invoke(handler, signed_sample(event_path))
    assert response.status == status, response.text
    assert response.headers["content-type"] == "application/json"
    check(response.json())


@pytest.mark.parametrize("event_path", sorted(EXPECTED))
def test_committed_samples_are_signed_with_the_local_secret(event_path):
    """Valid apart from their age, so `make sign-event` or the bench only has to refresh the time."""
    event = load_event(event_path)
    header = event["headers"]["stripe-signature"]
    assert stripe.WebhookSignature.verify_header(event["body"], header, LOCAL_WEBHOOK_SECRET, tolerance=None)


def test_the_first_sample_is_a_subscription_update_for_the_bench():
    first = sorted((EVENTS_DIR / "webhooks").glob("*.json"))[0]
    assert json.loads(load_event(first)["body"])["type"] == "customer.subscription.updated"


def test_the_first_sample_is_stored(handler, mongo_client):
    invoke(handler, signed_sample("webhooks/01_customer_subscription_updated.json"))
    document = mongo_client["saas_billing"]["subscriptions"].find_one()
    assert (document["status"], document["cancel_at_period_end"]) == ("active", True)
    assert document["account_id"] == "user_local_demo"


def test_only_the_events_that_read_stripe_build_the_payment_gateway(handler, monkeypatch):
    """Built on first use (deployed, building it imports stripe): a subscription event carries what it
    records, while a completed checkout reads its subscription from Stripe."""
    from saas_billing.routes.depends import webhook_dep

    built = []
    build = webhook_dep.get_payment_gateway
    monkeypatch.setattr(
        webhook_dep, "get_payment_gateway", lambda settings: built.append(1) or build(settings)
    )
    updated = invoke(handler, signed_sample("webhooks/01_customer_subscription_updated.json"))
    assert updated.status == 200, updated.text
    assert built == []
    session = {"id": "cs_1", "mode": "subscription", "subscription": "sub_missing", "customer": "cus_1"}
    completed = invoke(handler, delivery(stripe_event("checkout.session.completed", session)))
    assert completed.status == 200, completed.text
    assert built == [1]
