"""Domain exceptions: what went wrong in business terms and a message safe to show, never an HTTP status.

The edge (infra/fastapi_config/error_responses.py) maps each kind below, subclasses included, to a status.
"""

from __future__ import annotations


class DomainError(Exception):
    default_detail = "The request could not be completed"

    def __init__(self, detail: str | None = None) -> None:
        self.detail = detail or self.default_detail
        super().__init__(self.detail)


class InvalidRequest(DomainError):
    """What was asked is malformed or cannot be done as asked."""

    default_detail = "Bad request"


class ResourceNotFound(DomainError):
    """No such thing, or not one the caller may see (the two look the same)."""

    default_detail = "Not found"


class NotPermitted(DomainError):
    """The caller is known but may not do this."""

    default_detail = "Forbidden"


class StateConflict(DomainError):
    """The request collides with the current state (taken, or being processed); it may succeed later."""

    default_detail = "Conflict"


class Throttled(DomainError):
    """Too many attempts; `retry_after_seconds` says when trying again can succeed."""

    default_detail = "Too many requests"

    def __init__(self, detail: str | None = None, *, retry_after_seconds: int) -> None:
        super().__init__(detail)
        self.retry_after_seconds = max(1, int(retry_after_seconds))


class PriceNotFound(ResourceNotFound):
    default_detail = "Price not found"


class InactivePrice(InvalidRequest):
    default_detail = "Price is not active"


class InvalidId(InvalidRequest):
    default_detail = "Malformed id"


class CustomerNotFound(ResourceNotFound):
    default_detail = "Customer not found"


class SubscriptionNotFound(ResourceNotFound):
    default_detail = "Subscription not found"


class CheckoutSessionNotFound(ResourceNotFound):
    default_detail = "Checkout session not found"


class NotASubscriptionCheckout(InvalidRequest):
    default_detail = "This Checkout session is not a subscription checkout"


class BulkDeleteRefused(NotPermitted):
    default_detail = "Deleting every customer is only allowed with a test-mode Stripe key outside prod"


class InvalidCursor(InvalidRequest):
    default_detail = "starting_after is not an item of this listing"


class SubscriptionExists(StateConflict):
    """The account already has a subscription that has not ended: it changes plan instead of buying again."""

    default_detail = "This account already has a subscription; change its plan instead of subscribing again"

    def __init__(self, subscription_id: str | None = None) -> None:
        super().__init__(
            f"This account already has subscription '{subscription_id}'; "
            "change its plan instead of subscribing again"
            if subscription_id
            else None
        )
        self.subscription_id = subscription_id


class CheckoutInProgress(StateConflict):
    default_detail = "Another checkout for this account is starting; try again in a moment"


class SamePrice(InvalidRequest):
    default_detail = "The subscription is already on this price"


class SubscriptionEnded(InvalidRequest):
    default_detail = "This subscription has ended; subscribe again from the pricing page"


class NotScheduledToEnd(InvalidRequest):
    default_detail = "This subscription is not scheduled to end; there is nothing to resume"
