"""What the use cases need to change a subscription at the payment provider."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from saas_billing.domain.schemas.billing.subscription import SubscriptionSnapshot


class SubscriptionGateway(ABC):
    @abstractmethod
    def cancel_subscription(
        self, subscription_id: str, at_period_end: bool, observed_at: float
    ) -> SubscriptionSnapshot:
        """Cancels now, or flags it to end with the paid period; returns the provider's resulting state.

        Raises SubscriptionNotFound for an unknown id.
        """

    @abstractmethod
    def change_subscription_price(
        self, subscription_id: str, price_id: str, idempotency_key: str, observed_at: float
    ) -> SubscriptionSnapshot:
        """Moves the subscription's item to `price_id`, prorating the difference; the resulting state.

        Raises SubscriptionNotFound for an unknown id.
        """

    @abstractmethod
    def resume_subscription(
        self, subscription_id: str, scheduled_date_only: bool, observed_at: float
    ) -> SubscriptionSnapshot:
        """Undoes a scheduled end: `cancel_at_period_end=false`, or with `scheduled_date_only` (a `cancel_at`
        date set on its own) clears that date. Raises SubscriptionNotFound for an unknown id."""
