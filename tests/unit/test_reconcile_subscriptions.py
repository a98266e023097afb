"""Reconciliation with the in-memory gateway: drift is found, repaired once, and then left alone."""

from __future__ import annotations

import pytest

from saas_billing.domain.schemas.billing.reconciliation import ChangedSubscription
from saas_billing.domain.schemas.billing.subscription import ApplyOutcome
from saas_billing.infra.external_api.service.in_memory.gateway import InMemoryGateway
from saas_billing.infra.external_api.service.stripe_shapes import to_subscription_snapshot
from saas_billing.repo.interface.sync_checkpoint_repository import SyncCheckpoint
from saas_billing.usecase.billing.reconcile_subscriptions import CHECKPOINT, OVERLAP, ReconcileSubscriptions
from tests.fakes.clock import FakeClock
from tests.fakes.subscription_repository import InMemorySubscriptionRepository
from tests.fakes.sync_checkpoint_repository import InMemorySyncCheckpointRepository
from tests.support.subscriptions import snapshot
from tests.support.webhooks import subscription_object


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def gateway():
    return InMemoryGateway()


@pytest.fixture
def repository():
    return InMemorySubscriptionRepository()


@pytest.fixture
def checkpoints():
    return InMemorySyncCheckpointRepository()


@pytest.fixture
def reconcile(gateway, repository, checkpoints, clock):
    return ReconcileSubscriptions(gateway, repository, checkpoints, clock)


def stripe_changes(gateway, clock, *subscriptions):
    """Subscriptions as Stripe has them, each with the event Stripe logged for its last change."""
    for obj in subscriptions:
        gateway.state.subscriptions[obj["id"]] = obj
        gateway.state.record_event("customer.subscription.updated", obj, created=clock.now().timestamp() - 60)


def test_drift_is_repaired_and_a_second_run_changes_nothing(reconcile, gateway, repository, clock):
    now = clock.now().timestamp()
    repository.apply(snapshot(now - 100, id="sub_drift", status="active"), clock.now())  # missed: past_due
    in_sync = subscription_object("active", subscription_id="sub_ok")
    repository.apply(to_subscription_snapshot(in_sync, observed_at=now - 100), clock.now())
    stripe_changes(
        gateway,
        clock,
        subscription_object("past_due", subscription_id="sub_drift", customer="cus_123"),
        in_sync,
        subscription_object("active", subscription_id="sub_lost"),  # its webhooks never arrived
    )
    first = reconcile.execute()
    assert (first.examined, first.repaired, first.unchanged, first.failed) == (3, 2, 1, 0)
    assert repository.get("sub_drift").status == "past_due"
    assert repository.get("sub_lost").status == "active"
    clock.advance(hours=1)
    second = reconcile.execute()
    assert (second.repaired, second.failed) == (0, 0)
    assert second.unchanged == second.examined


def test_the_checkpoint_moves_forward_and_bounds_the_next_listing(reconcile, checkpoints, gateway, clock):
    first = reconcile.execute()
    assert checkpoints.get(CHECKPOINT).covered_until == first.checkpoint == clock.now().timestamp()
    clock.advance(hours=1)
    second = reconcile.execute()
    assert second.since == first.checkpoint - OVERLAP.total_seconds()


def test_a_failed_read_keeps_the_checkpoint_so_the_next_run_retries(reconcile, gateway, checkpoints, clock):
    stripe_changes(gateway, clock, subscription_object(subscription_id="sub_1"))
    del gateway.state.subscriptions["sub_1"]  # listed, but the read fails
    report = reconcile.execute()
    assert (report.failed, report.checkpoint) == (1, None)
    assert checkpoints.get(CHECKPOINT) is None


def test_a_newer_webhook_that_lands_first_is_never_overwritten(reconcile, gateway, repository, clock):
    stripe_changes(gateway, clock, subscription_object("past_due", subscription_id="sub_1"))
    future = clock.now().timestamp() + 30  # a webhook newer than the repair's read
    assert (
        repository.apply(snapshot(future, id="sub_1", status="canceled"), clock.now()) is ApplyOutcome.CREATED
    )
    report = reconcile.execute()
    assert (report.repaired, report.unchanged) == (0, 1)
    assert repository.get("sub_1").status == "canceled"


def test_an_explicit_since_overrides_the_checkpoint(reconcile, gateway, clock):
    stripe_changes(gateway, clock, subscription_object(subscription_id="sub_1"))
    assert reconcile.execute(since=clock.now().timestamp()).examined == 0
    assert reconcile.execute(since=0).examined == 1


def test_a_manual_window_that_starts_after_the_checkpoint_leaves_it_alone(reconcile, checkpoints, clock):
    checkpoints.set(CHECKPOINT, SyncCheckpoint(clock.now().timestamp() - 7200), clock.now())
    report = reconcile.execute(since=clock.now().timestamp() - 600)  # `make reconcile SINCE=...`
    assert report.checkpoint is None
    assert (
        checkpoints.get(CHECKPOINT).covered_until == clock.now().timestamp() - 7200
    )  # the gap is still ahead


def test_a_manual_window_that_covers_the_checkpoint_moves_it(reconcile, checkpoints, clock):
    checkpoints.set(CHECKPOINT, SyncCheckpoint(clock.now().timestamp() - 7200), clock.now())
    report = reconcile.execute(since=clock.now().timestamp() - 9000)
    assert checkpoints.get(CHECKPOINT).covered_until == report.checkpoint == clock.now().timestamp()


def test_with_no_checkpoint_a_manual_window_must_cover_the_lookback(reconcile, checkpoints, clock):
    assert reconcile.execute(since=clock.now().timestamp() - 600).checkpoint is None
    assert checkpoints.get(CHECKPOINT) is None


def test_the_in_memory_listing_spans_each_subscriptions_changes_oldest_first(gateway, clock):
    now = clock.now().timestamp()
    for created, subscription_id in [(now - 30, "sub_b"), (now - 50, "sub_a"), (now - 10, "sub_a")]:
        gateway.state.record_event("customer.subscription.updated", {"id": subscription_id}, created=created)
    gateway.state.record_event("invoice.paid", {"id": "in_1"}, created=now - 40)
    gateway.state.record_event("customer.subscription.created", {"id": "sub_old"}, created=now - 90)
    assert gateway.list_subscription_changes_since(now - 60) == [
        ChangedSubscription("sub_a", now - 50, now - 10),
        ChangedSubscription("sub_b", now - 30, now - 30),
    ]
