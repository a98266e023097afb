"""Events of one second cannot be ordered by their timestamps: for every event type, Stripe decides.

The subscription events have their handler tests (test_webhooks_delivery); these are the invoice and trial
events, which settle a tie the same way, and the one case that never asks: a canceled subscription.
"""

from __future__ import annotations

import pytest

from tests.support.event_world import World, invoice
from tests.support.webhooks import subscription_object


@pytest.fixture
def world():
    return World()


def stripe_holds(world, obj):
    """What Stripe's API would answer for the subscription right now."""
    world.gateway.state.subscriptions[obj["id"]] = obj


def test_an_invoice_in_the_same_second_as_the_stored_state_is_settled_by_reading_stripe(world):
    second = world.a_minute_ago()
    world.send("customer.subscription.updated", subscription_object("active"), second)
    stripe_holds(world, subscription_object("past_due"))
    outcome = world.send("invoice.payment_failed", invoice(paid=False), second)
    assert outcome == "tie, read from Stripe: updated"
    assert world.subscriptions.get("sub_1").status == "past_due"


def test_a_trial_notice_in_the_same_second_as_the_stored_state_is_settled_by_reading_stripe(world):
    second = world.a_minute_ago()
    world.send("customer.subscription.created", subscription_object("trialing"), second)
    stripe_holds(world, subscription_object("active"))  # the trial already converted
    trial = subscription_object("trialing", trial_end=second + 3 * 86400)
    outcome = world.send("customer.subscription.trial_will_end", trial, second)
    assert outcome == "tie, read from Stripe: updated; notice recorded"
    assert world.subscriptions.get("sub_1").status == "active"
    assert len(world.notices.list_for_subscription("sub_1")) == 1


def test_a_later_event_for_a_canceled_subscription_changes_nothing_and_asks_nobody(world, monkeypatch):
    """Canceled is final, so there is no tie to settle: Stripe is not read."""
    second = world.a_minute_ago()
    world.send("customer.subscription.deleted", subscription_object("canceled"), second)
    monkeypatch.setattr(
        world.gateway, "retrieve_subscription", lambda *a, **k: pytest.fail("no tie, no read")
    )
    assert world.send("customer.subscription.updated", subscription_object("active"), second + 5) == "stale"
    assert world.send("invoice.paid", invoice(paid=True), second + 5) == "stale"
    assert world.subscriptions.get("sub_1").status == "canceled"
