"""Saved subscriptions from the database; never calls Stripe.

`account_id` is the seam for accounts: None means unrestricted (admin, local stage); a value restricts
every read to that owner's subscriptions, and someone else's looks exactly like an unknown one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from saas_billing.domain.errors import SubscriptionNotFound
from saas_billing.domain.ids import require_id
from saas_billing.infra.exception.errors import BadRequest
from saas_billing.repo.interface.subscription_repository import (
    SubscriptionFilter,
    SubscriptionPage,
    SubscriptionRepository,
)

if TYPE_CHECKING:
    from saas_billing.domain.schemas.billing.subscription import SavedSubscription

STATUSES = (
    "incomplete",
    "incomplete_expired",
    "trialing",
    "active",
    "past_due",
    "canceled",
    "unpaid",
    "paused",
)


class ListSubscriptions:
    def __init__(self, repository: SubscriptionRepository) -> None:
        self._repository = repository

    def execute(
        self,
        *,
        limit: int,
        starting_after: str | None = None,
        status: str | None = None,
        customer_id: str | None = None,
        account_id: str | None = None,
    ) -> SubscriptionPage:
        if status and status not in STATUSES:
            raise BadRequest(f"status must be one of: {', '.join(STATUSES)}")
        if customer_id:
            require_id(customer_id, "customer")
        if starting_after:
            require_id(starting_after, "subscription")
        where = SubscriptionFilter(status=status, customer_id=customer_id, account_id=account_id)
        return self._repository.list(where, limit, starting_after)


class GetSubscription:
    def __init__(self, repository: SubscriptionRepository) -> None:
        self._repository = repository

    def execute(self, subscription_id: str, account_id: str | None = None) -> SavedSubscription:
        saved = self._repository.get(require_id(subscription_id, "subscription"))
        if saved is None or (account_id is not None and saved.account_id != account_id):
            raise SubscriptionNotFound(f"No saved subscription '{subscription_id}'")
        return saved
