"""The checkout function's events, sent through its Mangum handler (offline local stage).

Subscribing needs an account: events carrying the user placeholder are sent with a real user's token.
"""

from __future__ import annotations

import pytest

from scripts.make_event import http_api_event
from tests.support.accounts import access_token, bearer, signed_in_event
from tests.support.lambda_events import invoke, load_event

LOCAL_CHECKOUT = "https://api.example.com/_local/stripe/checkout/cs_test_"


@pytest.fixture
def handler(gateway, mongo_client):
    from checkout_handler import handler

    return handler


@pytest.fixture
def token(mongo_client):
    return access_token("ada@example.com")


def html(*needles):
    def check(response):
        assert response.headers["content-type"].startswith("text/html")
        assert all(needle in response.text for needle in needles), response.text

    return check


def svg_icon(response):
    assert response.headers["content-type"] == "image/svg+xml" and response.body.startswith(b"<svg")


def redirect_to_local_checkout(response):
    assert response.headers["location"].startswith(LOCAL_CHECKOUT)


def redirect_to_sign_in(response):
    assert response.headers["location"] == "/v1/auth/signin?next=/pricing"
    assert response.headers["cache-control"] == "no-store"


def json_session(response):
    body = response.json()
    assert body["id"].startswith("cs_test_") and body["url"] == f"{LOCAL_CHECKOUT}{body['id'][8:]}"


def json_detail(*words):
    def check(response):
        assert all(word in response.json()["detail"] for word in words), response.text

    return check


PRICING = html(
    "Starter",
    "Pro",
    'href="/v1/auth/signin?next=/pricing">Sign in</a>',
    'href="/v1/auth/signup?next=/pricing">Sign up</a>',
    'aria-label="Sign in to subscribe to Pro, $29.00 per month">Subscribe</a>',
)
EXPECTED = {
    "checkout/root_page.json": (200, PRICING),
    "checkout/pricing_page.json": (200, PRICING),
    "checkout/create_session_form.json": (303, redirect_to_sign_in),
    "checkout/create_session_json_anonymous.json": (401, json_detail("Sign in to subscribe")),
    "checkout/create_session_form_as_user.json": (303, redirect_to_local_checkout),
    "checkout/create_session_json.json": (200, json_session),
    "checkout/create_session_unknown_price.json": (404, json_detail("price_unknown")),
    "checkout/success_missing_session_id.json": (400, html("checkout session id")),
    # An id we never issued: the generic thank-you, and no Stripe call.
    "checkout/success_unknown_session.json": (200, html("Thank you", "Sign in")),
    "checkout/cancel_page.json": (
        200,
        html("You were not charged", 'href="https://api.example.com/pricing"'),
    ),
    "checkout/favicon.json": (200, svg_icon),
}


@pytest.mark.parametrize("event_path", sorted(EXPECTED))
def test_checkout_events(handler, event_path):
    status, check = EXPECTED[event_path]
    response = invoke(handler, signed_in_event(load_event(event_path)))
    assert response.status == status, response.text
    check(response)


def test_the_session_gets_urls_built_from_the_request(handler, gateway, token):
    invoke(handler, bearer(load_event("checkout/create_session_form_as_user.json"), token))
    session = next(iter(gateway.state.checkout_sessions.values()))
    assert session["success_url"] == (
        "https://api.example.com/v1/checkout/success?session_id={CHECKOUT_SESSION_ID}"
    )
    assert session["cancel_url"] == "https://api.example.com/v1/checkout/cancel"


def test_a_double_submitted_form_gets_the_same_session(handler, gateway, token):
    first = invoke(handler, bearer(load_event("checkout/create_session_form_as_user.json"), token))
    second = invoke(handler, bearer(load_event("checkout/create_session_form_as_user.json"), token))
    assert first.headers["location"] == second.headers["location"]
    assert len(gateway.state.checkout_sessions) == 1


def test_the_success_page_loaded_twice_stores_one_subscription(handler, gateway, mongo_client, token):
    session_id = invoke(handler, bearer(load_event("checkout/create_session_json.json"), token)).json()["id"]
    gateway.complete_checkout(session_id)
    event = bearer(http_api_event("GET", "/v1/checkout/success", query={"session_id": session_id}), token)
    pages = [invoke(handler, event) for _ in range(2)]
    for page in pages:
        assert page.status == 200, page.text
        assert "Pro, $29.00 per month" in page.text and "ada@example.com" in page.text
        assert "Renews on" in page.text
    documents = list(mongo_client["saas_billing"]["subscriptions"].find())
    assert len(documents) == 1
    assert documents[0]["status"] == "active" and documents[0]["customer_email"] == "ada@example.com"


def test_an_unpaid_session_shows_that_payment_is_pending(handler, mongo_client, token):
    session_id = invoke(handler, bearer(load_event("checkout/create_session_json.json"), token)).json()["id"]
    event = bearer(http_api_event("GET", "/v1/checkout/success", query={"session_id": session_id}), token)
    page = invoke(handler, event)
    assert page.status == 200 and "Payment not received yet" in page.text
    assert mongo_client["saas_billing"]["subscriptions"].count_documents({}) == 0


def test_an_idempotency_key_reused_with_another_body_is_a_409_as_at_stripe(handler, token):
    def create(price_id):
        headers = {"content-type": "application/json", "idempotency-key": "order-1"}
        event = http_api_event(
            "POST", "/v1/checkout/sessions", headers=headers, body=f'{{"price_id": "{price_id}"}}'
        )
        return invoke(handler, bearer(event, token))

    assert create("price_pro_monthly").status == 200
    reused = create("price_starter_monthly")
    assert reused.status == 409 and "same parameters" in reused.json()["detail"]
