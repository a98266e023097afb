"""A subscription as Stripe last told us, and as we store it."""

from __future__ import annotations

import logging
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


logger = logging.getLogger(__name__)

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
    cancel_at: datetime | None = None  # a scheduled end date (Stripe's `cancel_at`), not the period end

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
    cancel_at: datetime | None = None
    attention: str | None = None  # why a person should look at it (a second paid subscription)

    @property
    def is_terminal(self) -> bool:
        return self.status in TERMINAL_STATUSES

    @property
    def ends_at(self) -> datetime | None:
        """When it ends instead of renewing: the scheduled date, else the period end once canceling or
        canceled; None while it renews at `current_period_end`."""
        if self.cancel_at is not None:
            return self.cancel_at
        if self.cancel_at_period_end or self.is_terminal:
            return self.current_period_end
        return None


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


def owner_after(saved: SavedSubscription | None, named: str | None) -> str | None:
    """The one ownership rule: a subscription is linked to an account once, by the first write naming one.

    A later write naming another account (a signed event whose metadata was edited, say) never moves it.
    """
    owner = saved.account_id if saved else None
    if owner and named and named != owner:
        log_foreign_owner(saved.id if saved else "", owner, named)
    return owner or named


def log_foreign_owner(subscription_id: str, owner: str | None, named: str) -> None:
    logger.error(
        "subscription names another account than its owner; the link is kept",
        extra={"subscription_id": subscription_id, "account_id": owner, "named_account_id": named},
    )
