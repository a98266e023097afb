"""The StripeObjectReader over Stripe's API shapes (the same readers the gateways use).

Only the subscription reader is imported with this module: the others are imported by the event types
that use them, so a function's init and a subscription event load none of their schemas.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from saas_billing.infra.external_api.interface.stripe_object_reader import StripeObjectReader
from saas_billing.infra.external_api.service.stripe_shapes import to_subscription_snapshot

if TYPE_CHECKING:
    from saas_billing.domain.schemas.billing.subscription import SubscriptionSnapshot
    from saas_billing.domain.schemas.billing.subscription_change import SubscriptionChange
    from saas_billing.domain.schemas.entitlements.entitlement_summary import EntitlementSummary
    from saas_billing.domain.schemas.webhooks.stripe_event import CompletedCheckout


class StripeShapeReader(StripeObjectReader):
    def subscription(self, obj: Mapping[str, Any], observed_at: float) -> SubscriptionSnapshot:
        return to_subscription_snapshot(obj, observed_at=observed_at)

    def completed_checkout(self, obj: Mapping[str, Any]) -> CompletedCheckout:
        from saas_billing.infra.external_api.service.stripe_event_shapes import to_completed_checkout

        return to_completed_checkout(obj)

    def invoice_change(
        self, obj: Mapping[str, Any], paid: bool, observed_at: float
    ) -> SubscriptionChange | None:
        from saas_billing.infra.external_api.service.stripe_event_shapes import to_invoice_change

        return to_invoice_change(obj, paid, observed_at=observed_at)

    def trial_end(self, obj: Mapping[str, Any]) -> datetime | None:
        from saas_billing.infra.external_api.service.stripe_event_shapes import trial_end_of

        return trial_end_of(obj)

    def deleted_customer(self, obj: Mapping[str, Any]) -> str:
        from saas_billing.infra.external_api.service.stripe_event_shapes import deleted_customer_id

        return deleted_customer_id(obj)

    def entitlement_summary(self, obj: Mapping[str, Any]) -> EntitlementSummary:
        from saas_billing.infra.external_api.service.entitlement_shapes import to_entitlement_summary

        return to_entitlement_summary(obj)
