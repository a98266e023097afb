"""Checkout validates the price from the container's cached catalog: after the first, a checkout makes one
Stripe call."""

from __future__ import annotations

import pytest

from saas_billing.domain.errors import PriceNotFound
from saas_billing.infra.mixins.ttl_cache import TtlCache
from saas_billing.usecase.billing.create_checkout_session import CheckoutInput, CreateCheckoutSession
from saas_billing.usecase.catalog.list_catalog import ListCatalog
from tests.fakes.checkout_session_repository import InMemoryCheckoutSessionRepository
from tests.fakes.clock import FakeClock
from tests.support.round_trips import CountingGateway


def checkout(price_id: str = "price_pro_monthly") -> CheckoutInput:
    return CheckoutInput(price_id, "https://s/{CHECKOUT_SESSION_ID}", "https://c", "tab-1", "ada@example.com")


@pytest.fixture
def counted(gateway):
    counted = CountingGateway(gateway)
    catalog = ListCatalog(counted, TtlCache(300))
    create = CreateCheckoutSession(
        counted, counted, FakeClock(), sessions=InMemoryCheckoutSessionRepository(), cached_catalog=catalog
    )
    return counted, catalog, create


def test_a_price_the_cached_catalog_lists_is_not_read_from_stripe(counted):
    calls, catalog, create = counted
    catalog.execute()
    calls.calls.clear()
    create.execute(checkout())
    assert calls.calls == ["create_checkout_session"]


def test_a_cold_cache_is_filled_once_and_later_checkouts_make_one_call(counted):
    calls, _catalog, create = counted
    create.execute(checkout())
    create.execute(checkout("price_pro_yearly"))
    assert calls.calls == ["list_active_prices", "create_checkout_session", "create_checkout_session"]


def test_a_price_the_cached_catalog_does_not_list_is_read_and_refused_as_before(counted, gateway):
    calls, catalog, create = counted
    catalog.execute()
    calls.calls.clear()
    with pytest.raises(PriceNotFound):
        create.execute(checkout("price_nope"))
    assert calls.calls == ["get_price"]


def test_a_price_retired_since_it_was_cached_is_refused_by_stripe_at_session_create(counted, gateway):
    calls, catalog, create = counted
    catalog.execute()
    gateway.state.prices["price_pro_monthly"]["active"] = False
    calls.calls.clear()
    with pytest.raises(PriceNotFound):
        create.execute(checkout())
    assert calls.calls == ["create_checkout_session"]
