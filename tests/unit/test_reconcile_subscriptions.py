"""Reconciliation with the in-memory gateway: drift is found, repaired once, and then left alone."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest

from saas_billing.domain.schemas.billing.reconciliation import ChangedSubscription
from saas_billing.domain.schemas.entitlements.account_entitlements import EntitlementSnapshot
from saas_billing.infra.exception.errors import UpstreamError
from saas_billing.infra.external_api.service.in_memory.customers import add_customer
from saas_billing.infra.external_api.service.stripe_shapes import to_subscription_snapshot
from saas_billing.repo.interface.sync_checkpoint_repository import SyncCheckpoint
from saas_billing.usecase.billing.reconcile_subscriptions import CHECKPOINT, OVERLAP, ReconcileSubscriptions
from saas_billing.usecase.entitlements.record_entitlements import RecordEntitlements
from saas_billing.usecase.entitlements.sync_entitlements import SyncEntitlements
from tests.fakes.clock import FakeClock
from tests.fakes.customer_account_repository import InMemoryCustomerAccountRepository
from tests.fakes.entitlement_repository import InMemoryEntitlementRepository
from tests.fakes.sync_checkpoint_repository import InMemorySyncCheckpointRepository
from tests.support.subscriptions import snapshot
from tests.support.webhooks import subscription_object


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def checkpoints():
    return InMemorySyncCheckpointRepository()


@pytest.fixture
def reconcile(gateway, repository, checkpoints, clock):
    return ReconcileSubscriptions(gateway, repository, checkpoints, clock)


@pytest.fixture
def reads(gateway, clock):
    """Stripe reads that take `seconds`, fail for ids in `failing`, and run `meanwhile` during the call."""
    retrieve = gateway.retrieve_subscription
    reads = SimpleNamespace(seconds=0, failing=set(), meanwhile=None, count=0)

    def slow_or_failing(subscription_id, *, observed_at):
        reads.count += 1
        clock.advance(seconds=reads.seconds)
        if reads.meanwhile:
            reads.meanwhile()
        if subscription_id in reads.failing:
            raise UpstreamError("Payment provider error")
        return retrieve(subscription_id, observed_at=observed_at)

    gateway.retrieve_subscription = slow_or_failing
    return reads


def stripe_changes(gateway, clock, *subscriptions, ago=60):
    """Subscriptions as Stripe has them, each with the event Stripe logged for its last change."""
    for obj in subscriptions:
        gateway.state.subscriptions[obj["id"]] = obj
        gateway.state.record_event(
            "customer.subscription.updated", obj, created=clock.now().timestamp() - ago
        )


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


def test_a_failed_read_holds_the_checkpoint_at_its_oldest_change(
    reconcile, gateway, reads, checkpoints, clock
):
    now = clock.now().timestamp()
    for subscription_id, hours_ago in [("sub_a", 3), ("sub_b", 2), ("sub_c", 1)]:
        stripe_changes(
            gateway, clock, subscription_object(subscription_id=subscription_id), ago=hours_ago * 3600
        )
    reads.failing.add("sub_b")
    report = reconcile.execute()
    assert (report.examined, report.repaired, report.failed, report.skipped) == (3, 2, 1, 0)
    assert checkpoints.get(CHECKPOINT) == SyncCheckpoint(now - 2 * 3600, {"sub_b": 1})
    reads.failing.clear()
    clock.advance(hours=1)
    retry = reconcile.execute()
    assert (retry.examined, retry.repaired, retry.failed) == (2, 1, 0)  # sub_b, and sub_c again
    assert checkpoints.get(CHECKPOINT) == SyncCheckpoint(clock.now().timestamp(), {})


def test_an_id_that_keeps_failing_holds_the_checkpoint_for_three_runs_at_most(
    reconcile, gateway, reads, checkpoints, clock, caplog
):
    stripe_changes(gateway, clock, subscription_object(subscription_id="sub_bad"), ago=600)
    reads.failing.add("sub_bad")
    held = clock.now().timestamp() - 600
    for runs in (1, 2):
        assert reconcile.execute().skipped == 0
        assert checkpoints.get(CHECKPOINT) == SyncCheckpoint(held, {"sub_bad": runs})
        clock.advance(hours=1)
    third = reconcile.execute()
    assert (third.failed, third.skipped, third.checkpoint) == (1, 1, clock.now().timestamp())
    assert checkpoints.get(CHECKPOINT).failed_runs == {"sub_bad": 3}
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert any("sub_bad failed 3 runs in a row" in message for message in errors)
    clock.advance(hours=1)
    assert reconcile.execute().examined == 0  # its changes are behind the checkpoint now
    assert checkpoints.get(CHECKPOINT).failed_runs == {}


def test_a_subscription_deleted_in_stripe_is_handled_and_marked_canceled(
    reconcile, gateway, repository, checkpoints, clock
):
    now = clock.now().timestamp()
    repository.apply(snapshot(now - 100, id="sub_gone", status="active"), clock.now())
    stripe_changes(gateway, clock, subscription_object(subscription_id="sub_gone"))
    stripe_changes(gateway, clock, subscription_object(subscription_id="sub_never_stored"))
    del gateway.state.subscriptions["sub_gone"], gateway.state.subscriptions["sub_never_stored"]  # 404
    report = reconcile.execute()
    assert (report.examined, report.repaired, report.unchanged, report.failed) == (2, 1, 1, 0)
    assert checkpoints.get(CHECKPOINT) == SyncCheckpoint(now, {})
    gone = repository.get("sub_gone")
    assert (gone.status, gone.stripe_observed_at) == ("canceled", now)
    assert repository.get("sub_never_stored") is None


def test_a_run_stops_at_its_deadline_and_the_next_one_carries_on(
    reconcile, gateway, reads, repository, clock
):
    for subscription_id, hours_ago in [("sub_a", 3), ("sub_b", 2), ("sub_c", 1)]:
        stripe_changes(
            gateway, clock, subscription_object(subscription_id=subscription_id), ago=hours_ago * 3600
        )
    reads.seconds = 60
    started = clock.now()
    first = reconcile.execute(deadline=started + timedelta(seconds=90))
    assert (first.examined, first.repaired, first.deferred) == (2, 2, 1)
    assert first.checkpoint == started.timestamp() - 3600  # sub_c's change: not handled yet
    assert repository.get("sub_c") is None
    second = reconcile.execute(deadline=clock.now() + timedelta(seconds=90))
    assert (second.examined, second.repaired, second.deferred) == (1, 1, 0)
    assert second.checkpoint > started.timestamp()


def test_a_newer_webhook_that_lands_during_the_read_is_never_overwritten(
    reconcile, gateway, reads, repository, clock
):
    stripe_changes(gateway, clock, subscription_object("past_due", subscription_id="sub_1"))
    webhook = snapshot(clock.now().timestamp() + 30, id="sub_1", status="canceled")  # newer than the read
    reads.meanwhile = lambda: repository.apply(webhook, clock.now())
    report = reconcile.execute()
    assert (report.repaired, report.unchanged) == (0, 1)
    assert repository.get("sub_1").status == "canceled"


def test_a_subscription_read_after_its_newest_change_is_not_read_again(reconcile, gateway, reads, clock):
    stripe_changes(gateway, clock, subscription_object(subscription_id="sub_1"))
    assert reconcile.execute().repaired == 1
    clock.advance(minutes=2)
    again = reconcile.execute(since=clock.now().timestamp() - 3600)
    assert (again.examined, again.unchanged, reads.count) == (1, 1, 1)


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


def test_a_missed_entitlement_summary_is_repaired(gateway, repository, checkpoints, clock):
    """The subscription webhook arrived, the summary did not: the run lists the customer's entitlements."""
    entitlements = InMemoryEntitlementRepository()
    changed: list[str] = []
    customer = add_customer(gateway.state, None, "ada@example.com")["id"]
    sync = SyncEntitlements(
        gateway,
        RecordEntitlements(entitlements, clock, changed.append),
        InMemoryCustomerAccountRepository({customer: "user_1"}),
        clock,
    )
    reconcile = ReconcileSubscriptions(gateway, repository, checkpoints, clock, entitlement_sync=sync)
    pro = subscription_object("active", subscription_id="sub_pro", customer=customer)
    stripe_changes(gateway, clock, pro)
    repository.apply(to_subscription_snapshot(pro, observed_at=clock.now().timestamp()), clock.now())
    stale = EntitlementSnapshot(customer, ("projects.basic",), clock.now().timestamp() - 3600, "user_1")
    entitlements.apply(stale, clock.now())  # the Starter days; the summary of the switch was lost

    clock.advance(minutes=5)
    reconcile.execute()

    stored = entitlements.for_account("user_1")
    assert stored.lookup_keys == ("projects.unlimited", "support.priority")
    assert (stored.revision, stored.observed_at) == (2, clock.now().timestamp())
    assert changed == ["user_1"]
