"""The success page names the plan from its one session lookup: no catalog listing, even in a cold container."""

from __future__ import annotations

import pytest

from saas_billing.infra.external_api.service.gateway_factory import set_payment_gateway
from saas_billing.routes.depends.catalog_dep import reset_catalog_cache
from tests.support.accounts import sign_up
from tests.support.round_trips import CountingGateway


@pytest.fixture
def counted(gateway, mongo_client):
    counted = CountingGateway(gateway)
    set_payment_gateway(counted)
    return counted


@pytest.fixture
def paid(counted, gateway):
    """Ada's browser on the checkout function, after paying for Pro monthly; a cold catalog cache."""
    from checkout_handler import handler

    ada = sign_up("ada@example.com")
    ada.handler = handler
    response = ada.post("/v1/checkout/sessions", form={"price_id": "price_pro_monthly", "request_token": "t"})
    session_id = response.headers["location"].rsplit("/", 1)[1]
    gateway.complete_checkout(session_id)
    reset_catalog_cache()
    counted.calls.clear()
    return ada, session_id


def test_the_plan_comes_from_the_session_lookup_alone(paid, counted):
    ada, session_id = paid
    page = ada.get("/v1/checkout/success", query={"session_id": session_id})
    assert page.status == 200 and "Pro, $29.00 per month" in page.text
    assert counted.calls == ["retrieve_checkout_session"]


def test_a_subscription_moved_to_another_price_is_named_from_the_catalog(paid, counted, gateway):
    ada, session_id = paid
    subscription_id = gateway.state.checkout_sessions[session_id]["subscription"]
    item = gateway.state.subscriptions[subscription_id]["items"]["data"][0]
    item["price"] = dict(gateway.state.prices["price_starter_yearly"])
    page = ada.get("/v1/checkout/success", query={"session_id": session_id})
    assert page.status == 200 and "Starter" in page.text and "Pro," not in page.text
    assert counted.calls == ["retrieve_checkout_session", "list_active_prices"]
