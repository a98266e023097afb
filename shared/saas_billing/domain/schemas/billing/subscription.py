"""A subscription as Stripe last told us, and as we store it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from saas_billing.domain.schemas.billing.subscription_change import SubscriptionChange


class ApplyOutcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    STALE = "stale"
    MISSING = "missing"  # a partial change for a subscription not stored yet: nothing to change


TERMINAL_STATUSES = frozenset({"canceled", "incomplete_expired"})


@dataclass(frozen=True)
class SubscriptionSnapshot:
    """Stripe's view of one subscription at `observed_at` (epoch seconds).

    `observed_at` is the event's `created` for webhooks, or the fetch time when we read Stripe directly;
    it orders writes so an older view never overwrites a newer one.
    """

    id: str
    customer_id: str
    status: str
    price_id: str | None
    product_id: str | None
    current_period_end: datetime | None
    cancel_at_period_end: bool
    observed_at: float
    customer_email: str | None = None
    customer_name: str | None = None
    account_id: str | None = None

    @property
    def is_terminal(self) -> bool:
        return self.status in TERMINAL_STATUSES


@dataclass(frozen=True)
class SavedSubscription:
    id: str
    customer_id: str
    status: str
    price_id: str | None
    product_id: str | None
    current_period_end: datetime | None
    cancel_at_period_end: bool
    customer_email: str | None
    customer_name: str | None
    account_id: str | None
    stripe_observed_at: float
    created_at: datetime
    updated_at: datetime


def supersedes(snapshot: SubscriptionSnapshot | SubscriptionChange, saved: SavedSubscription | None) -> bool:
    """The one ordering rule: strictly newer wins, and a canceled subscription never comes back.

    Stripe never reactivates a canceled subscription, so a late `updated` after `deleted` is stale even
    when both events carry the same second.
    """
    if saved is None:
        return True
    if saved.status in TERMINAL_STATUSES and not snapshot.is_terminal:
        return False
    return snapshot.observed_at > saved.stripe_observed_at
