"""Stripe's delivery semantics through the Mangum handler: duplicates, concurrency, any order, failures."""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest

from saas_billing.infra.db.mongo_errors import DatabaseUnavailable
from saas_billing.infra.mixins.clock import SystemClock
from saas_billing.repo.mongodb.subscription_repository import MongoSubscriptionRepository
from tests.support.lambda_events import invoke
from tests.support.webhook_fixtures import database, handler  # noqa: F401 (fixtures)
from tests.support.webhooks import T, delivery, stripe_event, subscription_object


@pytest.fixture
def applications(monkeypatch):
    """Counts writes of subscription snapshots, across threads."""
    calls: list[str] = []
    lock = threading.Lock()
    original = MongoSubscriptionRepository.apply

    def counting_apply(self, snapshot, now):
        with lock:
            calls.append(snapshot.id)
        return original(self, snapshot, now)

    monkeypatch.setattr(MongoSubscriptionRepository, "apply", counting_apply)
    return calls


def subscription(database, subscription_id="sub_1"):
    return database["subscriptions"].find_one({"stripe_subscription_id": subscription_id})


def test_the_same_event_delivered_five_times_is_applied_once(handler, database, applications):
    event = stripe_event("customer.subscription.updated", subscription_object(), event_id="evt_5x")
    results = [invoke(handler, delivery(event)) for _ in range(5)]
    assert [r.status for r in results] == [200] * 5
    assert [r.json()["result"] for r in results] == ["applied"] + ["duplicate"] * 4
    assert applications == ["sub_1"]
    record = database["stripe_webhook_events"].find_one({"stripe_event_id": "evt_5x"})
    assert (record["status"], record["attempts"]) == ("processed", 1)


def test_the_same_event_from_eight_lambdas_at_once_is_applied_once(handler, database, applications):
    event = stripe_event("customer.subscription.updated", subscription_object(), event_id="evt_8x")
    start = threading.Barrier(8)

    def one_lambda(_):
        asyncio.set_event_loop(asyncio.new_event_loop())  # each Lambda has its own loop
        signed = delivery(event)
        start.wait()
        return invoke(handler, signed)

    with ThreadPoolExecutor(max_workers=8) as pool:
        responses = list(pool.map(one_lambda, range(8)))
    statuses = sorted(r.status for r in responses)
    assert set(statuses) <= {200, 409} and 200 in statuses, [r.text for r in responses]
    assert [r.json()["result"] for r in responses if r.status == 200].count("applied") == 1
    assert applications == ["sub_1"]
    # Stripe retries the 409s; by then the event is processed and they get 200 without a second apply.
    for response in responses:
        if response.status == 409:
            assert invoke(handler, delivery(event)).json()["result"] == "duplicate"
    assert applications == ["sub_1"]


def test_a_duplicate_during_processing_gets_409_so_stripe_keeps_retrying(handler, database):
    event = stripe_event("customer.subscription.updated", subscription_object(), event_id="evt_busy")
    now = datetime.now(UTC)
    database["stripe_webhook_events"].insert_one(
        {
            "stripe_event_id": "evt_busy",
            "status": "processing",
            "claim_token": "another-lambda",
            "lease_expires_at": now + timedelta(seconds=30),
            "expires_at": now + timedelta(days=4),
        }
    )
    response = invoke(handler, delivery(event))
    assert response.status == 409
    assert "being processed by another delivery" in response.json()["detail"]
    assert subscription(database) is None


def test_updated_before_created_keeps_the_newer_state(handler, database):
    created = stripe_event("customer.subscription.created", subscription_object("incomplete"), created=T)
    updated = stripe_event("customer.subscription.updated", subscription_object("active"), created=T + 5)
    assert invoke(handler, delivery(updated)).status == 200
    assert invoke(handler, delivery(created)).status == 200
    assert subscription(database)["status"] == "active"
    assert subscription(database)["stripe_observed_at"] == T + 5


def test_deleted_before_a_late_updated_stays_canceled(handler, database):
    updated = stripe_event("customer.subscription.updated", subscription_object("past_due"), created=T + 10)
    deleted = stripe_event("customer.subscription.deleted", subscription_object("canceled"), created=T + 20)
    assert invoke(handler, delivery(deleted)).status == 200
    assert invoke(handler, delivery(updated)).status == 200
    assert subscription(database)["status"] == "canceled"


