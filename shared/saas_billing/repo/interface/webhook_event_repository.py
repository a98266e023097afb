"""The ledger of Stripe events: a claim before applying, a processed mark after, for exactly-once effects."""

from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from saas_billing.domain.schemas.webhooks.stripe_event import Claim


class WebhookEventRepository(ABC):
    @abstractmethod
    def claim(self, event_id: str, event_type: str, now: datetime, lease_until: datetime) -> Claim:
        """Atomically take the event for processing until `lease_until`.

        CLAIMED (with a token) when no live claim and no unexpired processed record exists; otherwise
        PROCESSED or IN_PROGRESS. Of concurrent claims, exactly one succeeds.
        """

    @abstractmethod
    def mark_processed(
        self, event_id: str, token: str, now: datetime, expires_at: datetime, outcome: str
    ) -> bool:
        """Turn our claim into a processed record kept until `expires_at`; False if the claim was lost."""

    @abstractmethod
    def release(self, event_id: str, token: str) -> None:
        """Drop our claim after a failure so Stripe's retry can claim the event at once."""

    @abstractmethod
    def status(self, event_id: str, now: datetime) -> str | None:
        """The record's status ("processing" or "processed"), or None when none is unexpired."""
