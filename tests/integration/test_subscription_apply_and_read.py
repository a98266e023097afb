"""`apply_and_read` answers with the document the write left, exactly what a read right after would return,
without that read when the write returned what it found (against MongoDB, either tier, and the fake)."""

from __future__ import annotations

import logging

import pytest

from saas_billing.domain.schemas.billing.subscription import ApplyOutcome
from saas_billing.repo.mongodb.subscription_repository import MongoSubscriptionRepository
from tests.fakes.clock import FakeClock
from tests.integration.test_subscription_repository import repository  # noqa: F401 (fixture: Mongo and fake)
from tests.support.subscriptions import snapshot


@pytest.fixture
def clock():
    return FakeClock()  # microseconds included: the answer must match what the database keeps


def applied(repository, clock, snap, outcome):
    clock.advance(seconds=1.234567)
    got, saved = repository.apply_and_read(snap, clock.now())
    assert got is outcome
    assert saved == repository.get(snap.id)
    return saved


def test_created_updated_and_stale_writes_answer_with_the_stored_document(repository, clock):
    created = applied(repository, clock, snapshot(1000, account_id="acct_a"), ApplyOutcome.CREATED)
    assert (created.status, created.account_id) == ("active", "acct_a")
    updated = applied(
        repository, clock, snapshot(1001, status="past_due", customer_email=None), ApplyOutcome.UPDATED
    )
    assert (updated.status, updated.customer_email, updated.account_id) == (
        "past_due",
        "ada@example.com",
        "acct_a",
    )
    assert updated.created_at == created.created_at and updated.updated_at > created.updated_at
    stale = applied(repository, clock, snapshot(999, status="canceled"), ApplyOutcome.STALE)
    assert stale == updated


def test_a_write_naming_the_owner_of_an_unlinked_subscription_answers_with_the_link(repository, clock):
    applied(repository, clock, snapshot(1000), ApplyOutcome.CREATED)
    linked = applied(repository, clock, snapshot(1001, account_id="acct_a"), ApplyOutcome.UPDATED)
    assert linked.account_id == "acct_a"


def test_a_write_naming_another_owner_answers_with_the_owner_kept(repository, clock, caplog):
    applied(repository, clock, snapshot(1000, account_id="acct_a"), ApplyOutcome.CREATED)
    with caplog.at_level(logging.ERROR):
        kept = applied(repository, clock, snapshot(1001, account_id="acct_m"), ApplyOutcome.UPDATED)
    assert kept.account_id == "acct_a"
    assert any(getattr(r, "named_account_id", None) == "acct_m" for r in caplog.records)


def test_the_mongo_write_needs_no_read_after_it(database, clock):
    repository = MongoSubscriptionRepository(database)
    reads = []
    real_get = repository.get
    repository.get = lambda subscription_id: reads.append(subscription_id) or real_get(subscription_id)
    applied(repository, clock, snapshot(1000), ApplyOutcome.CREATED)
    applied(repository, clock, snapshot(1001), ApplyOutcome.UPDATED)
    assert len(reads) == 2  # the test's own comparisons only
    applied(repository, clock, snapshot(999), ApplyOutcome.STALE)
    assert len(reads) == 4  # a stale write reads what is stored instead
