"""A verified Stripe event and the ledger facts that make its processing idempotent."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from enum import StrEnum
from typing import Any

# A claim outlives the 29 s Lambda timeout, so only a crashed claimer's event becomes claimable again.
CLAIM_LEASE = timedelta(seconds=60)
# Stripe retries for 3 days; a processed record outlives that by a day, then a replay is harmless anyway
# because every write is ordered by Stripe's timestamps.
PROCESSED_RETENTION = timedelta(days=4)


@dataclass(frozen=True)
class StripeEvent:
    """`created` (epoch seconds) orders the writes the event causes; `object` is `data.object` as sent."""

    id: str
    type: str
    created: int
    object: dict[str, Any] = field(repr=False)
    livemode: bool = False


@dataclass(frozen=True)
class CompletedCheckout:
    """What a `checkout.session.completed` says: the session names its subscription, not its state."""

    mode: str | None
    subscription_id: str | None
    customer_id: str | None
    account_id: str | None


class ClaimStatus(StrEnum):
    CLAIMED = "claimed"
    PROCESSED = "processed"
    IN_PROGRESS = "in_progress"


@dataclass(frozen=True)
class Claim:
    status: ClaimStatus
    token: str | None = None


class ReceiveResult(StrEnum):
    APPLIED = "applied"
    DUPLICATE = "duplicate"
    IGNORED = "ignored"
