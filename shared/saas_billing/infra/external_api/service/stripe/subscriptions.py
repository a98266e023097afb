"""Subscription part of the Stripe gateway: cancel now or at the end of the paid period."""

from __future__ import annotations

from typing import TYPE_CHECKING

from saas_billing.domain.errors import SubscriptionNotFound
from saas_billing.domain.schemas.billing.subscription import SubscriptionSnapshot
from saas_billing.infra.exception.errors import NotFound
from saas_billing.infra.external_api.interface.subscription_gateway import SubscriptionGateway
from saas_billing.infra.external_api.service.billing_shapes import with_customer
from saas_billing.infra.external_api.service.stripe.errors import stripe_errors
from saas_billing.infra.external_api.service.stripe_shapes import to_subscription_snapshot

if TYPE_CHECKING:
    import stripe


class StripeSubscriptions(SubscriptionGateway):
    client: stripe.StripeClient

    def cancel_subscription(
        self, subscription_id: str, at_period_end: bool, observed_at: float
    ) -> SubscriptionSnapshot:
        # The customer is expanded so the stored document keeps its email and name.
        subscriptions = self.client.v1.subscriptions
        try:
            with stripe_errors():
                if at_period_end:
                    result = subscriptions.update(
                        subscription_id, params={"cancel_at_period_end": True, "expand": ["customer"]}
                    )
                else:
                    result = subscriptions.cancel(subscription_id, params={"expand": ["customer"]})
        except NotFound as error:
            raise SubscriptionNotFound(f"No such subscription: '{subscription_id}'") from error
        data = result.to_dict()
        return with_customer(to_subscription_snapshot(data, observed_at), data.get("customer"))
