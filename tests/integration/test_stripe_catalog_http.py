"""The real StripeGateway against a loopback server shaped like Stripe's API."""

from __future__ import annotations

import threading
import time

import pytest

from saas_billing.domain.errors import PriceNotFound
from saas_billing.infra.exception.errors import UpstreamError
from saas_billing.infra.external_api.service.stripe.gateway import StripeGateway, build_stripe_client
from tests.support.fake_stripe_server import running_fake_stripe, stripe_error, stripe_list

PRO = {"id": "prod_pro", "object": "product", "name": "Pro", "description": "Teams", "active": True}
RETIRED = {"id": "prod_old", "object": "product", "name": "Old", "description": None, "active": False}


def price(price_id, product, amount, interval="month"):
    recurring = {"interval": interval, "interval_count": 1}
    return {"id": price_id, "object": "price", "product": product, "currency": "usd", "unit_amount": amount,
            "recurring": recurring, "active": True, "nickname": None}  # fmt: skip


@pytest.fixture
def fake():
    with running_fake_stripe() as fake:
        yield fake


def gateway_for(fake, retries=0) -> StripeGateway:
    return StripeGateway(
        build_stripe_client("sk_test_123", api_base=fake.base_url, max_network_retries=retries)
    )


def test_one_listing_with_products_expanded_follows_every_page(fake):
    pages = {
        None: stripe_list("/v1/prices", [price("price_a", PRO, 900), price("price_b", RETIRED, 100)], True),
        "price_b": stripe_list("/v1/prices", [price("price_c", PRO, 9000, "year")]),
    }
    fake.on("GET", "/v1/prices", lambda request: (200, pages[request.param("starting_after")]))

    rows = gateway_for(fake).list_active_prices()

    assert [(p.id, product.id) for p, product in rows] == [("price_a", "prod_pro"), ("price_c", "prod_pro")]
    first = fake.requests[0]
    assert first.array("expand") == ["data.product"]
    assert first.param("active") == "true" and first.param("limit") == "100"
    assert first.headers["authorization"] == "Bearer sk_test_123"
    assert [r.param("starting_after") for r in fake.requests] == [None, "price_b"]


def test_unknown_price_becomes_price_not_found(fake):
    fake.on(
        "GET",
        "/v1/prices/price_nope",
        stripe_error("invalid_request_error", "No such price: 'price_nope'"),
        404,
    )
    with pytest.raises(PriceNotFound, match="No such price"):
        gateway_for(fake).get_price("price_nope")


def test_stripe_server_errors_become_upstream_errors_after_retries(fake):
    fake.on("GET", "/v1/prices", stripe_error("api_error", "Something went wrong"), 500)
    with pytest.raises(UpstreamError) as error:
        gateway_for(fake, retries=1).list_active_prices()
    assert error.value.status_code == 502
    assert len(fake.requests) == 2, "one retry was configured"


def test_an_unreachable_stripe_is_a_502_not_a_hang(fake):
    base = fake.base_url
    fake_server_port_closed = base.rsplit(":", 1)[0] + ":9"  # discard port: nothing listens
    gateway = StripeGateway(build_stripe_client("sk_test_123", api_base=fake_server_port_closed))
    with pytest.raises(UpstreamError, match="Could not reach the payment provider"):
        gateway.list_active_prices()


def test_a_slow_stripe_is_cut_off_by_the_timeout(fake):
    answered = threading.Event()

    def slow(_request):
        time.sleep(3)
        answered.set()
        return 200, stripe_list("/v1/prices", [])

    fake.on("GET", "/v1/prices", slow)
    client = build_stripe_client(
        "sk_test_123", api_base=fake.base_url, max_network_retries=0, timeout_seconds=0.5
    )
    with pytest.raises(UpstreamError, match="Could not reach"):
        StripeGateway(client).list_active_prices()
    assert not answered.is_set(), "the adapter gave up before the slow answer came"
