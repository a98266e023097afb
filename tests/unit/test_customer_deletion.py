"""customer.deleted cancels every subscription of that customer for good, however many pages they fill."""

from __future__ import annotations

import pytest

from tests.support.event_world import World
from tests.support.webhooks import T, subscription_object


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
        == "canceled 2 subscription(s)"
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
    assert world.send("customer.deleted", {"id": "cus_1"}, created + 5) == "canceled 200 subscription(s)"
    assert pages == [None, "sub_100"]  # newest first
    assert {world.subscriptions.get(sub_id).status for sub_id in ids} == {"canceled"}
    assert world.subscriptions.get("sub_x").status == "active"
