"""Listing subscriptions newest first, filtered and paged, in MongoDB (either tier) and the in-memory fake."""

from __future__ import annotations

import pytest

from saas_billing.domain.errors import InvalidCursor
from saas_billing.repo.interface.subscription_repository import SubscriptionFilter
from saas_billing.repo.mongodb.subscription_repository import MongoSubscriptionRepository
from saas_billing.usecase.billing.record_subscription import RecordSubscription
from tests.fakes.clock import FakeClock
from tests.fakes.subscription_repository import InMemorySubscriptionRepository
from tests.support.subscriptions import snapshot

OBSERVED = FakeClock().now().timestamp() - 60  # Stripe's time of the snapshots: a minute ago


@pytest.fixture(params=["mongo", "fake"])
def repository(request, database):
    if request.param == "mongo":
        return MongoSubscriptionRepository(database)
    return InMemorySubscriptionRepository()


def record(repository, *ids, **fields):
    for sub_id in ids:
        RecordSubscription(repository, FakeClock()).execute(snapshot(OBSERVED, id=sub_id, **fields))


def ids(page) -> list[str]:
    return [s.id for s in page.items]


def test_list_filters_and_pages_newest_first(repository):
    for i in range(5):
        record(repository, f"sub_{i}", customer_id="cus_a" if i % 2 else "cus_b")
    first = repository.list(SubscriptionFilter(), limit=2)
    assert ids(first) == ["sub_4", "sub_3"] and first.has_more
    second = repository.list(SubscriptionFilter(), limit=2, starting_after="sub_3")
    assert ids(second) == ["sub_2", "sub_1"]
    only_a = repository.list(SubscriptionFilter(customer_id="cus_a"), limit=10)
    assert ids(only_a) == ["sub_3", "sub_1"] and not only_a.has_more


def test_a_page_that_ends_exactly_at_the_last_subscription_has_no_more(repository):
    record(repository, "sub_0", "sub_1", "sub_2", "sub_3")
    assert not repository.list(SubscriptionFilter(), limit=4).has_more
    second = repository.list(SubscriptionFilter(), limit=2, starting_after="sub_2")
    assert ids(second) == ["sub_1", "sub_0"] and not second.has_more


def test_list_filters_by_status_and_leaves_out_excluded_statuses(repository):
    record(repository, "sub_a1", "sub_a2", status="active")
    record(repository, "sub_p", status="past_due")
    record(repository, "sub_c", status="canceled")
    assert ids(repository.list(SubscriptionFilter(status="active"), limit=10)) == ["sub_a2", "sub_a1"]
    assert ids(repository.list(SubscriptionFilter(status="trialing"), limit=10)) == []
    not_ended = SubscriptionFilter(excluded_statuses=frozenset({"canceled", "past_due"}))
    assert ids(repository.list(not_ended, limit=10)) == ["sub_a2", "sub_a1"]


def test_a_cursor_outside_the_listing_is_refused_not_an_empty_page(repository):
    record(repository, "sub_mine", account_id="user_1")
    record(repository, "sub_theirs", account_id="user_2")
    mine = SubscriptionFilter(account_id="user_1")
    with pytest.raises(InvalidCursor) as refused:
        repository.list(mine, limit=10, starting_after="sub_theirs")
    assert refused.value.detail == "starting_after 'sub_theirs' is not a subscription in this listing"
    with pytest.raises(InvalidCursor):
        repository.list(mine, limit=10, starting_after="sub_unknown")
    assert repository.list(mine, limit=10, starting_after="sub_mine").items == []
