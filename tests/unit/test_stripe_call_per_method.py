"""The round-trip budget counts Stripe calls at the gateway (tests/support/round_trips.py): that is truthful
because each gateway method the journey uses is exactly one HTTP request in the real Stripe adapter, or
the number REQUESTS_PER_CALL gives it."""

from __future__ import annotations

import pytest

from saas_billing.domain.schemas.billing.checkout import CheckoutRequest
from tests.support.fake_stripe_server import stripe_list
from tests.support.round_trips import REQUESTS_PER_CALL
from tests.support.stripe_http import customer, recording_gateway, subscription

PRICE = {
    "id": "price_1",
    "object": "price",
    "active": True,
    "currency": "usd",
    "unit_amount": 2900,
    "recurring": {"interval": "month"},
    "product": {"id": "prod_1", "object": "product", "name": "Pro", "active": True},
}
SESSION = {"id": "cs_test_1", "object": "checkout.session", "mode": "subscription", "url": "https://x"}
PORTAL = {"id": "bps_1", "object": "billing_portal.session", "url": "https://portal"}
CALLS = {
    "list_active_prices": (lambda g: g.list_active_prices(), stripe_list("/v1/prices", [PRICE])),
    "get_price": (lambda g: g.get_price("price_1"), PRICE),
    "create_customer": (lambda g: g.create_customer("Ada", "ada@example.com", "k"), customer()),
    "create_checkout_session": (
        lambda g: g.create_checkout_session(CheckoutRequest("price_1", "https://s", "https://c", "k")),
        SESSION,
    ),
    "retrieve_checkout_session": (lambda g: g.retrieve_checkout_session("cs_test_1", 1.0), SESSION),
    # Taking over an account's open session (one subscription per account); an already closed one is
    # read back, a second request the journey does not make.
    "expire_checkout_session": (
        lambda g: g.expire_checkout_session("cs_test_1"),
        {**SESSION, "status": "expired"},
    ),
    "retrieve_subscription": (lambda g: g.retrieve_subscription("sub_1", observed_at=1.0), subscription()),
    "cancel_subscription": (lambda g: g.cancel_subscription("sub_1", True, 1.0), subscription()),
    "create_portal_session": (lambda g: g.create_portal_session("cus_1", "https://r"), PORTAL),
    # The pricing page's features: one listing per product (one page each in the journey).
    "list_product_features": (
        lambda g: g.list_product_features("prod_1"),
        stripe_list("/v1/products/prod_1/features", []),
    ),
    # Reads the subscription for its item, then updates the item's price: two requests.
    "change_subscription_price": (
        lambda g: g.change_subscription_price("sub_1", "price_1", "k", observed_at=1.0),
        subscription(),
    ),
}


@pytest.mark.parametrize("method", sorted(CALLS))
def test_each_gateway_method_of_the_journey_is_one_stripe_request_or_its_stated_count(method):
    gateway, http = recording_gateway()
    call, body = CALLS[method]
    expected = REQUESTS_PER_CALL.get(method, 1)
    for _ in range(expected):
        http.reply(200, body)
    call(gateway)
    assert len(http.requests) == expected
