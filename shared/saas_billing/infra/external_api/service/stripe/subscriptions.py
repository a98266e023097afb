"""Subscription part of the Stripe gateway: cancel now or at period end, resume, and change the price."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from saas_billing.domain.errors import SubscriptionNotFound
from saas_billing.infra.exception.errors import NotFound
from saas_billing.infra.external_api.interface.subscription_gateway import SubscriptionGateway
from saas_billing.infra.external_api.service.billing_shapes import with_customer
from saas_billing.infra.external_api.service.stripe.errors import stripe_errors
from saas_billing.infra.external_api.service.stripe_shapes import to_subscription_snapshot

if TYPE_CHECKING:
    import stripe

    from saas_billing.domain.schemas.billing.subscription import SubscriptionSnapshot


@contextmanager
def _subscription_errors(subscription_id: str) -> Iterator[None]:
    try:
        with stripe_errors():
            yield
    except NotFound as error:
        raise SubscriptionNotFound(f"No such subscription: '{subscription_id}'") from error


def _snapshot(result: Any, observed_at: float) -> SubscriptionSnapshot:
    data = result.to_dict()
    return with_customer(to_subscription_snapshot(data, observed_at), data.get("customer"))


class StripeSubscriptions(SubscriptionGateway):
    client: stripe.StripeClient

    def _update(
        self, subscription_id: str, params: dict[str, Any], observed_at: float, **options: Any
    ) -> SubscriptionSnapshot:
        # The customer is expanded so the stored document keeps its email and name.
        subscriptions = self.client.v1.subscriptions
        with _subscription_errors(subscription_id):
            result = subscriptions.update(
                subscription_id, params={**params, "expand": ["customer"]}, **options
            )
        return _snapshot(result, observed_at)

    def change_subscription_price(
        self, subscription_id: str, price_id: str, idempotency_key: str, observed_at: float
    ) -> SubscriptionSnapshot:
        """Stripe's plan switch: the existing item gets the new price (a new item would bill both)."""
        with _subscription_errors(subscription_id):
            current = self.client.v1.subscriptions.retrieve(subscription_id)
        item_id = current.to_dict()["items"]["data"][0]["id"]
        params = {
            "items": [{"id": item_id, "price": price_id}],
            "proration_behavior": "create_prorations",
        }
        return self._update(
            subscription_id, params, observed_at, options={"idempotency_key": idempotency_key}
        )

    def resume_subscription(
        self, subscription_id: str, scheduled_date_only: bool, observed_at: float
    ) -> SubscriptionSnapshot:
        # Stripe refuses both parameters in one call; an empty string unsets `cancel_at`.
        params = {"cancel_at": ""} if scheduled_date_only else {"cancel_at_period_end": False}
        return self._update(subscription_id, params, observed_at)

    def cancel_subscription(
        self, subscription_id: str, at_period_end: bool, observed_at: float
    ) -> SubscriptionSnapshot:
        if at_period_end:
            return self._update(subscription_id, {"cancel_at_period_end": True}, observed_at)
        with _subscription_errors(subscription_id):
            result = self.client.v1.subscriptions.cancel(subscription_id, params={"expand": ["customer"]})
        return _snapshot(result, observed_at)
