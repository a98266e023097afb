"""Where our code calls Stripe, its errors become ours: a status and a message in our own words.

Stripe's message, code and parameter go to the log only: they can name objects and details of the
account that are not the caller's business, and they change without notice.
"""

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

IN_FLIGHT = "idempotency_key_in_use"


class PaymentRequired(AppError):
    status_code = 402
    default_detail = "The payment was declined"


def _code(error: stripe.StripeError) -> str | None:
    """stripe-python keeps `code` only on some classes (not on the APIError a 409 becomes)."""
    return error.code or (error.error.code if error.error is not None else None)


def translate_stripe_error(error: stripe.StripeError) -> AppError:
    code = _code(error)
    param = getattr(error, "param", None)
    logger.warning(
        "stripe call failed",
        extra={
            "stripe_error": type(error).__name__,
            "http_status": error.http_status,
            "stripe_code": code,
            "stripe_param": param,
            "stripe_message": error.user_message,
            "stripe_request_id": error.request_id,
        },
    )
    if isinstance(error, stripe.CardError):
        return PaymentRequired()
    if isinstance(error, stripe.IdempotencyError):
        # Stripe's 400 idempotency_error: the key was first used with other parameters.
        return Conflict("Keys for idempotent requests must be reused with the same parameters")
    if error.http_status == 409 and code == IN_FLIGHT:
        # stripe-python turns a 409 into a plain APIError (retried once by the client): the request
        # with this key is still running at Stripe, so the caller should simply try again.
        return Conflict(
            "A request with this idempotency key is still in progress; retry shortly",
            headers={"Retry-After": "1"},
        )
    if isinstance(error, stripe.InvalidRequestError):
        if error.http_status == 404:
            return NotFound("The payment provider has no such object")
        return BadRequest(
            f"The payment provider refused the parameter '{param}'"
            if param
            else "The payment provider refused the request"
        )
    if isinstance(error, stripe.RateLimitError):
        return ServiceUnavailable(
            "The payment provider is rate limiting requests; retry shortly", headers={"Retry-After": "2"}
        )
    if isinstance(error, stripe.APIConnectionError):
        return UpstreamError("Could not reach the payment provider")
    if isinstance(error, (stripe.AuthenticationError, stripe.PermissionError)):
        return UpstreamError("The payment provider rejected our credentials")
    return UpstreamError()


@contextmanager
def stripe_errors() -> Iterator[None]:
    try:
        yield
    except stripe.StripeError as error:
        raise translate_stripe_error(error) from error
