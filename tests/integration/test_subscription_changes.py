"""Partial changes (invoices, customer deletion) follow the same ordering rule as snapshots, in both stores."""

from __future__ import annotations

from datetime import timedelta

import pytest

from saas_billing.domain.schemas.billing.subscription import ApplyOutcome
from saas_billing.domain.schemas.billing.subscription_change import SubscriptionChange
from saas_billing.repo.mongodb.subscription_repository import MongoSubscriptionRepository
from tests.fakes.clock import FakeClock
from tests.fakes.subscription_repository import InMemorySubscriptionRepository
from tests.support.subscriptions import snapshot

LATER = FakeClock().now() + timedelta(days=61)


@pytest.fixture(params=["mongo", "fake"])
def repository(request):
    if request.param == "mongo":
        return MongoSubscriptionRepository(request.getfixturevalue("database"))
    return InMemorySubscriptionRepository()


def change(repository, observed_at, **fields):
    return repository.apply_change(SubscriptionChange("sub_123", observed_at, **fields), FakeClock().now())


def test_a_newer_change_sets_only_its_fields(repository):
    repository.apply(snapshot(1000, cancel_at_period_end=True), FakeClock().now())
    assert change(repository, 1001, status="past_due", current_period_end=LATER) is ApplyOutcome.UPDATED
    saved = repository.get("sub_123")
    assert (saved.status, saved.current_period_end, saved.cancel_at_period_end) == ("past_due", LATER, True)
    assert (saved.price_id, saved.stripe_observed_at) == ("price_pro_monthly", 1001)


def test_a_change_without_status_keeps_the_status(repository):
    repository.apply(snapshot(1000, status="trialing"), FakeClock().now())
    assert change(repository, 1001, current_period_end=LATER) is ApplyOutcome.UPDATED
    assert repository.get("sub_123").status == "trialing"


def test_an_older_change_is_stale(repository):
    repository.apply(snapshot(2000), FakeClock().now())
    assert change(repository, 1000, status="past_due") is ApplyOutcome.STALE
    assert change(repository, 2000, status="past_due") is ApplyOutcome.STALE
    assert repository.get("sub_123").status == "active"


def test_a_change_never_revives_a_canceled_subscription(repository):
    repository.apply(snapshot(1000, status="canceled"), FakeClock().now())
    assert change(repository, 5000, status="active") is ApplyOutcome.STALE
    assert repository.get("sub_123").status == "canceled"


def test_a_newer_snapshot_wins_over_a_change(repository):
    repository.apply(snapshot(1000), FakeClock().now())
    change(repository, 1001, status="past_due")
    assert repository.apply(snapshot(1000, status="active"), FakeClock().now()) is ApplyOutcome.STALE
    assert repository.apply(snapshot(1002, status="active"), FakeClock().now()) is ApplyOutcome.UPDATED


def test_a_change_stamps_when_it_was_applied(repository):
    recorded = FakeClock().now()
    repository.apply(snapshot(1000), recorded)
    applied = recorded + timedelta(minutes=5)
    repository.apply_change(SubscriptionChange("sub_123", 1001, status="past_due"), applied)
    saved = repository.get("sub_123")
    assert (saved.created_at, saved.updated_at) == (recorded, applied)


def test_a_change_for_an_unknown_subscription_creates_nothing(repository):
    repository.apply(snapshot(1000, id="sub_other"), FakeClock().now())
    assert change(repository, 1000, status="past_due") is ApplyOutcome.MISSING
    assert repository.get("sub_123") is None
