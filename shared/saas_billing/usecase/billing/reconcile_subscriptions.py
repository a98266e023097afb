"""Repairs drift between Stripe and MongoDB (a lost webhook, a bug, a restore), on a schedule.

It asks Stripe which subscriptions changed since the last checkpoint, reads each one's current state, and
records it through RecordSubscription with observed_at = the time before the read: the same order-safe
apply as webhooks, so a webhook racing with a repair can never be overwritten by an older view.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from saas_billing.domain.schemas.billing.reconciliation import ReconcileReport
from saas_billing.domain.schemas.billing.subscription import (
    ApplyOutcome,
    SavedSubscription,
    SubscriptionSnapshot,
)
from saas_billing.infra.external_api.interface.subscription_sync_gateway import SubscriptionSyncGateway
from saas_billing.infra.mixins.clock import Clock
from saas_billing.repo.interface.subscription_repository import SubscriptionRepository
from saas_billing.repo.interface.sync_checkpoint_repository import SyncCheckpoint, SyncCheckpointRepository
from saas_billing.usecase.billing.record_subscription import RecordSubscription

logger = logging.getLogger(__name__)

CHECKPOINT = "stripe_subscriptions"
# Without a checkpoint, look back over Stripe's retry window: older failures were given up by Stripe.
FIRST_RUN_LOOKBACK = timedelta(days=3)
# Re-read a little before the checkpoint: an event may become listable a moment after it was created.
OVERLAP = timedelta(minutes=5)
EVENT_RETENTION = timedelta(days=30)


class ReconcileSubscriptions:
    def __init__(
        self,
        gateway: SubscriptionSyncGateway,
        repository: SubscriptionRepository,
        checkpoints: SyncCheckpointRepository,
        clock: Clock,
    ) -> None:
        self._gateway = gateway
        self._repository = repository
        self._checkpoints = checkpoints
        self._clock = clock
        self._record = RecordSubscription(repository, clock)

    def execute(self, since: float | None = None) -> ReconcileReport:
        started = self._clock.now()
        stored = self._checkpoints.get(CHECKPOINT)
        covered = stored.covered_until if stored else None
        # What is covered so far; a window starting later (a manual `--since`) leaves a gap before it.
        covered_from = covered if covered else (started - FIRST_RUN_LOOKBACK).timestamp()
        if since is None:
            since = covered - OVERLAP.total_seconds() if covered else covered_from
        if started.timestamp() - since > EVENT_RETENTION.total_seconds():
            logger.warning(
                "reconciliation window exceeds Stripe's 30-day event retention; older changes are missed"
            )
        examined = repaired = unchanged = failed = 0
        for change in self._gateway.list_subscription_changes_since(since):
            subscription_id = change.id
            examined += 1
            try:
                fetched = self._gateway.retrieve_subscription(
                    subscription_id, observed_at=self._clock.now().timestamp()
                )
                if _same(fetched, self._repository.get(subscription_id)):
                    unchanged += 1
                elif self._record.execute(fetched) is ApplyOutcome.STALE:
                    unchanged += 1  # a newer webhook landed meanwhile
                else:
                    repaired += 1
                    logger.info("subscription drift repaired", extra={"subscription_id": subscription_id})
            except Exception:
                failed += 1
                logger.exception(
                    "reconciling a subscription failed", extra={"subscription_id": subscription_id}
                )
        checkpoint = None
        # After a failure the next run looks at the same window again.
        if not failed and since <= covered_from:
            checkpoint = started.timestamp()
            self._checkpoints.set(CHECKPOINT, SyncCheckpoint(checkpoint), self._clock.now())
        report = ReconcileReport(since, checkpoint, examined, repaired, unchanged, failed)
        logger.info("reconciliation finished", extra=report.as_dict())
        return report


def _same(fetched: SubscriptionSnapshot, saved: SavedSubscription | None) -> bool:
    if saved is None:
        return False
    return (
        fetched.customer_id == saved.customer_id
        and fetched.status == saved.status
        and fetched.price_id == saved.price_id
        and fetched.product_id == saved.product_id
        and fetched.current_period_end == saved.current_period_end
        and fetched.cancel_at_period_end == saved.cancel_at_period_end
        and (fetched.account_id is None or fetched.account_id == saved.account_id)
    )
