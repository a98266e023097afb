"""Checkout for accounts through the handler: sign-in first, the account's own customer, the webhook link."""

from __future__ import annotations

import pytest

from tests.support.accounts import sign_up
from tests.support.browser import Browser


@pytest.fixture
def checkout(gateway, mongo_client):
    from checkout_handler import handler

    return handler


@pytest.fixture
def ada(checkout) -> Browser:
    browser = sign_up("ada@example.com")
    browser.handler = checkout  # same cookies, the checkout function
    return browser


def subscribe_form(browser: Browser, price_id: str, token: str = "page-1"):
    return browser.post("/v1/checkout/sessions", form={"price_id": price_id, "request_token": token})


def account(mongo_client, email: str) -> dict:
    return mongo_client["saas_billing"]["users"].find_one({"email": email})


def test_a_visitor_is_sent_to_sign_in_and_an_api_client_gets_401(checkout, gateway):
    visitor = Browser(checkout)
    form = subscribe_form(visitor, "price_pro_monthly")
    assert (form.status, form.headers["location"]) == (303, "/v1/auth/signin?next=/pricing")
    api = visitor.post(
        "/v1/checkout/sessions",
        json={"price_id": "price_pro_monthly"},
        headers={"accept": "application/json"},
    )
    assert api.status == 401 and api.headers["www-authenticate"] == "Bearer"
    assert gateway.state.checkout_sessions == {} and gateway.state.customers == {}


def test_the_first_checkout_creates_and_stores_the_customer_and_links_the_account(ada, gateway, mongo_client):
    response = subscribe_form(ada, "price_pro_monthly")
    assert response.status == 303 and "/_local/stripe/checkout/cs_test_" in response.headers["location"]
    [customer] = gateway.state.customers.values()
    stored = account(mongo_client, "ada@example.com")
    assert stored["stripe_customer_id"] == customer["id"]
    assert customer["email"] == "ada@example.com" and customer["metadata"] == {"account_id": stored["_id"]}
    [session] = gateway.state.checkout_sessions.values()
    assert session["customer"] == customer["id"] and session["customer_email"] is None
    assert session["client_reference_id"] == stored["_id"]
    assert session["subscription_data"] == {"metadata": {"account_id": stored["_id"]}}


def test_later_checkouts_reuse_the_stored_customer(ada, gateway, mongo_client):
    subscribe_form(ada, "price_pro_monthly", token="page-1")
    subscribe_form(ada, "price_starter_yearly", token="page-2")
    assert len(gateway.state.checkout_sessions) == 2 and len(gateway.state.customers) == 1
    customer_id = account(mongo_client, "ada@example.com")["stripe_customer_id"]
    assert {s["customer"] for s in gateway.state.checkout_sessions.values()} == {customer_id}


def test_two_accounts_get_two_customers(ada, checkout, gateway, mongo_client):
    grace = sign_up("grace@example.com")
    grace.handler = checkout
    subscribe_form(ada, "price_pro_monthly")
    subscribe_form(grace, "price_pro_monthly")
    customers = {
        account(mongo_client, e)["stripe_customer_id"] for e in ("ada@example.com", "grace@example.com")
    }
    assert customers == set(gateway.state.customers) and len(customers) == 2


def test_the_success_page_records_the_subscription_with_the_account(ada, gateway, mongo_client):
    location = subscribe_form(ada, "price_pro_monthly").headers["location"]
    session_id = location.rsplit("/", 1)[1]
    gateway.complete_checkout(session_id)
    page = ada.get("/v1/checkout/success", query={"session_id": session_id})  # her session cookies
    assert page.status == 200 and "Pro, $29.00 per month" in page.text and "ada@example.com" in page.text
    [saved] = mongo_client["saas_billing"]["subscriptions"].find()
    assert saved["account_id"] == account(mongo_client, "ada@example.com")["_id"]


def test_anyone_else_holding_the_success_url_gets_a_thank_you_without_details(ada, checkout, gateway):
    session_id = subscribe_form(ada, "price_pro_monthly").headers["location"].rsplit("/", 1)[1]
    gateway.complete_checkout(session_id)
    mallory = sign_up("mallory@example.com")
    mallory.handler = checkout
    reads = []
    real = gateway.retrieve_checkout_session
    gateway.retrieve_checkout_session = lambda *a: reads.append(a) or real(*a)
    for stranger in (Browser(checkout), mallory):
        page = stranger.get("/v1/checkout/success", query={"session_id": session_id})
        assert page.status == 200 and "Thank you" in page.text, page.text
        assert "ada@example.com" not in page.text and "Pro" not in page.text and "active" not in page.text
        assert page.headers["cache-control"] == "no-store"
    assert reads == [], "no Stripe call for anyone but the owner"
    assert "ada@example.com" in ada.get("/v1/checkout/success", query={"session_id": session_id}).text
    assert len(reads) == 1


def test_a_customer_deleted_at_stripe_is_replaced_on_the_next_checkout(ada, gateway, mongo_client):
    subscribe_form(ada, "price_pro_monthly", token="page-1")
    first = account(mongo_client, "ada@example.com")["stripe_customer_id"]
    gateway.delete_customer(first)
    response = subscribe_form(ada, "price_pro_monthly", token="page-2")
    assert response.status == 303, response.text
    second = account(mongo_client, "ada@example.com")["stripe_customer_id"]
    assert second != first and list(gateway.state.customers) == [second]


def test_pricing_shows_the_signed_in_email_sign_out_and_real_subscribe_buttons(ada):
    page = ada.get("/pricing")
    assert "Signed in as <strong>ada@example.com</strong>" in page.text
    assert 'action="/v1/auth/logout"' in page.text and ">Sign out</button>" in page.text
    assert 'name="price_id" value="price_pro_monthly"' in page.text
    assert "Sign in to subscribe" not in page.text and ">Sign up</a>" not in page.text


def test_an_unknown_price_creates_no_customer(ada, gateway, mongo_client):
    response = ada.post(
        "/v1/checkout/sessions", json={"price_id": "price_unknown"}, headers={"accept": "application/json"}
    )
    assert response.status == 404
    assert (
        gateway.state.customers == {}
        and account(mongo_client, "ada@example.com")["stripe_customer_id"] is None
    )
