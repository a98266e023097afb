"""The in-memory Stripe's subscription update behaves like Stripe's where our code depends on it."""

from __future__ import annotations

import time

import pytest

from saas_billing.domain.errors import SubscriptionNotFound
from saas_billing.infra.exception.errors import BadRequest, Conflict
from saas_billing.infra.external_api.service.in_memory.gateway import InMemoryGateway
from saas_billing.infra.external_api.service.in_memory.subscriptions import add_subscription


@pytest.fixture
def stripe() -> InMemoryGateway:
    return InMemoryGateway()


def subscribed(stripe: InMemoryGateway, price_id: str = "price_pro_monthly") -> dict:
    customer = stripe.create_customer("Ada", "ada@example.com", idempotency_key="cus-ada")
    with stripe.state.lock:
        return add_subscription(stripe.state, customer.id, stripe.state.prices[price_id], {})


def item(stripe: InMemoryGateway, subscription_id: str) -> dict:
    return stripe.state.subscriptions[subscription_id]["items"]["data"][0]


def test_a_price_change_keeps_the_item_and_a_same_interval_period(stripe):
    sub = subscribed(stripe)
    before = dict(item(stripe, sub["id"]))
    params = {
        "items": [{"id": before["id"], "price": "price_starter_monthly"}],
        "proration_behavior": "create_prorations",
    }
    stripe.update_subscription(sub["id"], params, idempotency_key="k1")
    after = item(stripe, sub["id"])
    assert (after["id"], after["price"]["id"]) == (before["id"], "price_starter_monthly")
    assert after["current_period_end"] == before["current_period_end"]
    event, summary = stripe.state.events[-2:]  # Pro to Starter: the features change too
    assert (event["type"], summary["type"]) == (
        "customer.subscription.updated",
        "entitlements.active_entitlement_summary.updated",
    )
    assert [e["lookup_key"] for e in summary["data"]["object"]["entitlements"]["data"]] == ["projects.basic"]
    assert event["data"]["previous_attributes"]["items"]["data"][0]["price"]["id"] == "price_pro_monthly"


def test_a_new_interval_starts_a_new_period(stripe):
    sub = subscribed(stripe)
    before = item(stripe, sub["id"])["current_period_end"]
    snapshot = stripe.change_subscription_price(sub["id"], "price_pro_yearly", "k1", observed_at=1.0)
    assert snapshot.price_id == "price_pro_yearly" and item(stripe, sub["id"])["current_period_end"] > before


def test_the_same_key_replays_and_other_parameters_under_it_are_409(stripe):
    sub = subscribed(stripe)
    stripe.change_subscription_price(sub["id"], "price_starter_monthly", "k1", observed_at=1.0)
    events = len(stripe.state.events)
    stripe.change_subscription_price(sub["id"], "price_starter_monthly", "k1", observed_at=2.0)
    assert len(stripe.state.events) == events, "a replay changes nothing"
    with pytest.raises(Conflict):
        stripe.change_subscription_price(sub["id"], "price_pro_yearly", "k1", observed_at=3.0)


def test_cancel_at_period_end_sets_and_clears_cancel_at_with_the_flag(stripe):
    sub = subscribed(stripe)
    stripe.update_subscription(sub["id"], {"cancel_at_period_end": True})
    stored = stripe.state.subscriptions[sub["id"]]
    assert stored["cancel_at"] == item(stripe, sub["id"])["current_period_end"]
    snapshot = stripe.resume_subscription(sub["id"], scheduled_date_only=False, observed_at=1.0)
    assert (stored["cancel_at_period_end"], stored["cancel_at"]) == (False, None)
    assert not snapshot.cancel_at_period_end and snapshot.cancel_at is None
    stripe.schedule_cancellation(sub["id"], int(time.time()) + 7 * 86_400)  # a date ahead, as Stripe requires
    stripe.resume_subscription(sub["id"], scheduled_date_only=True, observed_at=2.0)
    assert stored["cancel_at"] is None


def test_what_stripe_refuses(stripe):
    sub = subscribed(stripe)
    with pytest.raises(BadRequest, match="only specify one"):
        stripe.update_subscription(sub["id"], {"cancel_at": "", "cancel_at_period_end": False})
    stripe.state.prices["price_starter_monthly"]["active"] = False
    with pytest.raises(BadRequest, match="inactive"):
        stripe.change_subscription_price(sub["id"], "price_starter_monthly", "k1", observed_at=1.0)
    with pytest.raises(BadRequest, match="No such subscription item"):
        stripe.update_subscription(sub["id"], {"items": [{"id": "si_nope", "price": "price_pro_yearly"}]})
    with pytest.raises(BadRequest, match="proration_behavior"):
        params = {
            "items": [{"id": item(stripe, sub["id"])["id"], "price": "price_pro_yearly"}],
            "proration_behavior": "x",
        }
        stripe.update_subscription(sub["id"], params)
    stripe.cancel_subscription(sub["id"], at_period_end=False, observed_at=1.0)
    with pytest.raises(BadRequest, match="canceled"):
        stripe.resume_subscription(sub["id"], scheduled_date_only=False, observed_at=2.0)
    with pytest.raises(SubscriptionNotFound):
        stripe.change_subscription_price("sub_nope", "price_pro_yearly", "k2", observed_at=1.0)


def test_expire_closes_an_open_session_and_reports_a_paid_one(stripe):
    from saas_billing.domain.schemas.billing.checkout import CheckoutRequest

    def open_session(key: str) -> str:
        return stripe.create_checkout_session(
            CheckoutRequest("price_pro_monthly", "https://s", "https://c", key)
        ).id

    first, second = open_session("a"), open_session("b")
    assert stripe.expire_checkout_session(first).status == "expired"
    with pytest.raises(BadRequest):
        stripe.complete_checkout(first)
    stripe.complete_checkout(second)
    paid = stripe.expire_checkout_session(second)
    assert paid.status == "complete" and paid.subscription_id in stripe.state.subscriptions


def test_a_replay_answers_what_the_first_update_answered(stripe):
    """Stripe stores the first response under the key: a replay after a later change still gets it."""
    sub = subscribed(stripe)
    first = stripe.change_subscription_price(sub["id"], "price_pro_yearly", "k1", observed_at=1.0)
    stripe.update_subscription(sub["id"], {"cancel_at_period_end": True})
    replayed = stripe.change_subscription_price(sub["id"], "price_pro_yearly", "k1", observed_at=2.0)
    assert not first.cancel_at_period_end and not replayed.cancel_at_period_end
    assert replayed.price_id == first.price_id == "price_pro_yearly"
    assert stripe.state.subscriptions[sub["id"]]["cancel_at_period_end"] is True
