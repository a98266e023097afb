"""Records what Stripe says about a subscription; the success page, webhooks and reconciliation share it.

A new subscription for an account that already has one that has not ended is still recorded (it is
paid for), logged as an error and flagged for attention: someone must refund or cancel one of them.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from saas_billing.domain.schemas.billing.subscription import (
    TERMINAL_STATUSES,
    ApplyOutcome,
    SavedSubscription,
    SubscriptionSnapshot,
)
from saas_billing.infra.metrics import count
from saas_billing.repo.interface.subscription_repository import SubscriptionFilter, SubscriptionRepository

if TYPE_CHECKING:
    from saas_billing.infra.mixins.clock import Clock

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
        if outcome is ApplyOutcome.CREATED and snapshot.account_id and not snapshot.is_terminal:
            self._flag_if_second(snapshot)

    def _flag_if_second(self, snapshot: SubscriptionSnapshot) -> None:
        where = SubscriptionFilter(account_id=snapshot.account_id, excluded_statuses=TERMINAL_STATUSES)
        others = [s.id for s in self._repository.list(where, limit=5).items if s.id != snapshot.id]
        if not others:
            return
        reason = f"second subscription of the account besides {', '.join(others)}"
        self._repository.flag_attention(snapshot.id, reason)
        logger.error(
            "an account paid for a second subscription; flagged for attention",
            extra={"subscription_id": snapshot.id, "account_id": snapshot.account_id, "others": others},
        )
        count("DuplicateSubscriptions")
