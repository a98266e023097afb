"""Repairs drift between Stripe and MongoDB (a lost webhook, a bug, a restore), on a schedule.

It asks Stripe which subscriptions changed since the last checkpoint, reads each one's current state, and
records it through RecordSubscription with observed_at = the time before the read: the same order-safe
apply as webhooks, so a webhook racing with a repair can never be overwritten by an older view.

Subscriptions are handled oldest change first until the deadline, and the checkpoint moves to the oldest
change not handled yet: a run cut short, or one subscription that keeps failing, still lets later runs
progress instead of each retrying a growing window. A malformed object is logged and skipped at once.

The customers of the subscriptions examined then have their active entitlements listed and recorded
(stamped with the time before the listing, the same newest-wins rule as the summary webhook), which
repairs a missed summary; a failed listing is logged and left to the next change or summary.
"""

from __future__ import annotations

import logging
from collections import Counter
from datetime import datetime, timedelta

from saas_billing.domain.schemas.billing.reconciliation import ChangedSubscription, ReconcileReport
from saas_billing.domain.schemas.billing.subscription import (
    TERMINAL_STATUSES,
    ApplyOutcome,
    SavedSubscription,
    SubscriptionSnapshot,
)
from saas_billing.domain.schemas.billing.subscription_change import SubscriptionChange
from saas_billing.domain.webhook_errors import InvalidWebhookPayload
from saas_billing.infra.exception.errors import NotFound
from saas_billing.infra.external_api.interface.subscription_sync_gateway import SubscriptionSyncGateway
from saas_billing.infra.mixins.clock import Clock
from saas_billing.repo.interface.subscription_repository import SubscriptionRepository
from saas_billing.repo.interface.sync_checkpoint_repository import SyncCheckpoint, SyncCheckpointRepository
from saas_billing.usecase.billing.record_subscription import RecordSubscription
from saas_billing.usecase.entitlements.sync_entitlements import SyncEntitlements

logger = logging.getLogger(__name__)

CHECKPOINT = "stripe_subscriptions"
# Without a checkpoint, look back over Stripe's retry window: older failures were given up by Stripe.
FIRST_RUN_LOOKBACK = timedelta(days=3)
# Re-read a little before the checkpoint: an event may become listable a moment after it was created.
OVERLAP = timedelta(minutes=5)
EVENT_RETENTION = timedelta(days=30)
# A subscription whose read fails this many runs in a row stops holding the checkpoint back.
MAX_FAILED_RUNS = 3
# A stored state read from Stripe this long after the newest listed change already shows it (`created` is
# whole seconds, and clocks differ a little); re-listed subscriptions then cost no Stripe read.
SETTLED = timedelta(minutes=1)


