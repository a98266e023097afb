"""Billing notices and sync checkpoints in MongoDB."""

from __future__ import annotations

from saas_billing.domain.schemas.billing.billing_notice import TRIAL_WILL_END, BillingNotice
from saas_billing.repo.interface.sync_checkpoint_repository import SyncCheckpoint
from saas_billing.repo.mongodb.billing_notice_repository import MongoBillingNoticeRepository
from saas_billing.repo.mongodb.sync_checkpoint_repository import MongoSyncCheckpointRepository
from tests.fakes.clock import FakeClock


def notice(event_id: str, due_at=None) -> BillingNotice:
    now = FakeClock().now()
    return BillingNotice(TRIAL_WILL_END, "sub_1", "cus_1", "user_1", due_at or now, event_id, now)


def test_a_notice_is_recorded_once_per_subscription_and_due_date(database):
    notices = MongoBillingNoticeRepository(database)
    assert notices.add(notice("evt_1")) is True
    assert notices.add(notice("evt_2")) is False  # the same trial end, told twice
    assert [n.event_id for n in notices.list_for_subscription("sub_1")] == ["evt_1"]


def test_checkpoints_start_empty_and_keep_the_last_value(database):
    checkpoints = MongoSyncCheckpointRepository(database)
    assert checkpoints.get("stripe_subscriptions") is None
    checkpoints.set("stripe_subscriptions", SyncCheckpoint(1000.5, {"sub_1": 1}), FakeClock().now())
    checkpoints.set("stripe_subscriptions", SyncCheckpoint(2000.5, {"sub_2": 2}), FakeClock().now())
    assert checkpoints.get("stripe_subscriptions") == SyncCheckpoint(2000.5, {"sub_2": 2})
    checkpoints.set("stripe_subscriptions", SyncCheckpoint(3000.5), FakeClock().now())
    assert checkpoints.get("stripe_subscriptions") == SyncCheckpoint(3000.5, {})


def test_a_checkpoint_saved_before_failure_counts_reads_with_none(database):
    database["sync_checkpoints"].insert_one({"_id": "stripe_subscriptions", "covered_until": 1000.5})
    assert MongoSyncCheckpointRepository(database).get("stripe_subscriptions") == SyncCheckpoint(1000.5)
