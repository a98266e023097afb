"""`entitlements.active_entitlement_summary.updated` through ApplyStripeEvent and ReceiveStripeEvent with
fakes: newest wins by the event's `created`, a duplicate is applied once, a cut-short list is read in full."""

from __future__ import annotations

import pytest

from saas_billing.domain.schemas.webhooks.stripe_event import ReceiveResult, StripeEvent
from saas_billing.domain.webhook_errors import InvalidWebhookPayload
from saas_billing.infra.external_api.service.in_memory.customers import add_customer
from saas_billing.infra.external_api.service.in_memory.gateway import InMemoryGateway
from saas_billing.infra.external_api.service.in_memory.subscriptions import add_subscription
from saas_billing.usecase.webhooks.receive_stripe_event import ReceiveStripeEvent
from tests.fakes.webhook_event_repository import InMemoryWebhookEventRepository
from tests.support.event_world import World
from tests.support.webhooks import SUMMARY, T, summary


def test_summaries_in_order_store_the_latest_and_tell_each_change():
    world = World()
    assert world.send(SUMMARY, summary("projects.basic"), T) == "entitlements created"
    assert (
        world.send(SUMMARY, summary("projects.unlimited", "support.priority"), T + 10)
        == "entitlements updated"
    )
    stored = world.entitlements.for_account("user_1")
    assert (stored.lookup_keys, stored.revision, stored.observed_at) == (
        ("projects.unlimited", "support.priority"),
        2,
        T + 10,
    )
    assert world.changed_accounts == ["user_1", "user_1"]


def test_an_older_summary_arriving_late_changes_nothing():
    world = World()
    world.send(SUMMARY, summary(), T + 10)  # the end: no features
    assert world.send(SUMMARY, summary("projects.unlimited"), T) == "entitlements stale"
    stored = world.entitlements.for_customer("cus_1")
    assert (stored.lookup_keys, stored.observed_at) == ((), T + 10)
    assert world.changed_accounts == ["user_1"]


def test_the_same_keys_again_move_the_clock_without_a_new_revision_or_a_change_signal():
    world = World()
    world.send(SUMMARY, summary("projects.basic"), T)
    world.send(SUMMARY, summary("projects.basic"), T + 5)
    stored = world.entitlements.for_customer("cus_1")
    assert (stored.revision, stored.observed_at, world.changed_accounts) == (1, T + 5, ["user_1"])


def test_a_duplicate_delivery_is_applied_once():
    world = World()
    ledger = InMemoryWebhookEventRepository()
    receive = ReceiveStripeEvent(ledger, world.apply, world.clock)
    event = StripeEvent("evt_summary", SUMMARY, T, summary("projects.basic"))
    assert receive.execute(event) is ReceiveResult.APPLIED
    assert receive.execute(event) is ReceiveResult.DUPLICATE
    assert ledger.records["evt_summary"]["outcome"] == "entitlements created"
    assert world.changed_accounts == ["user_1"]


def test_a_list_cut_short_is_read_in_full_from_stripe():
    gateway = InMemoryGateway()
    world = World(gateway)
    price = gateway.state.prices["price_pro_monthly"]
    customer = add_customer(gateway.state, None, "ada@example.com")
    add_subscription(gateway.state, customer["id"], price, {})
    world.accounts.links[customer["id"]] = "user_7"
    world.send(SUMMARY, summary("projects.unlimited", customer=customer["id"], has_more=True), T)
    stored = world.entitlements.for_account("user_7")
    assert stored.lookup_keys == ("projects.unlimited", "support.priority")
    assert stored.observed_at == world.clock.now().timestamp()


def test_an_unknown_customer_is_stored_without_an_account_and_signals_no_one():
    world = World()
    world.send(SUMMARY, summary("projects.basic", customer="cus_unknown"), T)
    assert world.entitlements.for_customer("cus_unknown").account_id is None
    assert world.changed_accounts == []


@pytest.mark.parametrize(
    "obj",
    [
        {**summary(), "customer": {"$ne": 1}},
        {**summary(), "entitlements": {"data": [{"lookup_key": {"$gt": ""}}]}},
        {**summary(), "entitlements": "all"},
    ],
)
def test_a_malformed_summary_is_invalid(obj):
    with pytest.raises(InvalidWebhookPayload):
        World().send(SUMMARY, obj, T)


def test_a_list_cut_short_for_a_customer_stripe_no_longer_has_leaves_no_features():
    world = World()
    world.send(SUMMARY, summary("projects.basic"), T)
    world.send(SUMMARY, summary("projects.unlimited", has_more=True), T + 5)  # cus_1 is unknown at Stripe
    stored = world.entitlements.for_customer("cus_1")
    assert (stored.lookup_keys, stored.revision) == ((), 2)
