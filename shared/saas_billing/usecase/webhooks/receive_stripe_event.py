"""Receives one verified Stripe event exactly once, although Stripe delivers at least once.

Claim, apply, mark processed. The claim is a ledger record with a lease: of two concurrent deliveries one
claims and applies; the other gets 409, not 200, because a 2xx would end Stripe's retries for the event
while the first delivery may still fail. A failed apply releases the claim and answers 500, so Stripe's
next retry claims it again; a crashed delivery's claim frees itself when its lease runs out. An event
whose object is malformed releases its claim too but answers 400: no retry could ever apply it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from saas_billing.domain.schemas.webhooks.stripe_event import (
    CLAIM_LEASE,
    PROCESSED_RETENTION,
    ClaimStatus,
    ReceiveResult,
    StripeEvent,
)
from saas_billing.domain.webhook_errors import (
    EventInProgress,
    InvalidWebhookPayload,
    WebhookProcessingFailed,
)
from saas_billing.infra.metrics import count

if TYPE_CHECKING:
    from saas_billing.infra.mixins.clock import Clock
    from saas_billing.repo.interface.webhook_event_repository import WebhookEventRepository
    from saas_billing.usecase.webhooks.apply_stripe_event import ApplyStripeEvent

logger = logging.getLogger(__name__)


class ReceiveStripeEvent:
    def __init__(self, ledger: WebhookEventRepository, apply: ApplyStripeEvent, clock: Clock) -> None:
        self._ledger = ledger
        self._apply = apply
        self._clock = clock

    def execute(self, event: StripeEvent) -> ReceiveResult:
        context = {"event_id": event.id, "event_type": event.type}
        if not self._apply.handles(event.type):
            logger.info("webhook event ignored", extra=context)
            return ReceiveResult.IGNORED
        now = self._clock.now()
        claim = self._ledger.claim(event.id, event.type, now, lease_until=now + CLAIM_LEASE)
        if claim.status is ClaimStatus.PROCESSED:
            logger.info("webhook event already processed", extra=context)
            count("WebhookDuplicate")
            return ReceiveResult.DUPLICATE
        if claim.status is ClaimStatus.IN_PROGRESS or claim.token is None:
            logger.info("webhook event in progress elsewhere", extra=context)
            raise EventInProgress(f"Event {event.id} is being processed by another delivery; retry later")
        try:
            outcome = self._apply.execute(event)
        except InvalidWebhookPayload as error:
            # Authentic but unreadable (a missing or ill-typed field): no retry can apply it, so a 400.
            logger.warning("webhook event is malformed", extra={**context, "reason": error.detail})
            self._release(event.id, claim.token)
            count("WebhookMalformed")
            raise
        except Exception as error:
            logger.exception("webhook event failed", extra=context)
            self._release(event.id, claim.token)
            raise WebhookProcessingFailed(
                f"Processing {event.type} {event.id} failed; it was not recorded, so a retry will process it"
            ) from error
        done = self._clock.now()
        if not self._ledger.mark_processed(event.id, claim.token, done, done + PROCESSED_RETENTION, outcome):
            logger.warning("webhook claim lost before it was marked processed", extra=context)
        logger.info("webhook event applied", extra={**context, "outcome": outcome})
        count("WebhookStale" if str(outcome).startswith("stale") else "WebhookApplied")
        return ReceiveResult.APPLIED

    def _release(self, event_id: str, token: str) -> None:
        try:
            self._ledger.release(event_id, token)
        except Exception:  # the lease expires on its own; the original failure is what matters
            logger.exception("could not release webhook claim", extra={"event_id": event_id})
