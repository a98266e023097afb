"""StripeGateway's plan change, resume and Checkout expire at the HTTP level, against Stripe's shapes:
`POST /v1/subscriptions/{id}` with `items[0][id]`/`items[0][price]`, `proration_behavior` and an
Idempotency-Key; `cancel_at_period_end=false` or `cancel_at=` (empty unsets); `POST .../expire`."""

from __future__ import annotations

import pytest

from saas_billing.domain.errors import CheckoutSessionNotFound, SubscriptionNotFound
from saas_billing.infra.exception.errors import BadRequest
from tests.support.stripe_http import customer, error_body, recording_gateway, subscription


def test_a_plan_change_updates_the_existing_item_with_proration_and_the_idempotency_key():
    gateway, http = recording_gateway()
    http.reply(200, subscription())  # the retrieve that names the item
    changed = subscription(customer=customer())
    changed["items"]["data"][0]["price"] = {
        "id": "price_pro_yearly",
        "object": "price",
        "product": "prod_pro",
    }
    http.reply(200, changed)

    snapshot = gateway.change_subscription_price(
        "sub_1", "price_pro_yearly", "change-plan-abc", observed_at=7.0
    )

    read, update = http.requests
    assert (read.method, read.path) == ("GET", "/v1/subscriptions/sub_1")
    assert (update.method, update.path) == ("POST", "/v1/subscriptions/sub_1")
    assert update.form == {
        "items[0][id]": "si_1",
        "items[0][price]": "price_pro_yearly",
        "proration_behavior": "create_prorations",
        "expand[0]": "customer",
    }
    assert update.headers["Idempotency-Key"] == "change-plan-abc"
    assert (snapshot.price_id, snapshot.observed_at, snapshot.customer_email) == (
        "price_pro_yearly",
        7.0,
        "ada@example.com",
    )


def test_resume_clears_cancel_at_period_end_or_a_date_set_on_its_own():
    gateway, http = recording_gateway()
    http.reply(200, subscription(customer=customer()))
    resumed = gateway.resume_subscription("sub_1", scheduled_date_only=False, observed_at=8.0)
    assert http.last.form == {"cancel_at_period_end": "false", "expand[0]": "customer"}
    assert not resumed.cancel_at_period_end and resumed.cancel_at is None
    http.reply(200, subscription(customer=customer()))
    gateway.resume_subscription("sub_1", scheduled_date_only=True, observed_at=9.0)
    assert http.last.form == {"cancel_at": "", "expand[0]": "customer"}
    assert (
        "Idempotency-Key" not in http.last.headers
        or http.last.headers["Idempotency-Key"] != "change-plan-abc"
    )


def test_an_unknown_subscription_is_subscription_not_found_and_a_refused_update_a_400():
    gateway, http = recording_gateway()
    missing = error_body("invalid_request_error", "No such subscription: 'sub_x'", "resource_missing")
    http.reply(404, missing)
    with pytest.raises(SubscriptionNotFound):
        gateway.change_subscription_price("sub_x", "price_1", "k", observed_at=1.0)
    http.reply(200, subscription(status="canceled"))
    refused = "A canceled subscription can only update its cancellation_details and metadata."
    http.reply(400, error_body("invalid_request_error", refused))
    with pytest.raises(BadRequest):
        gateway.change_subscription_price("sub_1", "price_1", "k2", observed_at=1.0)


def test_expire_reports_an_open_session_expired_and_reads_back_a_paid_one():
    gateway, http = recording_gateway()
    http.reply(
        200, {"id": "cs_test_1", "object": "checkout.session", "status": "expired", "subscription": None}
    )
    closed = gateway.expire_checkout_session("cs_test_1")
    assert (http.last.method, http.last.path) == ("POST", "/v1/checkout/sessions/cs_test_1/expire")
    assert (closed.status, closed.subscription_id) == ("expired", None)

    only_open = 'Only Checkout Sessions with a status in ["open"] can be expired.'
    http.reply(400, error_body("invalid_request_error", only_open))
    http.reply(
        200, {"id": "cs_test_2", "object": "checkout.session", "status": "complete", "subscription": "sub_9"}
    )
    paid = gateway.expire_checkout_session("cs_test_2")
    assert (http.requests[-1].method, http.requests[-1].path) == ("GET", "/v1/checkout/sessions/cs_test_2")
    assert (paid.status, paid.subscription_id) == ("complete", "sub_9")

    http.reply(404, error_body("invalid_request_error", "No such checkout.session", "resource_missing"))
    with pytest.raises(CheckoutSessionNotFound):
        gateway.expire_checkout_session("cs_test_gone")
