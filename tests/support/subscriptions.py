"""Builds subscription snapshots for tests."""

from __future__ import annotations

from datetime import UTC, datetime

from saas_billing.domain.schemas.billing.checkout import CheckoutRequest
from saas_billing.domain.schemas.billing.subscription import SubscriptionSnapshot
from saas_billing.infra.external_api.service.stripe_shapes import to_subscription_snapshot
from saas_billing.usecase.billing.record_subscription import RecordSubscription
from tests.fakes.clock import FakeClock


def snapshot(observed_at: float = 1_000, status: str = "active", **overrides) -> SubscriptionSnapshot:
    values = {
        "id": "sub_123",
        "customer_id": "cus_123",
        "status": status,
        "price_id": "price_pro_monthly",
        "product_id": "prod_pro",
        "current_period_end": datetime(2026, 12, 26, tzinfo=UTC),
        "cancel_at_period_end": False,
        "observed_at": observed_at,
        "customer_email": "ada@example.com",
        "customer_name": "Ada",
    }
    values.update(overrides)
    return SubscriptionSnapshot(**values)


def subscribe(stripe, repository, account_id=None, key="k1", clock=None) -> str:
    """A paid checkout at the in-memory Stripe, its subscription stored as the webhook would: the id."""
    request = CheckoutRequest("price_starter_monthly", "http://x/s", "http://x/c", key, account_id=account_id)
    event = stripe.complete_checkout(stripe.create_checkout_session(request).id, "ada@example.com")
    subscription = stripe.state.subscriptions[event["data"]["object"]["subscription"]]
    RecordSubscription(repository, clock or FakeClock()).execute(to_subscription_snapshot(subscription, 1.0))
    return subscription["id"]
