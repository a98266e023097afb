"""Subscription reads for webhooks and reconciliation: one retrieve, and the events listing.

Reconciliation lists events (`customer.subscription.*`, `created[gte]`) rather than subscriptions:
Stripe cannot list subscriptions by update time, so listing them would read every subscription every
hour; events name exactly the ones that changed (Stripe keeps events for 30 days).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from saas_billing.infra.external_api.interface.subscription_sync_gateway import SubscriptionSyncGateway
from saas_billing.infra.external_api.service.stripe.errors import stripe_errors
from saas_billing.infra.external_api.service.stripe_shapes import to_subscription_snapshot

if TYPE_CHECKING:
    import stripe

    from saas_billing.domain.schemas.billing.reconciliation import ChangedSubscription
    from saas_billing.domain.schemas.billing.subscription import SubscriptionSnapshot

SUBSCRIPTION_EVENTS = "customer.subscription.*"


class StripeSubscriptionSync(SubscriptionSyncGateway):
    client: stripe.StripeClient

    def retrieve_subscription(self, subscription_id: str, *, observed_at: float) -> SubscriptionSnapshot:
        with stripe_errors():
            subscription = self.client.v1.subscriptions.retrieve(
                subscription_id, params={"expand": ["customer"]}
            )
        return to_subscription_snapshot(subscription.to_dict(), observed_at)

    def list_subscription_changes_since(self, since: float) -> list[ChangedSubscription]:
        # Imported here, with the schemas it builds: the catalog function makes this gateway too.
        from saas_billing.infra.external_api.service.stripe_event_shapes import subscription_changes

        # `type` takes the `*` wildcard (`types[]` only exact names); Stripe lists newest first.
        with stripe_errors():
            listing = self.client.v1.events.list(
                params={"type": SUBSCRIPTION_EVENTS, "created": {"gte": int(since)}, "limit": 100}
            )
            return subscription_changes(event.to_dict() for event in listing.auto_paging_iter())
