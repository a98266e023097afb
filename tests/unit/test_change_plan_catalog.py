"""A plan switch checks the new price on the container's cached catalog (what the pages showed): no
price read at Stripe while the cache is warm; a price retired since is still refused as not on offer."""

from __future__ import annotations

import pytest

from saas_billing.domain.errors import PriceNotFound
from saas_billing.infra.external_api.service.in_memory.gateway import InMemoryGateway
from saas_billing.infra.mixins.ttl_cache import TtlCache
from saas_billing.usecase.billing.change_plan import ChangePlan
from saas_billing.usecase.billing.record_subscription import RecordSubscription
from saas_billing.usecase.catalog.list_catalog import ListCatalog
from tests.fakes.clock import FakeClock
from tests.support.subscriptions import subscribe


class CountingStripe(InMemoryGateway):
    def __init__(self) -> None:
        super().__init__()
        self.price_reads = 0

    def get_price(self, price_id: str):
        self.price_reads += 1
        return super().get_price(price_id)


@pytest.fixture
def stripe() -> CountingStripe:
    return CountingStripe()


@pytest.fixture
def change(stripe, repository):
    clock = FakeClock()
    catalog = ListCatalog(stripe, TtlCache(300))
    catalog.execute()  # the pricing or account page warmed the container's cache
    return ChangePlan(
        stripe,
        repository,
        RecordSubscription(repository, clock),
        clock,
        catalog=stripe,
        cached_catalog=catalog,
    )


def test_a_warm_cache_answers_the_price_check_without_a_stripe_read(stripe, repository, change):
    subscription_id = subscribe(stripe, repository, account_id="acct_me")
    saved = change.execute(subscription_id, "price_pro_monthly", "acct_me")
    assert saved.price_id == "price_pro_monthly" and stripe.price_reads == 0


def test_a_price_retired_since_the_cache_was_filled_is_refused_as_not_on_offer(stripe, repository, change):
    subscription_id = subscribe(stripe, repository, account_id="acct_me")
    stripe.state.prices["price_pro_monthly"]["active"] = False  # archived at Stripe; the cache still lists it
    with pytest.raises(PriceNotFound, match="not a plan on offer"):
        change.execute(subscription_id, "price_pro_monthly", "acct_me")
    assert (
        stripe.state.subscriptions[subscription_id]["items"]["data"][0]["price"]["id"]
        == "price_starter_monthly"
    )


def test_a_price_the_cache_does_not_list_is_read_at_stripe(stripe, repository, change):
    subscription_id = subscribe(stripe, repository, account_id="acct_me")
    with pytest.raises(PriceNotFound):
        change.execute(subscription_id, "price_made_up", "acct_me")
    assert stripe.price_reads == 1
