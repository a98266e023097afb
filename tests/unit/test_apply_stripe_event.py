"""ApplyStripeEvent with fakes: what each event type writes, and that order never matters."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest

from saas_billing.usecase.webhooks import apply_stripe_event
from tests.support.event_world import World, invoice
from tests.support.webhooks import T, subscription_object


@pytest.fixture
def world():
    return World()


def test_subscription_events_are_recorded_at_the_event_time(world):
    assert world.send("customer.subscription.created", subscription_object("incomplete"), T) == "created"
    assert world.send("customer.subscription.updated", subscription_object("active"), T + 1) == "updated"
    saved = world.subscriptions.get("sub_1")
    assert (saved.status, saved.stripe_observed_at) == ("active", T + 1)


def test_any_delivery_order_ends_in_the_same_state(world):
    events = [
        ("customer.subscription.created", subscription_object("incomplete"), T),
        ("customer.subscription.updated", subscription_object("active"), T + 1),
        ("invoice.payment_failed", invoice(paid=False), T + 2),
        ("customer.subscription.deleted", subscription_object("canceled"), T + 3),
    ]
    for event in reversed(events):
        world.send(*event)
    assert world.subscriptions.get("sub_1").status == "canceled"


@pytest.mark.parametrize(
    "new_shape", [True, False], ids=["parent.subscription_details", "invoice.subscription"]
)
def test_a_failed_renewal_marks_past_due_with_the_new_period(world, new_shape):
    world.send("customer.subscription.updated", subscription_object("active"), T)
    world.clock.advance(minutes=1)
    assert world.send("invoice.payment_failed", invoice(paid=False, new_shape=new_shape), T + 1) == "updated"
    saved = world.subscriptions.get("sub_1")
    assert saved.status == "past_due"
    assert saved.current_period_end == datetime.fromtimestamp(T + 99, UTC)
    assert saved.updated_at == world.clock.now()


def test_a_failed_first_invoice_leaves_the_subscription_incomplete(world):
    world.send("customer.subscription.created", subscription_object("incomplete"), T)
    world.send("invoice.payment_failed", invoice(paid=False, reason="subscription_create"), T + 1)
    assert world.subscriptions.get("sub_1").status == "incomplete"


def test_a_paid_invoice_makes_a_past_due_subscription_active(world):
    world.send("customer.subscription.updated", subscription_object("past_due"), T)
    world.send("invoice.paid", invoice(paid=True, new_shape=False), T + 1)
    assert world.subscriptions.get("sub_1").status == "active"


def test_a_zero_amount_paid_invoice_leaves_a_trial_trialing_and_moves_only_its_period(world):
    world.send("customer.subscription.created", subscription_object("trialing"), T)
    trial_start = invoice(paid=True, amount=0, reason="subscription_create")
    assert world.send("invoice.paid", trial_start, T + 1) == "updated"
    saved = world.subscriptions.get("sub_1")
    assert (saved.status, saved.current_period_end) == ("trialing", datetime.fromtimestamp(T + 99, UTC))


def test_a_paid_invoice_without_line_periods_changes_only_the_status(world):
    world.send("customer.subscription.updated", subscription_object("past_due"), T)
    assert world.send("invoice.paid", {**invoice(paid=True), "lines": {"data": []}}, T + 1) == "updated"
    saved = world.subscriptions.get("sub_1")
    assert (saved.status, saved.current_period_end) == ("active", datetime.fromtimestamp(T + 30 * 86400, UTC))


def test_each_change_is_logged_with_its_subscription_status_and_outcome(world, caplog):
    """The log line is how an operator follows a subscription through its invoices."""
    world.send("customer.subscription.updated", subscription_object("active"), T)
    with caplog.at_level(logging.INFO, logger=apply_stripe_event.__name__):
        world.send("invoice.payment_failed", invoice(paid=False), T + 1)
    [record] = [r for r in caplog.records if r.name == apply_stripe_event.__name__]
    assert record.getMessage() == "subscription changed"
    assert (record.subscription_id, record.status, record.outcome) == ("sub_1", "past_due", "updated")


def test_an_invoice_with_nothing_to_change_is_ignored(world):
    world.send("customer.subscription.created", subscription_object("trialing"), T)
    empty = {**invoice(paid=True, amount=0), "lines": {"data": []}}
    assert world.send("invoice.paid", empty, T + 1).startswith("ignored")
    assert world.subscriptions.get("sub_1").stripe_observed_at == T


def test_an_older_invoice_never_overwrites_newer_state(world):
    world.send("customer.subscription.updated", subscription_object("active"), T + 10)
    assert world.send("invoice.payment_failed", invoice(paid=False), T + 5) == "stale"
    assert world.subscriptions.get("sub_1").status == "active"


def test_invoices_without_a_subscription_or_before_it_is_stored(world):
    one_off = {"id": "in_2", "customer": "cus_1", "lines": {"data": []}}
    assert world.send("invoice.paid", one_off).startswith("ignored")
    assert world.send("invoice.paid", invoice()) == "missing"
    assert world.subscriptions.get("sub_1") is None


def test_checkout_completed_records_the_subscription_read_from_stripe(world):
    world.gateway.state.subscriptions["sub_1"] = subscription_object(
        "active", metadata={"account_id": "user_m"}
    )
    session = {"mode": "subscription", "subscription": "sub_1", "metadata": {"account_id": "user_m"}}
    assert world.send("checkout.session.completed", session, T) == "created"
    saved = world.subscriptions.get("sub_1")
    assert saved.account_id == "user_m"
    assert saved.stripe_observed_at == world.clock.now().timestamp()  # the time of the read


def test_checkout_client_reference_id_links_the_account(world):
    world.gateway.state.subscriptions["sub_1"] = subscription_object("active")
    session = {"mode": "subscription", "subscription": "sub_1", "client_reference_id": "user_c"}
    world.send("checkout.session.completed", session, T)
    assert world.subscriptions.get("sub_1").account_id == "user_c"


@pytest.mark.parametrize("mode", ["payment", "subscription"])
def test_a_checkout_without_a_subscription_is_ignored(world, mode):
    session = {"mode": mode, "subscription": None}
    assert world.send("checkout.session.completed", session).startswith("ignored")


def test_trial_will_end_records_the_subscription_and_one_notice(world):
    world.send(
        "customer.subscription.created", subscription_object("trialing", metadata={"account_id": "u1"}), T
    )
    trial = subscription_object("trialing", trial_end=T + 3 * 86400)
    assert world.send("customer.subscription.trial_will_end", trial, T + 1) == "updated; notice recorded"
    assert world.send("customer.subscription.trial_will_end", trial, T + 2).endswith("already recorded")
    [notice] = world.notices.list_for_subscription("sub_1")
    assert (notice.kind, notice.account_id, notice.customer_id) == ("trial_will_end", "u1", "cus_1")
    assert (notice.event_id, notice.created_at) == (
        f"evt_customer.subscription.trial_will_end_{T + 1}",
        world.clock.now(),
    )
    assert notice.due_at == datetime.fromtimestamp(T + 3 * 86400, UTC)


def test_handled_types(world):
    assert world.apply.handles("invoice.paid") and not world.apply.handles("invoice.created")
