"""A signed event whose object is malformed is a 400 at once, never a 500 Stripe retries for three days,
and never a query: a missing or ill-typed field, an out-of-range time, or an id that is an operator."""

from __future__ import annotations

import logging

import pytest

from saas_billing.infra.db.mongo_errors import DatabaseUnavailable
from saas_billing.repo.mongodb.subscription_repository import MongoSubscriptionRepository
from tests.support.lambda_events import invoke
from tests.support.webhook_fixtures import database, handler  # noqa: F401 (fixtures)
from tests.support.webhooks import T, delivery, stripe_event, subscription_object


def invoice(subscription, **extra):
    details = {"subscription_details": {"subscription": subscription}}
    lines = {"data": [{"period": {"end": T + 99}}]}
    return {
        "id": "in_1",
        "object": "invoice",
        "parent": details,
        "amount_paid": 2900,
        "lines": lines,
        **extra,
    }


MALFORMED = {
    "no status": ("customer.subscription.updated", {"id": "sub_x"}),
    "no id": ("customer.subscription.updated", subscription_object(id=None)),
    "an id of another kind": ("customer.subscription.updated", subscription_object(subscription_id="cus_1")),
    "a period end past year 9999": ("customer.subscription.updated", subscription_object(period_end=10**20)),
    "a float period end": ("customer.subscription.created", subscription_object(period_end=1.5e9)),
    "a status that is a list": ("customer.subscription.updated", subscription_object(status=["active"])),
    "items that are not a list": ("customer.subscription.updated", subscription_object(items={"data": 1})),
    "an account id that is an object": (
        "customer.subscription.trial_will_end",
        subscription_object(metadata={"account_id": {"$ne": None}}),
    ),
    "a line period end that is text": (
        "invoice.paid",
        invoice("sub_1", lines={"data": [{"period": {"end": "x"}}]}),
    ),
    "an amount that is text": ("invoice.paid", invoice("sub_1", amount_paid="2900")),
    "a checkout subscription that is a number": (
        "checkout.session.completed",
        {"id": "cs_test_1", "mode": "subscription", "subscription": 7},
    ),
    "a deleted customer without an id": ("customer.deleted", {"object": "customer"}),
    "a deleted customer id that is an operator": ("customer.deleted", {"id": {"$ne": "zzz"}}),
    "an invoice subscription that is an operator": (
        "invoice.payment_failed",
        invoice({"id": {"$ne": "none"}}),
    ),
    "an invoice subscription that is an operator, old shape": (
        "invoice.payment_failed",
        {"id": "in_1", "subscription": {"$ne": "none"}},
    ),
}


@pytest.fixture
def stored(handler, database):
    """Two live subscriptions of one customer, the ones an operator in an id would have matched."""
    for subscription_id in ("sub_1", "sub_2"):
        event = stripe_event(
            "customer.subscription.created", subscription_object(subscription_id=subscription_id)
        )
        assert invoke(handler, delivery(event)).status == 200
    return database["subscriptions"]


@pytest.mark.parametrize(("event_type", "obj"), MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_signed_event_is_a_400_that_changes_nothing(handler, database, stored, caplog, event_type, obj):  # fmt: skip
    before = list(stored.find({}, {"_id": 0}))
    caplog.set_level(logging.INFO)
    response = invoke(handler, delivery(stripe_event(event_type, obj, created=T + 5, event_id="evt_bad")))
    assert response.status == 400, response.text
    assert "malformed" in response.json()["detail"]
    assert list(stored.find({}, {"_id": 0})) == before
    assert database["billing_notices"].count_documents({}) == 0
    assert database["stripe_webhook_events"].find_one({"stripe_event_id": "evt_bad"}) is None  # released
    loud = [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]
    assert loud == [], [r.getMessage() for r in loud]


def test_a_failing_database_is_still_a_500_so_stripe_retries(handler, database, monkeypatch):
    def down(self, snapshot, now):
        raise DatabaseUnavailable()

    monkeypatch.setattr(MongoSubscriptionRepository, "apply", down)
    event = stripe_event("customer.subscription.updated", subscription_object(), event_id="evt_down")
    assert invoke(handler, delivery(event)).status == 500
    assert database["stripe_webhook_events"].count_documents({}) == 0


def test_an_expanded_object_gives_its_id_only_when_it_is_a_string(handler, stored):
    expanded = invoice({"id": "sub_2", "object": "subscription"})
    event = stripe_event("invoice.payment_failed", expanded, created=T + 5)
    assert invoke(handler, delivery(event)).status == 200
    statuses = {d["stripe_subscription_id"]: d["status"] for d in stored.find({})}
    assert statuses == {"sub_1": "active", "sub_2": "past_due"}
