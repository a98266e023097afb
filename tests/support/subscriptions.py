"""Builds subscription snapshots for tests."""

from __future__ import annotations

from datetime import UTC, datetime

from saas_billing.domain.schemas.billing.subscription import SubscriptionSnapshot


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
