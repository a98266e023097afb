"""Service API keys and request counters in MongoDB, and the dict fakes, held to the same tests."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from saas_billing.domain.schemas.api_keys.api_key import ENTITLEMENTS_READ
from saas_billing.repo.mongodb.api_key_repository import COLLECTION, MongoApiKeyRepository
from saas_billing.repo.mongodb.request_counter_repository import MongoRequestCounterRepository
from saas_billing.usecase.api_keys.manage_api_keys import CreateApiKey
from tests.fakes.api_key_repository import InMemoryApiKeyRepository, InMemoryRequestCounterRepository
from tests.fakes.clock import FakeClock


@pytest.fixture(params=["mongo", "fake"])
def keys(request, database):
    return MongoApiKeyRepository(database) if request.param == "mongo" else InMemoryApiKeyRepository()


@pytest.fixture(params=["mongo", "fake"])
def counters(request, database):
    return (
        MongoRequestCounterRepository(database)
        if request.param == "mongo"
        else InMemoryRequestCounterRepository()
    )


def test_keys_read_back_and_list_newest_first(keys):
    clock = FakeClock()
    older = CreateApiKey(keys, clock).execute("older", [ENTITLEMENTS_READ], "admin_1").api_key
    clock.advance(seconds=1)
    newer = CreateApiKey(keys, clock).execute("newer", [ENTITLEMENTS_READ], "admin_1").api_key
    assert keys.get(older.key_id) == older
    assert [k.key_id for k in keys.list()] == [newer.key_id, older.key_id]
    assert keys.get("0" * 16) is None


def test_the_stored_document_holds_no_secret(database):
    issued = CreateApiKey(MongoApiKeyRepository(database), FakeClock()).execute("r", [ENTITLEMENTS_READ], "a")
    document = database[COLLECTION].find_one({"_id": issued.api_key.key_id})
    secret = issued.key.rsplit("_", 1)[1]
    assert document["secret_hash"] == issued.api_key.secret_hash
    assert secret not in str(document) and issued.key not in str(document)
    repository = MongoApiKeyRepository(database)
    assert repository.get({"$ne": "x"}) is None  # an operator is matched literally, never as a query


def test_revoking_keeps_the_first_date_and_an_unknown_id_is_none(keys):
    clock = FakeClock()
    api_key = CreateApiKey(keys, clock).execute("r", [ENTITLEMENTS_READ], "a").api_key
    first = keys.revoke(api_key.key_id, clock.now())
    assert first.revoked_at == clock.now() and keys.get(api_key.key_id).revoked
    assert keys.revoke(api_key.key_id, clock.advance(minutes=1)).revoked_at == first.revoked_at
    assert keys.revoke("0" * 16, clock.now()) is None


def test_touch_writes_only_over_an_older_last_use(keys):
    clock = FakeClock()
    api_key = CreateApiKey(keys, clock).execute("r", [ENTITLEMENTS_READ], "a").api_key
    first = clock.now()
    keys.touch(api_key.key_id, first, unless_since=first - timedelta(minutes=1))
    later = clock.advance(seconds=30)
    keys.touch(api_key.key_id, later, unless_since=later - timedelta(minutes=1))
    assert keys.get(api_key.key_id).last_used_at == first
    latest = clock.advance(seconds=30)
    keys.touch(api_key.key_id, latest, unless_since=latest - timedelta(minutes=1))
    assert keys.get(api_key.key_id).last_used_at == latest


def test_counters_count_per_key_and_window(counters):
    start = FakeClock().now().replace(second=0)
    end = start + timedelta(minutes=1)
    assert [counters.hit("k1", start, end) for _ in range(3)] == [1, 2, 3]
    assert counters.hit("k2", start, end) == 1
    assert counters.hit("k1", end, end + timedelta(minutes=1)) == 1


def test_concurrent_first_requests_of_a_window_are_all_counted(counters):
    first = FakeClock().now().replace(second=0)
    for minute in range(5):  # the race is on the window's first request: several windows, several races
        start = first + timedelta(minutes=minute)
        barrier = threading.Barrier(6)
        seen: list[int] = []

        def hit(start=start, barrier=barrier, seen=seen) -> None:
            barrier.wait()
            seen.append(counters.hit("k1", start, start + timedelta(minutes=1)))

        threads = [threading.Thread(target=hit) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(seen) == [1, 2, 3, 4, 5, 6]
