"""The catalog function's events, sent through its Mangum handler."""

from __future__ import annotations

import pytest

from tests.support.lambda_events import invoke, load_event


@pytest.fixture
def handler(gateway):
    from catalog_handler import handler

    return handler


def check_demo_catalog(body):
    products = {product["name"]: product for product in body["data"]}
    assert set(products) == {"Starter", "Pro"}
    monthly = products["Starter"]["prices"][0]
    assert monthly == {
        "id": "price_starter_monthly",
        "currency": "usd",
        "unit_amount": 900,
        "interval": "month",
        "interval_count": 1,
    }


EXPECTED = {"catalog/list_products.json": (200, check_demo_catalog)}


@pytest.mark.parametrize("event_path", sorted(EXPECTED))
def test_catalog_events(handler, event_path):
    status, check = EXPECTED[event_path]
    response = invoke(handler, load_event(event_path))
    assert response.status == status, response.text
    assert response.headers["content-type"] == "application/json"
    check(response.json())


def test_a_warm_invocation_makes_no_gateway_call(handler, gateway, monkeypatch):
    invoke(handler, load_event("catalog/list_products.json"))
    monkeypatch.setattr(gateway, "list_active_prices", lambda: pytest.fail("catalog should come from cache"))
    assert invoke(handler, load_event("catalog/list_products.json")).status == 200
