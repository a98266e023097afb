"""What the use cases need to change a subscription at the payment provider."""

from __future__ import annotations

from abc import ABC, abstractmethod

from saas_billing.domain.schemas.billing.subscription import SubscriptionSnapshot


class SubscriptionGateway(ABC):
    @abstractmethod
    def cancel_subscription(
        self, subscription_id: str, at_period_end: bool, observed_at: float
    ) -> SubscriptionSnapshot:
        """Cancels now, or flags it to end with the paid period; returns the provider's resulting state.

        Raises SubscriptionNotFound for an unknown id.
        """
