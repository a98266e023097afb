"""Dict-backed SubscriptionRepository for unit tests; the same `supersedes` rule as the Mongo one."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import datetime

from saas_billing.domain.errors import InvalidCursor
from saas_billing.domain.schemas.billing.subscription import (
    ApplyOutcome,
    SavedSubscription,
    SubscriptionSnapshot,
    owner_after,
    supersedes,
)
from saas_billing.domain.schemas.billing.subscription_change import SubscriptionChange
from saas_billing.repo.interface.subscription_repository import (
    SubscriptionFilter,
    SubscriptionPage,
    SubscriptionRepository,
)


class InMemorySubscriptionRepository(SubscriptionRepository):
    def __init__(self) -> None:
        self.saved: dict[str, SavedSubscription] = {}
        self._lock = threading.Lock()

    def apply(self, snapshot: SubscriptionSnapshot, now: datetime) -> ApplyOutcome:
        with self._lock:
            existing = self.saved.get(snapshot.id)
            if not supersedes(snapshot, existing):
                return ApplyOutcome.STALE
            self.saved[snapshot.id] = SavedSubscription(
                id=snapshot.id,
                customer_id=snapshot.customer_id,
                status=snapshot.status,
                price_id=snapshot.price_id,
                product_id=snapshot.product_id,
                current_period_end=snapshot.current_period_end,
                cancel_at_period_end=snapshot.cancel_at_period_end,
                cancel_at=snapshot.cancel_at,
                customer_email=snapshot.customer_email or (existing.customer_email if existing else None),
                customer_name=snapshot.customer_name or (existing.customer_name if existing else None),
                account_id=owner_after(existing, snapshot.account_id),
                stripe_observed_at=snapshot.observed_at,
                created_at=existing.created_at if existing else now,
                updated_at=now,
                attention=existing.attention if existing else None,
            )
            return ApplyOutcome.CREATED if existing is None else ApplyOutcome.UPDATED

    def get(self, subscription_id: str) -> SavedSubscription | None:
        return self.saved.get(subscription_id)

    def list(
        self, where: SubscriptionFilter, limit: int, starting_after: str | None = None
    ) -> SubscriptionPage:
        items = [
            s
            for s in reversed(list(self.saved.values()))
            if (not where.status or s.status == where.status)
            and s.status not in where.excluded_statuses
            and (not where.customer_id or s.customer_id == where.customer_id)
            and (not where.account_id or s.account_id == where.account_id)
        ]
        if starting_after:
            ids = [s.id for s in items]
            if starting_after not in ids:
                raise InvalidCursor(
                    f"starting_after '{starting_after}' is not a subscription in this listing"
                )
            items = items[ids.index(starting_after) + 1 :]
        return SubscriptionPage(items=[replace(s) for s in items[:limit]], has_more=len(items) > limit)

    def apply_change(self, change: SubscriptionChange, now: datetime) -> ApplyOutcome:
        with self._lock:
            existing = self.saved.get(change.id)
            if existing is None:
                return ApplyOutcome.MISSING
            if not supersedes(change, existing):
                return ApplyOutcome.STALE
            self.saved[change.id] = replace(
                existing,
                status=change.status or existing.status,
                current_period_end=change.current_period_end or existing.current_period_end,
                stripe_observed_at=change.observed_at,
                updated_at=now,
            )
            return ApplyOutcome.UPDATED

    def flag_attention(self, subscription_id: str, reason: str) -> None:
        with self._lock:
            if subscription_id in self.saved:
                self.saved[subscription_id] = replace(self.saved[subscription_id], attention=reason)
