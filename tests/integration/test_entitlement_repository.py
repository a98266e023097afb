"""Stored entitlements, against MongoDB (either tier) and the in-memory fake: one newest-wins rule, and a
revision that grows only when the set of lookup keys changes."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from pymongo.errors import DuplicateKeyError

from saas_billing.domain.schemas.billing.subscription import ApplyOutcome
from saas_billing.domain.schemas.entitlements.account_entitlements import EntitlementSnapshot
from saas_billing.repo.mongodb.entitlement_repository import MongoEntitlementRepository
from tests.fakes.clock import FakeClock
from tests.fakes.entitlement_repository import InMemoryEntitlementRepository

OBSERVED = FakeClock().now().timestamp() - 60


@pytest.fixture(params=["mongo", "fake"])
def repository(request, database):
    if request.param == "mongo":
        return MongoEntitlementRepository(database)
    return InMemoryEntitlementRepository()


def apply(repository, offset, *keys, customer="cus_1", account="user_1"):
    snap = EntitlementSnapshot(customer, tuple(keys), OBSERVED + offset, account_id=account)
    return repository.apply(snap, FakeClock().now()).outcome


def test_first_snapshot_creates_at_revision_one_with_sorted_keys(repository):
    assert apply(repository, 0, "support.priority", "projects.unlimited") is ApplyOutcome.CREATED
    stored = repository.for_customer("cus_1")
    assert (stored.lookup_keys, stored.revision, stored.account_id) == (
        ("projects.unlimited", "support.priority"),
        1,
        "user_1",
    )
    assert repository.for_account("user_1") == stored


def test_the_revision_grows_only_when_the_keys_change(repository):
    apply(repository, 0, "projects.basic")
    assert apply(repository, 1, "projects.basic") is ApplyOutcome.UPDATED
    assert repository.for_customer("cus_1").revision == 1
    assert apply(repository, 2, "projects.unlimited", "support.priority") is ApplyOutcome.UPDATED
    assert repository.for_customer("cus_1").revision == 2
    assert apply(repository, 3) is ApplyOutcome.UPDATED  # the end: no features left
    stored = repository.for_customer("cus_1")
    assert (stored.lookup_keys, stored.revision, stored.observed_at) == ((), 3, OBSERVED + 3)


def test_an_older_snapshot_is_stale_and_changes_nothing(repository):
    apply(repository, 10, "projects.unlimited")
    assert apply(repository, 5, "projects.basic") is ApplyOutcome.STALE
    stored = repository.for_customer("cus_1")
    assert (stored.lookup_keys, stored.revision, stored.observed_at) == (
        ("projects.unlimited",),
        1,
        OBSERVED + 10,
    )


def test_a_snapshot_without_an_account_keeps_the_known_one(repository):
    apply(repository, 0, "projects.basic")
    apply(repository, 1, "projects.unlimited", account=None)
    assert repository.for_account("user_1").lookup_keys == ("projects.unlimited",)


def test_lookups_find_only_their_own_customer_and_account(repository):
    apply(repository, 0, "projects.basic")
    apply(repository, 0, "projects.unlimited", customer="cus_2", account="user_2")
    assert repository.for_account("user_2").customer_id == "cus_2"
    assert repository.for_customer("cus_1").lookup_keys == ("projects.basic",)
    assert repository.for_customer("cus_unknown") is None
    assert repository.for_account("user_unknown") is None


def test_an_operator_shaped_id_matches_nothing(database):
    repository = MongoEntitlementRepository(database)
    apply(repository, 0, "projects.basic")
    assert repository.for_account({"$ne": "x"}) is None
    assert repository.for_customer({"$ne": "x"}) is None


def concurrent_first_writes(repository) -> list[ApplyOutcome]:
    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(lambda i: apply(repository, i % 2, "projects.basic"), range(16)))


def test_concurrent_first_writes_leave_one_document_and_one_revision(repository):
    concurrent_first_writes(repository)
    stored = repository.for_customer("cus_1")
    assert (stored.revision, stored.observed_at) == (1, OBSERVED + 1)


def test_concurrent_first_writes_report_exactly_one_creation(request, repository):
    if isinstance(repository, MongoEntitlementRepository):
        request.getfixturevalue("upsert_race_misreported_on_secantus")
    assert concurrent_first_writes(repository).count(ApplyOutcome.CREATED) == 1


def losing_the_insert_race_to(database, offset, *keys) -> MongoEntitlementRepository:
    """A repository whose next first write finds a competitor's snapshot inserted between its miss and its
    insert: mongod refuses that upsert with E11000 and does not retry it (the filter is not `_id` alone)."""
    repository = MongoEntitlementRepository(database)
    real = repository._collection.find_one_and_update

    def competitor_inserts_first(*args, **kwargs):
        repository._collection.find_one_and_update = real
        apply(repository, offset, *keys)
        raise DuplicateKeyError("E11000 duplicate key error")

    repository._collection.find_one_and_update = competitor_inserts_first
    return repository


def write_after_losing(repository, offset, *keys):
    return repository.apply(
        EntitlementSnapshot("cus_1", keys, OBSERVED + offset, account_id="user_1"), FakeClock().now()
    )


@pytest.mark.parametrize(
    ("keys", "keys_changed", "revision"),
    [(("projects.unlimited",), True, 2), (("projects.basic",), False, 1)],
)
def test_a_first_write_that_loses_the_insert_race_is_applied_when_newer(
    database, keys, keys_changed, revision
):
    repository = losing_the_insert_race_to(database, 0, "projects.basic")
    write = write_after_losing(repository, 1, *keys)
    assert (write.outcome, write.keys_changed, write.account_id) == (
        ApplyOutcome.UPDATED,
        keys_changed,
        "user_1",
    )
    stored = repository.for_customer("cus_1")
    assert (stored.lookup_keys, stored.revision, stored.observed_at) == (keys, revision, OBSERVED + 1)


def test_an_older_first_write_that_loses_the_insert_race_stays_stale(database):
    repository = losing_the_insert_race_to(database, 1, "projects.basic")
    write = write_after_losing(repository, 0, "projects.unlimited")
    assert (write.outcome, write.keys_changed) == (ApplyOutcome.STALE, False)
    stored = repository.for_customer("cus_1")
    assert (stored.lookup_keys, stored.revision, stored.observed_at) == (("projects.basic",), 1, OBSERVED + 1)


def test_stored_under_the_fields_its_index_and_readers_use(database):
    now = FakeClock().now()
    MongoEntitlementRepository(database).apply(
        EntitlementSnapshot("cus_1", ("b", "a"), OBSERVED, account_id="user_1"), now
    )
    document = database["entitlements"].find_one({})
    assert {k: document[k] for k in ("_id", "account_id", "lookup_keys", "observed_at", "revision")} == {
        "_id": "cus_1",
        "account_id": "user_1",
        "lookup_keys": ["a", "b"],
        "observed_at": OBSERVED,
        "revision": 1,
    }


def test_an_account_with_two_customers_keeps_the_features_of_both(repository):
    """A deleted customer is replaced by a new one; the old one listed later (no entitlements, stamped
    now) must not hide what the new one grants."""
    apply(repository, 100, "projects.basic", customer="cus_old")
    apply(repository, 200, "projects.unlimited", "support.priority", customer="cus_new")
    before = repository.for_account("user_1")
    apply(repository, 300, customer="cus_old")
    stored = repository.for_account("user_1")
    assert stored.lookup_keys == ("projects.unlimited", "support.priority")
    assert stored.revision > before.revision  # the account's features changed: older tokens refresh
    assert stored.observed_at == OBSERVED + 300


def test_the_account_revision_grows_whenever_any_of_its_customers_changes(repository):
    revisions = []
    for offset, customer, keys in [
        (0, "cus_old", ("projects.basic",)),
        (1, "cus_new", ("projects.basic",)),  # the union is the same, the revision still grows
        (2, "cus_new", ("projects.unlimited",)),
        (3, "cus_old", ()),
    ]:
        apply(repository, offset, *keys, customer=customer)
        revisions.append(repository.for_account("user_1").revision)
    assert revisions == sorted(set(revisions))
    apply(repository, 4, "projects.unlimited", customer="cus_new")  # no change: no new revision
    assert repository.for_account("user_1").revision == revisions[-1]


def test_each_write_says_whether_it_changed_the_key_set(repository):
    """RecordEntitlements tells sessions from this answer: it is read in the write's own atomic step."""

    def write(offset, *keys, account="user_1"):
        snap = EntitlementSnapshot("cus_1", keys, OBSERVED + offset, account_id=account)
        return repository.apply(snap, FakeClock().now())

    first = write(0, "projects.basic")
    assert (first.outcome, first.keys_changed, first.account_id) == (ApplyOutcome.CREATED, True, "user_1")
    assert write(1, "projects.basic").keys_changed is False
    assert write(2, "projects.unlimited").keys_changed is True
    back = write(3, "projects.basic", account=None)
    assert (back.keys_changed, back.account_id) == (True, "user_1")  # the stored account, when not sent
    stale = write(1, "projects.unlimited")
    assert (stale.outcome, stale.keys_changed) == (ApplyOutcome.STALE, False)
    assert repository.for_customer("cus_1").revision == 3  # created, then two changes of the set
