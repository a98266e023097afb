"""Checkout validates the price from the container's cached catalog: after the first, a checkout makes one
Stripe call."""

from __future__ import annotations

import pytest

from saas_billing.domain.errors import InactivePrice, PriceNotFound
from saas_billing.infra.exception.errors import BadRequest
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


@pytest.mark.parametrize(
    ("retire", "refusal"),
    [
        (lambda state: state.prices["price_pro_monthly"].update(active=False), InactivePrice),
        (lambda state: state.prices.pop("price_pro_monthly"), PriceNotFound),
    ],
)
def test_a_price_retired_since_it_was_cached_gets_the_error_a_read_gives(counted, gateway, retire, refusal):
    """Stripe refuses it at session create; one read then tells the client exactly why, as before."""
    calls, catalog, create = counted
    catalog.execute()
    retire(gateway.state)
    calls.calls.clear()
    with pytest.raises(refusal):
        create.execute(checkout())
    assert calls.calls == ["create_checkout_session", "get_price"]
    assert gateway.state.checkout_sessions == {}


def test_another_refusal_at_session_create_is_passed_on_after_the_read(counted, gateway, monkeypatch):
    calls, catalog, create = counted
    catalog.execute()

    def refuse(request):
        raise BadRequest("Stripe refused the request")

    monkeypatch.setattr(gateway, "create_checkout_session", refuse)
    calls.calls.clear()
    with pytest.raises(BadRequest, match="refused the request"):
        create.execute(checkout())
    assert calls.calls == ["create_checkout_session", "get_price"]
