"""Records what Stripe says about a subscription; the success page, webhooks and reconciliation share it."""

from __future__ import annotations

import logging

from saas_billing.domain.schemas.billing.subscription import (
    ApplyOutcome,
    SavedSubscription,
    SubscriptionSnapshot,
)
from saas_billing.infra.metrics import count
from saas_billing.infra.mixins.clock import Clock
from saas_billing.repo.interface.subscription_repository import SubscriptionRepository

logger = logging.getLogger(__name__)
# A write that leaves a subscription in one of these states (a repeat of the same state counts again).
STATUS_METRICS = {
    "active": "SubscriptionsActivated",
    "canceled": "SubscriptionsCanceled",
    "past_due": "SubscriptionsPastDue",
}


class RecordSubscription:
    def __init__(self, repository: SubscriptionRepository, clock: Clock) -> None:
        self._repository = repository
        self._clock = clock

    def execute(self, snapshot: SubscriptionSnapshot) -> ApplyOutcome:
        outcome = self._repository.apply(snapshot, self._clock.now())
        self._observe(snapshot, outcome)
        return outcome

    def execute_and_read(self, snapshot: SubscriptionSnapshot) -> SavedSubscription:
        """Records, and returns the stored document (a newer one stays): the answer of the success page
        and cancel, usually without a read after the write."""
        outcome, saved = self._repository.apply_and_read(snapshot, self._clock.now())
        self._observe(snapshot, outcome)
        assert saved is not None, "a recorded subscription is stored"
        return saved

    def _observe(self, snapshot: SubscriptionSnapshot, outcome: ApplyOutcome) -> None:
        logger.info(
            "subscription recorded",
            extra={"subscription_id": snapshot.id, "status": snapshot.status, "outcome": str(outcome)},
        )
        if outcome in (ApplyOutcome.CREATED, ApplyOutcome.UPDATED) and snapshot.status in STATUS_METRICS:
            count(STATUS_METRICS[snapshot.status])
