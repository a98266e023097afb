"""A Checkout Session in subscription mode: what we ask Stripe for, and what we read back."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from saas_billing.domain.schemas.billing.subscription import SubscriptionSnapshot
    from saas_billing.domain.schemas.catalog.catalog_item import PricedProduct

SESSION_ID_PLACEHOLDER = "{CHECKOUT_SESSION_ID}"


@dataclass(frozen=True)
class CheckoutRequest:
    price_id: str
    success_url: str
    cancel_url: str
    idempotency_key: str
    customer_email: str | None = None
    customer_id: str | None = None
    # Seam for accounts: stored as the subscription's metadata so every later snapshot carries it.
    account_id: str | None = None


@dataclass(frozen=True)
class CheckoutSession:
    id: str
    url: str
    expires_at: float | None = None  # epoch seconds, when Stripe stops accepting payment on it


@dataclass(frozen=True)
class ClosedCheckout:
    """What an expire call left: `expired`, or `complete` with the subscription it paid for."""

    status: str
    subscription_id: str | None = None


@dataclass(frozen=True)
class CheckoutResult:
    """A session read back on the success page; `subscription` is None until the customer has paid."""

    id: str
    mode: str
    status: str | None
    payment_status: str | None
    customer_id: str | None
    customer_email: str | None
    subscription: SubscriptionSnapshot | None
    # The price bought, with its product: the plan the page names, read in the same lookup.
    bought: PricedProduct | None = None


@dataclass(frozen=True)
class PortalSession:
    id: str
    url: str
