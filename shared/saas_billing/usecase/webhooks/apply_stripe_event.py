"""Applies one verified Stripe event to MongoDB; DB work only, except one retrieve for a completed checkout
whose subscription is not stored at least as new already.

Order is never assumed. Every write carries Stripe's time (the event's `created`, or the time just before
a fetch) and goes through the one `supersedes` rule: an older event can never overwrite newer state, and
a canceled subscription stays canceled. That is why no event is ever queued or reordered here.

Timestamps cannot order two events of the same second (Stripe's `created` is whole seconds), nor an event
against a fetch stamped by our own clock in that second. Only then, when a write comes back stale but is
not strictly older than what is stored, the subscription is read from Stripe once and that is recorded.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from saas_billing.domain.schemas.billing.billing_notice import TRIAL_WILL_END, BillingNotice
from saas_billing.domain.schemas.billing.subscription import (
    TERMINAL_STATUSES,
    ApplyOutcome,
    log_foreign_owner,
    owner_after,
    supersedes,
)
from saas_billing.domain.schemas.billing.subscription_change import SubscriptionChange
from saas_billing.infra.exception.errors import NotFound
from saas_billing.repo.interface.subscription_repository import SubscriptionFilter, SubscriptionRepository

if TYPE_CHECKING:
    from saas_billing.domain.schemas.webhooks.stripe_event import StripeEvent
    from saas_billing.infra.external_api.interface.stripe_object_reader import StripeObjectReader
    from saas_billing.infra.external_api.interface.subscription_sync_gateway import SubscriptionSyncGateway
    from saas_billing.infra.mixins.clock import Clock
    from saas_billing.repo.interface.billing_notice_repository import BillingNoticeRepository
    from saas_billing.usecase.billing.record_subscription import RecordSubscription
    from saas_billing.usecase.entitlements.sync_entitlements import SyncEntitlements

logger = logging.getLogger(__name__)
ENTITLEMENT_SUMMARY = "entitlements.active_entitlement_summary.updated"


class ApplyStripeEvent:
    def __init__(
        self,
        record: RecordSubscription,
        subscriptions: SubscriptionRepository,
        notices: BillingNoticeRepository,
        gateway: SubscriptionSyncGateway,
        reader: StripeObjectReader,
        clock: Clock,
        entitlements: SyncEntitlements | None = None,
    ) -> None:
        """Without `entitlements`, entitlement summaries are not handled (ignored)."""
        self._record = record
        self._subscriptions = subscriptions
        self._notices = notices
        self._gateway = gateway
        self._reader = reader
        self._clock = clock
        self._entitlements = entitlements
        self._handlers: dict[str, Callable[[StripeEvent], str]] = {
            "checkout.session.completed": self._checkout_completed,
            "customer.subscription.created": self._subscription,
            "customer.subscription.updated": self._subscription,
            "customer.subscription.deleted": self._subscription,
            "customer.subscription.trial_will_end": self._trial_will_end,
            "invoice.paid": self._invoice,
            "invoice.payment_failed": self._invoice,
            "customer.deleted": self._customer_deleted,
        }
        if entitlements is not None:
            self._handlers[ENTITLEMENT_SUMMARY] = self._entitlement_summary

    def handles(self, event_type: str) -> bool:
        return event_type in self._handlers

    def execute(self, event: StripeEvent) -> str:
        """Returns a short outcome for the ledger and the logs."""
        return self._handlers[event.type](event)

    def _subscription(self, event: StripeEvent) -> str:
        snapshot = self._reader.subscription(event.object, event.created)
        return self._settle(snapshot.id, event.created, self._record.execute(snapshot))

    def _checkout_completed(self, event: StripeEvent) -> str:
        # The session names the subscription but not its status, price or period, so we read it once from
        # Stripe, the same way the success page does. The time taken before that read is its observed_at:
        # anything Stripe reports later is newer, anything it reported before is already in what we read.
        checkout = self._reader.completed_checkout(event.object)
        if checkout.mode != "subscription" or not checkout.subscription_id:
            return "ignored: not a subscription checkout"
        if self._stored_is_current(checkout.subscription_id, event.created, checkout.account_id):
            return "skipped: what is stored is at least as new"
        observed_at = self._clock.now().timestamp()
        try:
            snapshot = self._gateway.retrieve_subscription(checkout.subscription_id, observed_at=observed_at)
        except NotFound:
            # Deleted at Stripe since (a test clock, a purged customer): a retry would only fail again for
            # three days. Settled like a missing subscription in `_settle`.
            logger.warning(
                "completed checkout names a subscription Stripe no longer has",
                extra={"subscription_id": checkout.subscription_id, "event_id": event.id},
            )
            return "ignored: Stripe no longer has the subscription"
        if checkout.account_id:
            snapshot = replace(snapshot, account_id=checkout.account_id)
        return str(self._record.execute(snapshot))

    def _stored_is_current(self, subscription_id: str, event_created: int, account_id: str | None) -> bool:
        """Whether the read can be skipped: by the ordering rule, a view as of the event would not supersede
        what is stored (as new or newer, usually the success page's read; or terminal), and the owner the
        checkout names is already linked. The event itself reports no subscription state; every later
        change at Stripe sends its own event, and same-second ties among those are settled in `_settle`.
        """
        saved = self._subscriptions.get(subscription_id)
        if saved is None or (account_id and saved.account_id is None):
            return False
        if supersedes(SubscriptionChange(id=subscription_id, observed_at=event_created), saved):
            return False
        if account_id and saved.account_id != account_id:
            log_foreign_owner(subscription_id, saved.account_id, account_id)  # as recording would have
        return True

    def _invoice(self, event: StripeEvent) -> str:
        change = self._reader.invoice_change(event.object, event.type == "invoice.paid", event.created)
        if change is None:
            return "ignored: not a subscription invoice"
        if change.status is None and change.current_period_end is None:
            return "ignored: nothing to change"  # moving the ordering clock alone would only hide news
        return self._settle(change.id, event.created, self._apply_change(change))

    def _trial_will_end(self, event: StripeEvent) -> str:
        # The event carries the whole subscription, so it is recorded like any subscription event; the
        # notice (an email, a banner) is stored for delivery later, never sent before the 2xx. It goes to
        # the stored owner: the account the event's metadata names only counts while none is stored.
        snapshot = self._reader.subscription(event.object, event.created)
        outcome = self._settle(snapshot.id, event.created, self._record.execute(snapshot))
        saved = self._subscriptions.get(snapshot.id)
        added = self._notices.add(
            BillingNotice(
                kind=TRIAL_WILL_END,
                subscription_id=snapshot.id,
                customer_id=snapshot.customer_id,
                account_id=owner_after(saved, snapshot.account_id),
                due_at=self._reader.trial_end(event.object),
                event_id=event.id,
                created_at=self._clock.now(),
            )
        )
        return f"{outcome}; notice {'recorded' if added else 'already recorded'}"

    def _customer_deleted(self, event: StripeEvent) -> str:
        # Stripe cancels a deleted customer's subscriptions at once; we mark ours canceled at the event's
        # time (terminal, so no late update revives them) and keep the documents for history. Its
        # entitlements are emptied at that time too, so the account keeps only its other customers'.
        customer_id = self._reader.deleted_customer(event.object)
        canceled, after = 0, None
        while True:
            page = self._subscriptions.list(SubscriptionFilter(customer_id=customer_id), 100, after)
            for saved in page.items:
                change = SubscriptionChange(id=saved.id, observed_at=event.created, status="canceled")
                canceled += self._apply_change(change) == "updated"
            if not page.has_more or not page.items:
                break
            after = page.items[-1].id
        outcome = f"canceled {canceled} subscription(s)"
        if self._entitlements is None:
            return outcome
        return f"{outcome}; entitlements {self._entitlements.deleted(customer_id, event.created)}"

    def _entitlement_summary(self, event: StripeEvent) -> str:
        """Ordered by the event's `created`, like subscriptions (see SyncEntitlements)."""
        assert self._entitlements is not None
        summary = self._reader.entitlement_summary(event.object)
        return f"entitlements {self._entitlements.from_summary(summary, event.created)}"

    def _settle(self, subscription_id: str, event_created: int, outcome: ApplyOutcome | str) -> str:
        """A stale write that is not strictly older than the stored state is a tie: Stripe decides."""
        if outcome != ApplyOutcome.STALE:
            return str(outcome)
        saved = self._subscriptions.get(subscription_id)
        if (
            saved is None
            or saved.status in TERMINAL_STATUSES
            or event_created < int(saved.stripe_observed_at)
        ):
            return str(outcome)
        observed_at = self._clock.now().timestamp()
        try:
            fresh = self._gateway.retrieve_subscription(subscription_id, observed_at=observed_at)
        except NotFound:
            return f"{outcome} (a tie, and Stripe no longer has the subscription)"
        return f"tie, read from Stripe: {self._record.execute(fresh)}"

    def _apply_change(self, change: SubscriptionChange) -> str:
        outcome = self._subscriptions.apply_change(change, self._clock.now())
        logger.info(
            "subscription changed",
            extra={"subscription_id": change.id, "status": change.status, "outcome": str(outcome)},
        )
        return str(outcome)
