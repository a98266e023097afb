"""`checkout.session.completed` reads the subscription from Stripe only when what is stored is older than
the event (by the `supersedes` rule), or not yet linked to the account the checkout names."""

from __future__ import annotations

import logging

import pytest

from saas_billing.infra.external_api.service.in_memory.gateway import InMemoryGateway
from tests.support.event_world import World
from tests.support.round_trips import CountingGateway
from tests.support.webhooks import T, subscription_object

SKIPPED = "skipped: what is stored is at least as new"


@pytest.fixture
def world():
    world = World(CountingGateway(InMemoryGateway()))
    world.gateway.state.subscriptions["sub_1"] = subscription_object("active", period_end=T + 99)
    return world


def completed(world, created=T, account="user_a"):
    session = {"mode": "subscription", "subscription": "sub_1", "client_reference_id": account}
    return world.send("checkout.session.completed", session, created)


def store(world, observed_at, status="active", account="user_a"):
    metadata = {"account_id": account} if account else {}
    world.send("customer.subscription.updated", subscription_object(status, metadata=metadata), observed_at)
    assert world.subscriptions.get("sub_1").stripe_observed_at == observed_at


@pytest.mark.parametrize(("stored_at", "reads"), [(T - 1, 1), (T, 0), (T + 1, 0)])
def test_older_stored_state_is_read_again_and_equal_or_newer_is_kept(world, stored_at, reads):
    store(world, stored_at)
    outcome = completed(world)
    assert world.gateway.calls == ["retrieve_subscription"] * reads
    saved = world.subscriptions.get("sub_1")
    if reads:
        assert outcome == "updated" and saved.stripe_observed_at == world.clock.now().timestamp()
    else:
        assert outcome == SKIPPED and saved.stripe_observed_at == stored_at


def test_nothing_stored_is_read_and_recorded(world):
    assert completed(world) == "created"
    assert world.gateway.calls == ["retrieve_subscription"]
    assert world.subscriptions.get("sub_1").account_id == "user_a"


def test_a_newer_state_without_the_owner_is_read_so_the_checkout_links_it(world):
    store(world, T + 1, account=None)
    assert completed(world) == "updated"
    assert world.gateway.calls == ["retrieve_subscription"]
    assert world.subscriptions.get("sub_1").account_id == "user_a"


def test_a_canceled_subscription_is_never_read_again_for_a_late_checkout_event(world):
    store(world, T - 5, status="canceled")
    assert completed(world) == SKIPPED and world.gateway.calls == []
    assert world.subscriptions.get("sub_1").status == "canceled"


def test_a_checkout_naming_another_owner_is_skipped_but_logged_and_never_relinks(world, caplog):
    store(world, T + 1, account="user_a")
    with caplog.at_level(logging.ERROR):
        assert completed(world, account="user_m") == SKIPPED
    assert world.subscriptions.get("sub_1").account_id == "user_a"
    assert any(getattr(r, "named_account_id", None) == "user_m" for r in caplog.records)