class ReconcileSubscriptions:
    def __init__(
        self,
        gateway: SubscriptionSyncGateway,
        repository: SubscriptionRepository,
        checkpoints: SyncCheckpointRepository,
        clock: Clock,
        entitlement_sync: SyncEntitlements | None = None,
    ) -> None:
        """Without `entitlement_sync`, subscriptions only."""
        self._gateway = gateway
        self._entitlement_sync = entitlement_sync
        self._customers: set[str] = set()
        self._repository = repository
        self._checkpoints = checkpoints
        self._clock = clock
        self._record = RecordSubscription(repository, clock)

    def execute(self, since: float | None = None, deadline: datetime | None = None) -> ReconcileReport:
        """From `since` (default: the checkpoint); subscriptions not started by `deadline` wait for the next run."""
        started = self._clock.now()
        stored = self._checkpoints.get(CHECKPOINT)
        # What is covered so far; a window starting later (a manual `--since`) leaves a gap before it.
        covered_from = stored.covered_until if stored else (started - FIRST_RUN_LOOKBACK).timestamp()
        if since is None:
            since = covered_from - OVERLAP.total_seconds() if stored else covered_from
        if started.timestamp() - since > EVENT_RETENTION.total_seconds():
            logger.warning(
                "reconciliation window exceeds Stripe's 30-day event retention; older changes are missed"
            )
        previous_failures = stored.failed_runs if stored else {}
        failed_runs: dict[str, int] = {}
        pending: list[float] = []  # oldest change of each subscription the checkpoint must not pass
        tally: Counter[str] = Counter()
        for change in self._gateway.list_subscription_changes_since(since):
            if deadline is not None and self._clock.now() >= deadline:
                tally["deferred"] += 1
                pending.append(change.first_change)
                if change.id in previous_failures:
                    failed_runs[change.id] = previous_failures[change.id]
                continue
            tally["examined"] += 1
            try:
                tally[self._reconcile(change)] += 1
            except InvalidWebhookPayload as error:
                # Stripe's object cannot be read (a missing or ill-typed field): a retry reads the same.
                tally["failed"] += 1
                tally["skipped"] += 1
                extra = {"subscription_id": change.id, "reason": error.detail}
                logger.error("subscription in Stripe is malformed; skipped", extra=extra)
            except Exception:
                runs = failed_runs[change.id] = previous_failures.get(change.id, 0) + 1
                tally["failed"] += 1
                extra = {"subscription_id": change.id, "failed_runs": runs}
                logger.exception("reconciling a subscription failed", extra=extra)
                if runs < MAX_FAILED_RUNS:
                    pending.append(change.first_change)
                else:
                    tally["skipped"] += 1
                    logger.error(
                        f"subscription {change.id} failed {runs} runs in a row; the checkpoint moves past its "
                        f"changes ({change.first_change:.0f} to {change.last_change:.0f}): check it by hand",
                        extra=extra,
                    )
        self._sync_entitlements()
        checkpoint = None
        if since <= covered_from:
            checkpoint = min(pending, default=started.timestamp())
            self._checkpoints.set(CHECKPOINT, SyncCheckpoint(checkpoint, failed_runs), self._clock.now())
        report = ReconcileReport(since, checkpoint, **{key: tally[key] for key in ReconcileReport.FIGURES})
        logger.info("reconciliation finished", extra=report.as_dict())
        return report

    def _reconcile(self, change: ChangedSubscription) -> str:
        """One subscription: "repaired" or "unchanged"; raises when it could not be read or recorded."""
        observed_at = self._clock.now().timestamp()
        saved = self._repository.get(change.id)
        if saved:
            self._customers.add(saved.customer_id)
        if saved and saved.stripe_observed_at >= change.last_change + SETTLED.total_seconds():
            return "unchanged"  # read after its newest change, e.g. by the run this one overlaps
        try:
            fetched = self._gateway.retrieve_subscription(change.id, observed_at=observed_at)
        except NotFound:
            return self._gone(change.id, observed_at, saved)
        self._customers.add(fetched.customer_id)
        if _same(fetched, saved) or self._record.execute(fetched) is ApplyOutcome.STALE:
            return "unchanged"  # or a newer webhook landed meanwhile
        logger.info("subscription drift repaired", extra={"subscription_id": change.id})
        return "repaired"

    def _sync_entitlements(self) -> None:
        """Records the active entitlements of each customer whose subscriptions were examined, once."""
        customers, self._customers = sorted(self._customers), set()
        if self._entitlement_sync is None:
            return
        for customer_id in customers:
            try:
                self._entitlement_sync.from_stripe(customer_id)
            except Exception:
                logger.exception("reconciling entitlements failed", extra={"customer_id": customer_id})

    def _gone(self, subscription_id: str, observed_at: float, saved: SavedSubscription | None) -> str:
        """Deleted in Stripe: nothing left to read, so handled; a stored live copy is canceled."""
        logger.warning("subscription no longer exists in Stripe", extra={"subscription_id": subscription_id})
        if saved is None or saved.status in TERMINAL_STATUSES:
            return "unchanged"
        canceled = SubscriptionChange(subscription_id, observed_at, status="canceled")
        if self._repository.apply_change(canceled, self._clock.now()) is ApplyOutcome.UPDATED:
            return "repaired"
        return "unchanged"


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
