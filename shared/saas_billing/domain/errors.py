"""Domain exceptions, each an AppError subclass so the one handler maps it to its status."""

from __future__ import annotations

from saas_billing.infra.exception.errors import BadRequest, Forbidden, NotFound


class PriceNotFound(NotFound):
    default_detail = "Price not found"


class InactivePrice(BadRequest):
    default_detail = "Price is not active"


class InvalidId(BadRequest):
    default_detail = "Malformed id"


class CustomerNotFound(NotFound):
    default_detail = "Customer not found"


class SubscriptionNotFound(NotFound):
    default_detail = "Subscription not found"


class CheckoutSessionNotFound(NotFound):
    default_detail = "Checkout session not found"


class NotASubscriptionCheckout(BadRequest):
    default_detail = "This Checkout session is not a subscription checkout"


class BulkDeleteRefused(Forbidden):
    default_detail = "Deleting every customer is only allowed with a test-mode Stripe key outside prod"


class InvalidCursor(BadRequest):
    default_detail = "starting_after is not an item of this listing"
