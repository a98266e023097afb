"""The docs' STRIPE_FAILURES are what the Stripe adapter answers: each Stripe failure our calls can meet
translates to a documented status and message (the adapter's module imports stripe, the docs' must not)."""

from __future__ import annotations

import pytest
import stripe

from saas_billing.infra.external_api.service.stripe.errors import IN_FLIGHT, translate_stripe_error
from saas_billing.infra.fastapi_config.openapi_declarations import STRIPE_FAILURES

FAILURES = [
    stripe.InvalidRequestError("No such customer: 'cus_x'", param=None, http_status=404),
    stripe.InvalidRequestError("Invalid request", param=None, http_status=400),
    stripe.APIError("in use", http_status=409, code=IN_FLIGHT),
    stripe.IdempotencyError("Keys for idempotent requests can only be used with the same parameters"),
    stripe.APIConnectionError("connection reset"),
    stripe.AuthenticationError("bad key"),
    stripe.RateLimitError("slow down", http_status=429),
    stripe.APIError("internal", http_status=500),
]


@pytest.mark.parametrize("failure", FAILURES, ids=lambda failure: type(failure).__name__)
def test_each_stripe_failure_answers_a_documented_status_and_message(failure):
    answer = translate_stripe_error(failure)
    documented = {(error.status_code, error.detail) for error in STRIPE_FAILURES}
    assert (answer.status_code, answer.detail) in documented
