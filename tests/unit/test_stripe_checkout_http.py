"""The Stripe adapter's checkout calls at the HTTP level: refusals at session create, and what the success
page reads from the one session lookup."""

from __future__ import annotations

import pytest

from saas_billing.domain.errors import CustomerNotFound, PriceNotFound
from saas_billing.domain.schemas.billing.checkout import CheckoutRequest
from tests.support.stripe_http import error_body, recording_gateway

REQUEST = CheckoutRequest("price_gone", "https://s", "https://c", "k", customer_id="cus_9")


@pytest.mark.parametrize(
    ("param", "refusal"), [("line_items[0][price]", PriceNotFound), ("customer", CustomerNotFound)]
)
def test_a_missing_price_or_customer_at_session_create_is_the_domain_error(param, refusal):
    gateway, http = recording_gateway()
    body = error_body("invalid_request_error", "No such thing", "resource_missing")
    body["error"]["param"] = param
    http.reply(400, body)
    with pytest.raises(refusal):
        gateway.create_checkout_session(REQUEST)


PRO = {"id": "prod_pro", "object": "product", "name": "Pro", "active": True}
PRICE = {
    "id": "price_pro_monthly",
    "object": "price",
    "currency": "usd",
    "unit_amount": 2900,
    "recurring": {"interval": "month", "interval_count": 1},
}


def session_with(line_items) -> dict:
    return {"id": "cs_test_1", "object": "checkout.session", "mode": "subscription", "line_items": line_items}


def test_the_session_lookup_carries_the_bought_plan_when_expanded():
    gateway, http = recording_gateway()
    items = {
        "object": "list",
        "data": [{"object": "item", "price": {**PRICE, "product": PRO}, "quantity": 1}],
    }
    http.reply(200, session_with(items))
    bought = gateway.retrieve_checkout_session("cs_test_1", 1.0).bought
    assert http.last.query["expand[2]"] == "line_items.data.price.product"
    assert (bought.product.name, bought.prices[0].id, bought.prices[0].unit_amount) == (
        "Pro",
        "price_pro_monthly",
        2900,
    )


@pytest.mark.parametrize(
    "line_items",
    [
        None,
        {"object": "list", "data": []},
        {"object": "list", "data": [{"price": {**PRICE, "product": "prod_pro"}}]},
    ],
)
def test_without_an_expanded_product_there_is_no_bought_plan(line_items):
    gateway, http = recording_gateway()
    http.reply(200, session_with(line_items))
    assert gateway.retrieve_checkout_session("cs_test_1", 1.0).bought is None
