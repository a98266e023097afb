"""ApplyStripeEvent with fakes: what each event type writes, and that order never matters."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from saas_billing.domain.schemas.webhooks.stripe_event import StripeEvent
from saas_billing.infra.external_api.service.in_memory.gateway import InMemoryGateway
from saas_billing.infra.external_api.service.stripe_object_reader import StripeShapeReader
from saas_billing.usecase.billing.record_subscription import RecordSubscription
from saas_billing.usecase.webhooks.apply_stripe_event import ApplyStripeEvent
from tests.fakes.billing_notice_repository import InMemoryBillingNoticeRepository
from tests.fakes.clock import FakeClock
from tests.fakes.subscription_repository import InMemorySubscriptionRepository
from tests.support.webhooks import T, subscription_object


class World:
    def __init__(self) -> None:
        self.clock = FakeClock()
        self.subscriptions = InMemorySubscriptionRepository()
        self.notices = InMemoryBillingNoticeRepository()
        self.gateway = InMemoryGateway()
        self.apply = ApplyStripeEvent(
            RecordSubscription(self.subscriptions, self.clock),
            self.subscriptions,
            self.notices,
            self.gateway,
            StripeShapeReader(),
            self.clock,
        )

    def send(self, event_type: str, obj: dict, created: int = T) -> str:
        return self.apply.execute(StripeEvent(f"evt_{event_type}_{created}", event_type, created, obj))


@pytest.fixture
def world():
    return World()


def invoice(paid: bool = True, new_shape: bool = True, reason="subscription_cycle", amount=2900, end=T + 99):
    obj = {
        "id": "in_1",
        "customer": "cus_1",
        "billing_reason": reason,
        "amount_paid": amount if paid else 0,
        "period_end": T - 5,  # the previous period: must not be used
        "lines": {"data": [{"period": {"start": T, "end": end - 50}}, {"period": {"start": T, "end": end}}]},
    }
    if new_shape:
        obj["parent"] = {"subscription_details": {"subscription": "sub_1"}}
    else:
        obj["subscription"] = "sub_1"
    return obj


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
    assert world.send("invoice.payment_failed", invoice(paid=False, new_shape=new_shape), T + 1) == "updated"
    saved = world.subscriptions.get("sub_1")
    assert saved.status == "past_due"
    assert saved.current_period_end == datetime.fromtimestamp(T + 99, UTC)


def test_a_failed_first_invoice_leaves_the_subscription_incomplete(world):
    world.send("customer.subscription.created", subscription_object("incomplete"), T)
    world.send("invoice.payment_failed", invoice(paid=False, reason="subscription_create"), T + 1)
    assert world.subscriptions.get("sub_1").status == "incomplete"


def test_a_paid_invoice_makes_a_past_due_subscription_active(world):
    world.send("customer.subscription.updated", subscription_object("past_due"), T)
    world.send("invoice.paid", invoice(paid=True, new_shape=False), T + 1)
    assert world.subscriptions.get("sub_1").status == "active"


def test_a_zero_amount_paid_invoice_leaves_a_trial_trialing(world):
    world.send("customer.subscription.created", subscription_object("trialing"), T)
    world.send("invoice.paid", invoice(paid=True, amount=0, reason="subscription_create"), T + 1)
    assert world.subscriptions.get("sub_1").status == "trialing"


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


def test_a_payment_mode_checkout_is_ignored(world):
    assert world.send("checkout.session.completed", {"mode": "payment", "subscription": None}).startswith(
        "ignored"
    )


def test_trial_will_end_records_the_subscription_and_one_notice(world):
    world.send(
        "customer.subscription.created", subscription_object("trialing", metadata={"account_id": "u1"}), T
    )
    trial = subscription_object("trialing", trial_end=T + 3 * 86400)
    assert world.send("customer.subscription.trial_will_end", trial, T + 1) == "updated; notice recorded"
    assert world.send("customer.subscription.trial_will_end", trial, T + 2).endswith("already recorded")
    [notice] = world.notices.list_for_subscription("sub_1")
    assert (notice.kind, notice.account_id) == ("trial_will_end", "u1")
    assert notice.due_at == datetime.fromtimestamp(T + 3 * 86400, UTC)


def test_customer_deleted_cancels_that_customers_subscriptions_for_good(world):
    for sub_id, customer in [("sub_1", "cus_1"), ("sub_2", "cus_1"), ("sub_3", "cus_other")]:
        world.send(
            "customer.subscription.updated", subscription_object(subscription_id=sub_id, customer=customer), T
        )
    assert (
        world.send("customer.deleted", {"id": "cus_1", "object": "customer"}, T + 5)
        == "canceled 2 subscription(s)"
    )
    world.send("customer.subscription.updated", subscription_object("active", subscription_id="sub_1"), T + 9)
    statuses = {s: world.subscriptions.get(s).status for s in ("sub_1", "sub_2", "sub_3")}
    assert statuses == {"sub_1": "canceled", "sub_2": "canceled", "sub_3": "active"}


def test_handled_types(world):
    assert world.apply.handles("invoice.paid") and not world.apply.handles("invoice.created")
