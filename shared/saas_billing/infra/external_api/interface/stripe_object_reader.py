"""Reading the Stripe objects a webhook carries, kept behind an interface so use cases never see shapes.

Each method raises InvalidWebhookPayload when a field it needs is missing or ill-typed.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from saas_billing.domain.schemas.billing.subscription import SubscriptionSnapshot
    from saas_billing.domain.schemas.billing.subscription_change import SubscriptionChange
    from saas_billing.domain.schemas.entitlements.entitlement_summary import EntitlementSummary
    from saas_billing.domain.schemas.webhooks.stripe_event import CompletedCheckout


class StripeObjectReader(ABC):
    @abstractmethod
    def subscription(self, obj: Mapping[str, Any], observed_at: float) -> SubscriptionSnapshot: ...

    @abstractmethod
    def completed_checkout(self, obj: Mapping[str, Any]) -> CompletedCheckout: ...

    @abstractmethod
    def invoice_change(
        self, obj: Mapping[str, Any], paid: bool, observed_at: float
    ) -> SubscriptionChange | None:
        """None when the invoice is not a subscription's."""

    @abstractmethod
    def trial_end(self, obj: Mapping[str, Any]) -> datetime | None: ...

    @abstractmethod
    def deleted_customer(self, obj: Mapping[str, Any]) -> str:
        """The id of the customer a `customer.deleted` event carries."""

    @abstractmethod
    def entitlement_summary(self, obj: Mapping[str, Any]) -> EntitlementSummary:
        """The customer and lookup keys an `entitlements.active_entitlement_summary` carries."""
