"""StripeGateway at the HTTP level: the requests it sends through StripeClient, and how it reads answers."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from saas_billing.domain.errors import CheckoutSessionNotFound, CustomerNotFound
from saas_billing.domain.schemas.billing.checkout import CheckoutRequest
from saas_billing.infra.exception.errors import BadRequest
from tests.support.stripe_http import customer, error_body, recording_gateway, subscription


def test_checkout_session_create_sends_subscription_mode_line_item_urls_and_idempotency_key():
    gateway, http = recording_gateway()
    http.reply(
        200, {"id": "cs_test_1", "object": "checkout.session", "url": "https://checkout.stripe.com/c/1"}
    )
    session = gateway.create_checkout_session(
        CheckoutRequest(
            price_id="price_pro_monthly",
            success_url="https://api.example.com/v1/checkout/success?session_id={CHECKOUT_SESSION_ID}",
            cancel_url="https://api.example.com/v1/checkout/cancel",
            idempotency_key="checkout-abc",
            customer_email="ada@example.com",
        )
    )
    assert (session.id, session.url) == ("cs_test_1", "https://checkout.stripe.com/c/1")
    sent = http.last
    assert (sent.method, sent.path) == ("POST", "/v1/checkout/sessions")
    assert sent.form == {
        "mode": "subscription",
        "line_items[0][price]": "price_pro_monthly",
        "line_items[0][quantity]": "1",
        "success_url": "https://api.example.com/v1/checkout/success?session_id={CHECKOUT_SESSION_ID}",
        "cancel_url": "https://api.example.com/v1/checkout/cancel",
        "customer_email": "ada@example.com",
    }
    assert sent.headers["Idempotency-Key"] == "checkout-abc"


def test_checkout_session_create_links_an_account_through_metadata():
    gateway, http = recording_gateway()
    http.reply(200, {"id": "cs_test_1", "object": "checkout.session", "url": "https://x"})
    request = CheckoutRequest(
        "price_1", "https://s", "https://c", "k", customer_id="cus_9", account_id="acct_7"
    )
    gateway.create_checkout_session(request)
    form = http.last.form
    assert form["customer"] == "cus_9" and "customer_email" not in form
    assert form["client_reference_id"] == "acct_7"
    assert form["subscription_data[metadata][account_id]"] == "acct_7"


def test_checkout_session_retrieve_expands_subscription_and_customer():
    gateway, http = recording_gateway()
    http.reply(
        200,
        {
            "id": "cs_test_1",
            "object": "checkout.session",
            "mode": "subscription",
            "status": "complete",
            "payment_status": "paid",
            "customer": customer(),
            "customer_details": {"email": "ada@example.com", "name": "Ada"},
            "subscription": subscription(),
        },
    )
    result = gateway.retrieve_checkout_session("cs_test_1", observed_at=1_790_000_123.5)
    sent = http.last
    assert (sent.method, sent.path) == ("GET", "/v1/checkout/sessions/cs_test_1")
    assert sent.query == {
        "expand[0]": "subscription",
        "expand[1]": "customer",
        "expand[2]": "line_items.data.price.product",
    }
    snapshot = result.subscription
    assert (result.customer_id, result.customer_email) == ("cus_1", "ada@example.com")
    assert (snapshot.id, snapshot.price_id, snapshot.product_id) == ("sub_1", "price_pro_monthly", "prod_pro")
    assert (snapshot.customer_email, snapshot.customer_name) == ("ada@example.com", "Ada")
    assert snapshot.current_period_end == datetime(2026, 12, 26, tzinfo=UTC)
    assert snapshot.observed_at == 1_790_000_123.5
    assert snapshot.account_id is None


def test_the_success_page_reads_the_owner_from_client_reference_id_too():
    gateway, http = recording_gateway()
    session = {"id": "cs_test_1", "object": "checkout.session", "mode": "subscription"}
    http.reply(200, {**session, "client_reference_id": "acct_7", "subscription": subscription()})
    assert gateway.retrieve_checkout_session("cs_test_1", 1.0).subscription.account_id == "acct_7"
    tagged = subscription(metadata={"account_id": "acct_meta"})
    http.reply(200, {**session, "client_reference_id": "acct_7", "subscription": tagged})
    assert gateway.retrieve_checkout_session("cs_test_1", 1.0).subscription.account_id == "acct_meta"


def test_customers_create_list_and_delete():
    gateway, http = recording_gateway()
    http.reply(200, customer())
    created = gateway.create_customer("Ada", "ada@example.com", "customer-k1")
    assert created.id == "cus_1" and created.created == datetime.fromtimestamp(1_790_000_000, UTC)
    assert (http.last.method, http.last.path) == ("POST", "/v1/customers")
    assert http.last.form == {"name": "Ada", "email": "ada@example.com"}
    assert http.last.headers["Idempotency-Key"] == "customer-k1"

    http.reply(200, {"object": "list", "data": [customer("cus_2")], "has_more": True, "url": "/v1/customers"})
    page = gateway.list_customers(1, starting_after="cus_3")
    assert (http.last.method, http.last.path) == ("GET", "/v1/customers")
    assert http.last.query == {"limit": "1", "starting_after": "cus_3"}
    assert [c.id for c in page.items] == ["cus_2"] and page.has_more

    http.reply(200, {"id": "cus_2", "object": "customer", "deleted": True})
    gateway.delete_customer("cus_2")
    assert (http.last.method, http.last.path) == ("DELETE", "/v1/customers/cus_2")


def test_cancel_now_deletes_and_at_period_end_updates_both_expanding_the_customer():
    gateway, http = recording_gateway()
    http.reply(200, subscription(status="canceled", customer=customer()))
    now = gateway.cancel_subscription("sub_1", at_period_end=False, observed_at=5.0)
    assert (http.last.method, http.last.path, http.last.query) == (
        "DELETE",
        "/v1/subscriptions/sub_1",
        {"expand[0]": "customer"},
    )
    assert (now.status, now.customer_id, now.customer_email) == ("canceled", "cus_1", "ada@example.com")

    http.reply(200, subscription(cancel_at_period_end=True, customer=customer()))
    later = gateway.cancel_subscription("sub_1", at_period_end=True, observed_at=6.0)
    assert (http.last.method, http.last.path) == ("POST", "/v1/subscriptions/sub_1")
    assert http.last.form == {"cancel_at_period_end": "true", "expand[0]": "customer"}
    assert later.cancel_at_period_end and later.status == "active"


def test_portal_session_create():
    gateway, http = recording_gateway()
    http.reply(
        200, {"id": "bps_1", "object": "billing_portal.session", "url": "https://billing.stripe.com/p/1"}
    )
    session = gateway.create_portal_session("cus_1", "https://api.example.com/pricing")
    assert (http.last.method, http.last.path) == ("POST", "/v1/billing_portal/sessions")
    assert http.last.form == {"customer": "cus_1", "return_url": "https://api.example.com/pricing"}
    assert session.url == "https://billing.stripe.com/p/1"


def test_catalog_listing_reads_stripe_objects():
    gateway, http = recording_gateway()
    price = {
        "id": "price_1",
        "object": "price",
        "currency": "usd",
        "unit_amount": 900,
        "active": True,
        "recurring": {"interval": "month", "interval_count": 1},
        "product": {"id": "prod_1", "object": "product", "name": "Starter", "active": True},
    }
    http.reply(200, {"object": "list", "data": [price], "has_more": False, "url": "/v1/prices"})
    [(catalog_price, product)] = gateway.list_active_prices()
    assert http.last.query == {"active": "true", "expand[0]": "data.product", "limit": "100"}
    assert (catalog_price.id, catalog_price.unit_amount, product.name) == ("price_1", 900, "Starter")


def test_an_accounts_customer_carries_the_account_id_and_no_empty_name():
    gateway, http = recording_gateway()
    http.reply(200, customer(name=None))
    gateway.create_customer(None, "ada@example.com", "account-customer-k1", account_id="acct_7")
    assert http.last.form == {"email": "ada@example.com", "metadata[account_id]": "acct_7"}
    assert http.last.headers["Idempotency-Key"] == "account-customer-k1"


def test_a_deleted_customer_at_checkout_is_customer_not_found():
    gateway, http = recording_gateway()
    body = error_body("invalid_request_error", "No such customer: 'cus_gone'", "resource_missing")
    body["error"]["param"] = "customer"
    http.reply(400, body)
    request = CheckoutRequest("price_pro_monthly", "https://x/s", "https://x/c", "k", customer_id="cus_gone")
    with pytest.raises(CustomerNotFound, match="cus_gone"):
        gateway.create_checkout_session(request)
    http.reply(400, error_body("invalid_request_error", "Invalid URL: s", "url_invalid"))
    with pytest.raises(BadRequest):
        gateway.create_checkout_session(request)


def test_stripes_not_found_messages_become_ours():
    """The message is Stripe's (it may name objects of the account): clients get our words only."""
    gateway, http = recording_gateway()
    http.reply(
        404, error_body("invalid_request_error", "No such checkout.session: 'cs_x'", "resource_missing")
    )
    with pytest.raises(CheckoutSessionNotFound) as missing:
        gateway.retrieve_checkout_session("cs_test_x", observed_at=1.0)
    assert missing.value.detail == "Checkout session not found"
    http.reply(
        404,
        error_body("invalid_request_error", "No such customer: 'cus_other' (acct_1x)", "resource_missing"),
    )
    with pytest.raises(CustomerNotFound) as gone:
        gateway.delete_customer("cus_gone")
    assert gone.value.detail == "No such customer: 'cus_gone'"