def test_a_repository_failure_answers_500_and_the_retry_succeeds(handler, database, monkeypatch):
    original = MongoSubscriptionRepository.apply
    failures = iter([DatabaseUnavailable()])

    def flaky_apply(self, snapshot, now):
        for error in failures:
            raise error
        return original(self, snapshot, now)

    monkeypatch.setattr(MongoSubscriptionRepository, "apply", flaky_apply)
    event = stripe_event("customer.subscription.updated", subscription_object(), event_id="evt_flaky")
    first = invoke(handler, delivery(event))
    assert first.status == 500
    assert first.headers["content-type"] == "application/json"
    assert "evt_flaky failed" in first.json()["detail"]
    assert database["stripe_webhook_events"].count_documents({}) == 0  # released: not claimed, not done
    assert subscription(database) is None
    retry = invoke(handler, delivery(event))
    assert retry.status == 200 and retry.json()["result"] == "applied"
    assert subscription(database)["status"] == "active"


def test_an_unknown_event_type_is_acknowledged_and_not_stored(handler, database):
    event = stripe_event("charge.refund.updated", {"id": "re_1", "object": "refund"})
    response = invoke(handler, delivery(event))
    assert response.status == 200 and response.json()["result"] == "ignored"
    assert database["stripe_webhook_events"].count_documents({}) == 0


def test_checkout_completed_records_the_fetched_subscription_linked_to_the_account(
    handler, gateway, database
):
    gateway.state.subscriptions["sub_new"] = subscription_object("active", subscription_id="sub_new")
    session = {
        "id": "cs_1",
        "object": "checkout.session",
        "mode": "subscription",
        "subscription": "sub_new",
        "customer": "cus_1",
        "client_reference_id": "user_42",
    }
    before = SystemClock().now().timestamp()  # at the app clock's millisecond precision, as it stamps
    response = invoke(handler, delivery(stripe_event("checkout.session.completed", session, created=T)))
    assert response.status == 200, response.text
    saved = subscription(database, "sub_new")
    assert (saved["status"], saved["account_id"], saved["price_id"]) == (
        "active",
        "user_42",
        "price_pro_monthly",
    )
    assert saved["stripe_observed_at"] >= before  # the fetch time, not the session event's time


def test_checkout_completed_for_a_subscription_stripe_no_longer_has_is_settled_not_retried(
    handler, database, caplog
):
    """A retry could never succeed: 200 and a log line, like a missing subscription in a tie."""
    session = {"id": "cs_1", "mode": "subscription", "subscription": "sub_missing", "customer": "cus_1"}
    response = invoke(handler, delivery(stripe_event("checkout.session.completed", session)))
    assert response.status == 200, response.text
    assert database["subscriptions"].count_documents({}) == 0
    assert database["stripe_webhook_events"].find_one({})["status"] == "processed"
    assert any("no longer has" in r.getMessage() and "sub_missing" in str(r.__dict__) for r in caplog.records)


def stripe_holds(gateway, obj):
    """What Stripe's API would answer for the subscription right now."""
    gateway.state.subscriptions[obj["id"]] = obj


def test_created_and_updated_in_the_same_second_end_in_stripes_current_state(handler, database, gateway):
    stripe_holds(gateway, subscription_object("active"))
    updated_first = stripe_event(
        "customer.subscription.created", subscription_object("incomplete"), created=T
    )
    updated_then = stripe_event("customer.subscription.updated", subscription_object("active"), created=T)
    assert invoke(handler, delivery(updated_first)).status == 200
    assert invoke(handler, delivery(updated_then)).status == 200
    assert subscription(database)["status"] == "active", "a tie is settled by reading Stripe"


def test_a_plan_change_in_the_same_second_as_an_invoice_is_not_lost(handler, database, gateway):
    invoice_second = stripe_event(
        "customer.subscription.created", subscription_object("active"), created=T - 60
    )
    assert invoke(handler, delivery(invoice_second)).status == 200
    new_plan = subscription_object("active", price="price_pro_yearly")
    stripe_holds(gateway, new_plan)
    paid = stripe_event(
        "invoice.paid",
        {"id": "in_1", "object": "invoice", "subscription": "sub_1", "amount_paid": 2900, "status": "paid",
         "lines": {"data": [{"period": {"end": T + 30 * 86400}}]}},
        created=T,
    )  # fmt: skip
    plan_change = stripe_event("customer.subscription.updated", new_plan, created=T)
    assert invoke(handler, delivery(paid)).status == 200
    assert invoke(handler, delivery(plan_change)).status == 200
    assert subscription(database)["price_id"] == "price_pro_yearly"


def test_a_strictly_older_event_is_dropped_without_asking_stripe(handler, database, gateway, monkeypatch):
    newer = stripe_event("customer.subscription.updated", subscription_object("active"), created=T + 5)
    older = stripe_event("customer.subscription.created", subscription_object("incomplete"), created=T)
    assert invoke(handler, delivery(newer)).status == 200
    monkeypatch.setattr(gateway, "retrieve_subscription", lambda *a, **k: pytest.fail("no tie, no read"))
    assert invoke(handler, delivery(older)).status == 200
    assert subscription(database)["status"] == "active"
