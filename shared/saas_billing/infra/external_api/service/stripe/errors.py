"""Where our code calls Stripe, its errors become ours: a status and a message safe to return."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import stripe

from saas_billing.infra.exception.errors import (
    AppError,
    BadRequest,
    Conflict,
    NotFound,
    ServiceUnavailable,
    UpstreamError,
)

logger = logging.getLogger(__name__)


class PaymentRequired(AppError):
    status_code = 402
    default_detail = "The payment was declined"


def translate_stripe_error(error: stripe.StripeError) -> AppError:
    message = error.user_message or getattr(error, "_message", None) or None
    logger.warning(
        "stripe call failed",
        extra={
            "stripe_error": type(error).__name__,
            "http_status": error.http_status,
            "stripe_request_id": error.request_id,
        },
    )
    if isinstance(error, stripe.CardError):
        return PaymentRequired(message)
    if isinstance(error, stripe.IdempotencyError):
        # A key reused with other parameters, or the same request still in flight at Stripe.
        return Conflict(message or "A request with this idempotency key is in progress or differs")
    if isinstance(error, stripe.InvalidRequestError):
        return NotFound(message) if error.http_status == 404 else BadRequest(message)
    if isinstance(error, stripe.RateLimitError):
        return ServiceUnavailable(
            "The payment provider is rate limiting requests; retry shortly", headers={"Retry-After": "2"}
        )
    if isinstance(error, stripe.APIConnectionError):
        return UpstreamError("Could not reach the payment provider")
    if isinstance(error, (stripe.AuthenticationError, stripe.PermissionError)):
        return UpstreamError("The payment provider rejected our credentials")
    return UpstreamError(f"Payment provider error: {message}" if message else None)


@contextmanager
def stripe_errors() -> Iterator[None]:
    try:
        yield
    except stripe.StripeError as error:
        raise translate_stripe_error(error) from error
