"""Stripe failures, seen by an API client: the right status and a JSON detail, never a bare 500."""

from __future__ import annotations

import pytest
import stripe

from saas_billing.infra.external_api.service.gateway_factory import set_payment_gateway
from scripts.make_event import http_api_event
from tests.support.accounts import access_token
from tests.support.fake_stripe_server import stripe_list
from tests.support.lambda_events import invoke
from tests.support.stripe_http import error_body, recording_gateway

IN_USE = "idempotency_key_in_use"


@pytest.fixture
def stripe_http(mongo_client):
    gateway, http = recording_gateway()
    set_payment_gateway(gateway)
    return http


@pytest.fixture
def admin(mongo_client):
    return {"authorization": f"Bearer {access_token('admin@example.com', admin=True)}"}


def create_customer(http, status, body, admin):
    from customers_handler import handler

    http.reply(status, body)
    event = http_api_event(
        "POST",
        "/v1/customers",
        headers={"content-type": "application/json", **admin},
        body='{"name": "Ada", "email": "ada@example.com"}',
    )
    return invoke(handler, event)


@pytest.mark.parametrize(
    ("stripe_status", "body", "status", "detail"),
    [
        (400, error_body("invalid_request_error", "Invalid email address: x"), 400, "refused the request"),
        (402, error_body("card_error", "Your card was declined.", "card_declined"), 402, "declined"),
        (429, error_body("rate_limit_error", "Too many requests"), 503, "rate limiting"),
        (
            400,
            error_body(
                "idempotency_error", "Keys for idempotent requests can only be used with the same parameters"
            ),
            409,
            "idempotent",
        ),
        (401, error_body("invalid_request_error", "Invalid API Key provided"), 502, "credentials"),
        (500, error_body("api_error", "Something went wrong"), 502, "Payment provider error"),
        (200, stripe.APIConnectionError("network down"), 502, "Could not reach"),
    ],
)
def test_stripe_errors_map_to_statuses(stripe_http, admin, stripe_status, body, status, detail):
    response = create_customer(stripe_http, stripe_status, body, admin)
    assert response.status == status, response.text
    assert detail in response.json()["detail"]
    if status == 503:
        assert response.headers["retry-after"] == "2"


def test_a_request_still_in_flight_at_stripe_is_a_409_to_retry_shortly(stripe_http, admin):
    """stripe-python makes a 409 a plain APIError (not an IdempotencyError); its code tells them apart."""
    in_use = error_body("invalid_request_error", "There is currently another in-progress request", IN_USE)
    response = create_customer(stripe_http, 409, in_use, admin)
    assert response.status == 409, response.text
    assert "retry shortly" in response.json()["detail"]
    assert response.headers["retry-after"] == "1"


@pytest.mark.parametrize(
    ("stripe_status", "body"),
    [
        (400, error_body("invalid_request_error", "Invalid email address: acct_secret_detail")),
        (402, error_body("card_error", "Your card acct_secret_detail was declined.", "card_declined")),
        (400, error_body("idempotency_error", "Keys acct_secret_detail for idempotent requests")),
        (500, error_body("api_error", "Something acct_secret_detail went wrong")),
        (409, error_body("api_error", "Conflict at acct_secret_detail", "lock_timeout")),
    ],
)
def test_stripes_own_messages_are_logged_never_returned(stripe_http, admin, caplog, stripe_status, body):
    response = create_customer(stripe_http, stripe_status, body, admin)
    assert response.status >= 400
    assert "acct_secret_detail" not in response.text
    assert any("acct_secret_detail" in str(r.__dict__) for r in caplog.records), "logged for us"


def test_an_unknown_subscription_at_stripe_is_a_404(stripe_http, admin):
    from subscriptions_handler import handler

    stripe_http.reply(
        404, error_body("invalid_request_error", "No such subscription: 'sub_x'", "resource_missing")
    )
    response = invoke(handler, http_api_event("DELETE", "/v1/subscriptions/sub_x", headers=admin))
    assert response.status == 404 and "sub_x" in response.json()["detail"]


def test_an_unknown_price_is_a_404_with_a_page_for_the_form(stripe_http):
    from checkout_handler import handler

    stripe_http.reply(200, stripe_list("/v1/prices", []))  # a cold container lists the catalog once
    stripe_http.reply(
        404, error_body("invalid_request_error", "No such price: 'price_x'", "resource_missing")
    )
    event = http_api_event(
        "POST",
        "/v1/checkout/sessions",
        headers={
            "content-type": "application/x-www-form-urlencoded",
            "accept": "text/html",
            "authorization": f"Bearer {access_token('ada@example.com')}",
        },
        body="price_id=price_x",
    )
    response = invoke(handler, event)
    assert response.status == 404 and "No such price" in response.text
    assert response.headers["content-type"].startswith("text/html")
    assert [r.path for r in stripe_http.requests] == ["/v1/prices", "/v1/prices/price_x"]
