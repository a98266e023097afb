"""customer.deleted cancels every subscription of that customer for good, however many pages they fill."""

from __future__ import annotations

import pytest

from tests.support.event_world import World
from tests.support.webhooks import SUMMARY, T, subscription_object, summary


@pytest.fixture
def world():
    return World()


def test_customer_deleted_cancels_that_customers_subscriptions_for_good(world):
    for sub_id, customer in [("sub_1", "cus_1"), ("sub_2", "cus_1"), ("sub_3", "cus_other")]:
        world.send(
            "customer.subscription.updated", subscription_object(subscription_id=sub_id, customer=customer), T
        )
    assert (
        world.send("customer.deleted", {"id": "cus_1", "object": "customer"}, T + 5)
        == "canceled 2 subscription(s); entitlements created"
    )
    world.send("customer.subscription.updated", subscription_object("active", subscription_id="sub_1"), T + 9)
    statuses = {s: world.subscriptions.get(s).status for s in ("sub_1", "sub_2", "sub_3")}
    assert statuses == {"sub_1": "canceled", "sub_2": "canceled", "sub_3": "active"}


def test_customer_deleted_reads_each_page_of_subscriptions_once(world, monkeypatch):
    """Two full pages of 100: both are read once and the loop ends on the last, which has no more after it."""
    created = world.a_minute_ago()
    ids = [f"sub_{n:03}" for n in range(200)]
    for sub_id in ids:
        world.send("customer.subscription.updated", subscription_object(subscription_id=sub_id), created)
    world.send(
        "customer.subscription.updated",
        subscription_object(subscription_id="sub_x", customer="cus_2"),
        created,
    )
    pages = []
    read_page = world.subscriptions.list

    def read_once(where, limit, starting_after=None):
        assert len(pages) < 2, f"page {len(pages) + 1} of 2 requested, after {pages}"  # no endless loop
        pages.append(starting_after)
        return read_page(where, limit, starting_after)

    monkeypatch.setattr(world.subscriptions, "list", read_once)
    assert (
        world.send("customer.deleted", {"id": "cus_1"}, created + 5)
        == "canceled 200 subscription(s); entitlements created"
    )
    assert pages == [None, "sub_100"]  # newest first
    assert {world.subscriptions.get(sub_id).status for sub_id in ids} == {"canceled"}
    assert world.subscriptions.get("sub_x").status == "active"


def test_customer_deleted_empties_that_customers_entitlements_and_the_account_keeps_the_new_ones(world):
    world.accounts.links["cus_2"] = "user_1"  # the replacement customer of the same account
    world.send(SUMMARY, summary("projects.basic"), T)
    world.send(SUMMARY, summary("projects.unlimited", customer="cus_2"), T + 1)
    before = world.entitlements.for_account("user_1").revision
    assert world.send("customer.deleted", {"id": "cus_1", "object": "customer"}, T + 5) == (
        "canceled 0 subscription(s); entitlements updated"
    )
    assert world.entitlements.for_customer("cus_1").lookup_keys == ()
    stored = world.entitlements.for_account("user_1")
    assert (stored.lookup_keys, stored.revision > before) == (("projects.unlimited",), True)
    assert world.changed_accounts[-1] == "user_1"
    # a summary older than the deletion, delivered late, does not bring the features back
    assert world.send(SUMMARY, summary("projects.basic"), T + 2) == "entitlements stale"
