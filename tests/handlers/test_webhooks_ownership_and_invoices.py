"""Signed webhooks through the Mangum handler: a subscription's owner is set once, a scheduled end date is
kept, and the in-memory Stripe's own invoices and events drive the invoice paths."""

from __future__ import annotations

from datetime import UTC, datetime

from saas_billing.domain.schemas.billing.checkout import CheckoutRequest
from tests.support.lambda_events import invoke
from tests.support.webhook_fixtures import database, handler  # noqa: F401 (fixtures)
from tests.support.webhooks import T, delivery, stripe_event, subscription_object


def send(handler, event_type, obj, created):
    response = invoke(handler, delivery(stripe_event(event_type, obj, created=created)))
    assert response.status == 200, response.text
    return response


def owned_by(account_id, **extra):
    return subscription_object(metadata={"account_id": account_id}, **extra)


def test_a_signed_event_naming_another_account_never_moves_the_subscription(handler, database, caplog):
    send(handler, "customer.subscription.created", owned_by("user_ada"), T)
    send(handler, "customer.subscription.updated", owned_by("user_mallory", status="past_due"), T + 1)
    saved = database["subscriptions"].find_one({"stripe_subscription_id": "sub_1"})
    assert (saved["account_id"], saved["status"]) == ("user_ada", "past_due")
    assert any(r.levelname == "ERROR" and r.named_account_id == "user_mallory" for r in caplog.records)


def test_checkouts_client_reference_links_first_and_a_later_event_cannot_relink(handler, database, gateway):
    gateway.state.subscriptions["sub_1"] = owned_by("user_ada")
    session = {
        "id": "cs_test_1",
        "mode": "subscription",
        "subscription": "sub_1",
        "customer": "cus_1",
        "client_reference_id": "user_ada",
    }
    send(handler, "checkout.session.completed", session, T)
    later = int(datetime.now(UTC).timestamp()) + 5  # newer than checkout's read: the write applies
    send(handler, "customer.subscription.updated", owned_by("user_mallory", status="past_due"), later)
    saved = database["subscriptions"].find_one({})
    assert (saved["account_id"], saved["status"]) == ("user_ada", "past_due")


def test_a_scheduled_end_date_is_stored(handler, database):
    cancel_at = T + 10 * 86400
    send(handler, "customer.subscription.updated", subscription_object(cancel_at=cancel_at), T)
    saved = database["subscriptions"].find_one({})
    assert saved["cancel_at"].timestamp() == cancel_at and saved["cancel_at_period_end"] is False


def deliver_new(handler, gateway, seen: int) -> int:
    """Delivers the stand-in's events since `seen`, in order, as Stripe would; returns the new count."""
    for event in gateway.state.events[seen:]:
        assert invoke(handler, delivery(event)).status == 200, event["type"]
    return len(gateway.state.events)


def test_the_stand_ins_invoices_drive_the_invoice_paths(handler, database, gateway):
    """A paid first invoice, a failed renewal (past_due, next period), then a paid one (active again)."""
    request = CheckoutRequest(
        "price_pro_monthly", "https://s/{CHECKOUT_SESSION_ID}", "https://c", "k", "a@b.co"
    )
    session = gateway.create_checkout_session(request)
    gateway.complete_checkout(session.id)
    [sub_id] = gateway.state.subscriptions
    assert {"trial_end", "cancel_at", "livemode"} <= set(gateway.state.subscriptions[sub_id])
    [first] = gateway.state.invoices.values()
    assert first["parent"]["subscription_details"]["subscription"] == sub_id and "subscription" not in first
    assert (first["billing_reason"], first["amount_paid"]) == ("subscription_create", 2900)
    assert "invoice.paid" in [e["type"] for e in gateway.state.events]
    seen = deliver_new(handler, gateway, 0)
    assert database["subscriptions"].find_one({})["status"] == "active"

    failed = gateway.renew_subscription(sub_id, paid=False)
    assert [e["type"] for e in gateway.state.events[seen:]] == [
        "invoice.payment_failed",
        "customer.subscription.updated",
    ]
    seen = deliver_new(handler, gateway, seen)
    saved = database["subscriptions"].find_one({})
    assert saved["status"] == "past_due"
    assert saved["current_period_end"].timestamp() == failed["lines"]["data"][0]["period"]["end"]

    gateway.renew_subscription(sub_id, paid=True)
    deliver_new(handler, gateway, seen)
    assert database["subscriptions"].find_one({})["status"] == "active"


def test_a_trial_notice_goes_to_the_stored_owner_not_the_account_the_event_names(handler, database, caplog):
    send(handler, "customer.subscription.created", owned_by("user_ada", status="trialing"), T)
    trial_end = T + 3 * 86400
    send(
        handler, "customer.subscription.trial_will_end", owned_by("user_mallory", trial_end=trial_end), T + 1
    )
    [notice] = database["billing_notices"].find({})
    assert (notice["account_id"], notice["due_at"].timestamp()) == ("user_ada", trial_end)
    assert any(r.levelname == "ERROR" and r.named_account_id == "user_mallory" for r in caplog.records)


def test_a_trial_notice_of_an_unlinked_subscription_goes_to_the_account_the_event_names(handler, database):
    send(handler, "customer.subscription.created", subscription_object(status="trialing"), T)
    send(handler, "customer.subscription.trial_will_end", owned_by("user_ada", trial_end=T + 86400), T + 1)
    assert database["billing_notices"].find_one({})["account_id"] == "user_ada"
