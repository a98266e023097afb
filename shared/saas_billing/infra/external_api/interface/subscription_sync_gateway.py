"""What webhooks and reconciliation need to read subscriptions back from the payment provider."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from saas_billing.domain.schemas.billing.reconciliation import ChangedSubscription
    from saas_billing.domain.schemas.billing.subscription import SubscriptionSnapshot


class SubscriptionSyncGateway(ABC):
    @abstractmethod
    def retrieve_subscription(self, subscription_id: str, *, observed_at: float) -> SubscriptionSnapshot:
        """The provider's current view of one subscription; raises NotFound for an unknown id.

        `observed_at` is a time taken just before the call: the state returned is at least that new.
        """

    @abstractmethod
    def list_subscription_changes_since(self, since: float) -> list[ChangedSubscription]:
        """Each subscription with a `customer.subscription.*` event created at or after `since`, once,
        with the `created` of its oldest and newest such event; oldest first change first.

        Only ids and times: callers retrieve the current state rather than trust an old event.
        """
