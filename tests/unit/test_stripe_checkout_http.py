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
