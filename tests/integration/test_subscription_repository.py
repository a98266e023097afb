"""The order-safe apply, against MongoDB (either tier) and the in-memory fake: same rule, same results."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from pymongo.errors import DuplicateKeyError

from saas_billing.domain.schemas.billing.subscription import ApplyOutcome, SubscriptionSnapshot
from saas_billing.repo.mongodb.subscription_repository import MongoSubscriptionRepository
from saas_billing.usecase.billing.record_subscription import RecordSubscription
from tests.fakes.clock import FakeClock
from tests.fakes.subscription_repository import InMemorySubscriptionRepository
from tests.support.subscriptions import snapshot

OBSERVED = FakeClock().now().timestamp() - 60  # Stripe's time of the snapshot: a minute ago


@pytest.fixture(params=["mongo", "fake"])
def repository(request, database):
    if request.param == "mongo":
        return MongoSubscriptionRepository(database)
    return InMemorySubscriptionRepository()


def record(repository, snap):
    return RecordSubscription(repository, FakeClock()).execute(snap)


def test_first_snapshot_creates_and_a_newer_one_updates(repository):
    assert record(repository, snapshot(1000)) is ApplyOutcome.CREATED
    assert record(repository, snapshot(1001, status="past_due")) is ApplyOutcome.UPDATED
    assert repository.get("sub_123").status == "past_due"


def test_get_finds_the_subscription_asked_for_among_several(repository):
    for sub_id, status in [("sub_a", "active"), ("sub_b", "past_due"), ("sub_c", "trialing")]:
        record(repository, snapshot(OBSERVED, id=sub_id, status=status))
    assert [repository.get(s).status for s in ("sub_c", "sub_b", "sub_a")] == [
        "trialing",
        "past_due",
        "active",
    ]
    assert repository.get("sub_unknown") is None


def test_a_subscription_is_stored_under_the_field_names_its_indexes_and_readers_use(database):
    now = FakeClock().now()
    period_end = now + timedelta(days=30)
    MongoSubscriptionRepository(database).apply(
        snapshot(OBSERVED, account_id="user_1", current_period_end=period_end), now
    )
    assert database["subscriptions"].find_one({}, {"_id": 0}) == {
        "stripe_subscription_id": "sub_123",
        "stripe_customer_id": "cus_123",
        "customer_email": "ada@example.com",
        "customer_name": "Ada",
        "price_id": "price_pro_monthly",
        "product_id": "prod_pro",
        "status": "active",
        "current_period_end": period_end,
        "cancel_at_period_end": False,
        "cancel_at": None,
        "account_id": "user_1",
        "stripe_observed_at": OBSERVED,
        "created_at": now,
        "updated_at": now,
    }


def test_an_older_snapshot_never_overwrites_a_newer_one(repository):
    record(repository, snapshot(2000, status="active", cancel_at_period_end=True))
    assert record(repository, snapshot(1000, status="incomplete")) is ApplyOutcome.STALE
    saved = repository.get("sub_123")
    assert (saved.status, saved.cancel_at_period_end) == ("active", True)


def test_the_same_snapshot_twice_is_stale_the_second_time(repository):
    record(repository, snapshot(1000))
    assert record(repository, snapshot(1000)) is ApplyOutcome.STALE


def test_canceled_is_final_even_against_a_later_update_in_the_same_second(repository):
    record(repository, snapshot(1000, status="canceled"))
    assert record(repository, snapshot(1000, status="active")) is ApplyOutcome.STALE
    assert record(repository, snapshot(1005, status="active")) is ApplyOutcome.STALE
    assert repository.get("sub_123").status == "canceled"


def test_a_later_snapshot_without_account_or_customer_details_keeps_them(repository):
    record(repository, snapshot(1000, account_id="user_1"))
    record(repository, snapshot(1001, status="past_due", customer_email=None, customer_name=None))
    saved = repository.get("sub_123")
    assert (saved.account_id, saved.customer_email, saved.customer_name) == (
        "user_1",
        "ada@example.com",
        "Ada",
    )
    assert saved.status == "past_due"


def concurrent_first_records(database) -> list[ApplyOutcome]:
    repository = MongoSubscriptionRepository(database)
    snaps = [snapshot(1000 + i % 3) for i in range(16)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(lambda s: record(repository, s), snaps))


def test_concurrent_records_leave_exactly_one_document_with_the_newest_view(database):
    concurrent_first_records(database)
    assert database["subscriptions"].count_documents({}) == 1
    assert MongoSubscriptionRepository(database).get("sub_123").stripe_observed_at == 1002


def test_concurrent_first_records_report_exactly_one_creation(database, upsert_race_misreported_on_secantus):
    assert concurrent_first_records(database).count(ApplyOutcome.CREATED) == 1


def losing_the_insert_race_to(database, competitor: SubscriptionSnapshot) -> MongoSubscriptionRepository:
    """A repository whose next first write finds `competitor` inserted between its miss and its insert."""
    repository = MongoSubscriptionRepository(database)
    real = repository._collection.find_one_and_update

    def competitor_inserts_first(*args, **kwargs):
        repository._collection.find_one_and_update = real
        record(repository, competitor)
        raise DuplicateKeyError("E11000 duplicate key error")

    repository._collection.find_one_and_update = competitor_inserts_first
    return repository


def test_a_first_write_that_loses_the_insert_race_is_still_applied_when_newer(database):
    """The server does not retry a duplicate-key upsert for this filter: replay the interleaving by hand."""
    repository = losing_the_insert_race_to(database, snapshot(1000, status="incomplete"))  # older wins
    assert record(repository, snapshot(1001, status="active")) is ApplyOutcome.UPDATED
    assert repository.get("sub_123").status == "active"


def test_an_older_first_write_that_loses_the_insert_race_stays_stale(database):
    repository = losing_the_insert_race_to(database, snapshot(1001, status="active"))
    assert record(repository, snapshot(1000, status="incomplete")) is ApplyOutcome.STALE
    assert repository.get("sub_123").status == "active"


def test_the_owner_is_set_once_and_a_later_write_naming_another_account_keeps_it(repository, caplog):
    record(repository, snapshot(1000, account_id="user_ada"))
    assert record(repository, snapshot(1001, status="past_due", account_id="user_mallory")) is (
        ApplyOutcome.UPDATED
    )
    saved = repository.get("sub_123")
    assert (saved.account_id, saved.status) == ("user_ada", "past_due"), "the rest of the write applies"
    [error] = [r for r in caplog.records if r.levelname == "ERROR"]
    assert (error.account_id, error.named_account_id) == ("user_ada", "user_mallory")


def test_an_unlinked_subscription_is_linked_by_the_first_write_naming_an_account(repository, caplog):
    record(repository, snapshot(1000))
    record(repository, snapshot(1001, account_id="user_ada"))
    record(repository, snapshot(1002, account_id="user_mallory"))
    record(repository, snapshot(1003))
    assert repository.get("sub_123").account_id == "user_ada"
    assert [r.named_account_id for r in caplog.records if r.levelname == "ERROR"] == ["user_mallory"]


def test_a_stale_write_neither_links_nor_moves_the_owner(repository):
    record(repository, snapshot(1005))
    assert record(repository, snapshot(1000, account_id="user_mallory")) is ApplyOutcome.STALE
    assert repository.get("sub_123").account_id is None


def test_a_write_that_loses_the_insert_race_still_keeps_the_first_owner(database, caplog):
    repository = losing_the_insert_race_to(database, snapshot(1000, account_id="user_ada"))
    assert record(repository, snapshot(1001, account_id="user_mallory")) is ApplyOutcome.UPDATED
    assert repository.get("sub_123").account_id == "user_ada"
    assert [r.named_account_id for r in caplog.records if r.levelname == "ERROR"] == ["user_mallory"]
