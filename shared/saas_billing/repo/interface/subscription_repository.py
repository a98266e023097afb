"""Saved subscriptions; the usecase layer sees only this interface."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from saas_billing.domain.schemas.billing.subscription import (
        ApplyOutcome,
        SavedSubscription,
        SubscriptionSnapshot,
    )
    from saas_billing.domain.schemas.billing.subscription_change import SubscriptionChange


@dataclass(frozen=True)
class SubscriptionFilter:
    status: str | None = None
    customer_id: str | None = None
    account_id: str | None = None
    excluded_statuses: frozenset[str] = frozenset()


@dataclass(frozen=True)
class SubscriptionPage:
    items: list[SavedSubscription]
    has_more: bool


class SubscriptionRepository(ABC):
    @abstractmethod
    def apply(self, snapshot: SubscriptionSnapshot, now: datetime) -> ApplyOutcome:
        """Atomically store the snapshot unless what is stored supersedes it (see `supersedes`).

        Concurrent calls for one subscription leave exactly one document.
        """

    def apply_and_read(
        self, snapshot: SubscriptionSnapshot, now: datetime
    ) -> tuple[ApplyOutcome, SavedSubscription | None]:
        """`apply`, then what is stored whatever the outcome; an implementation whose write returns the
        document saves the read."""
        return self.apply(snapshot, now), self.get(snapshot.id)

    @abstractmethod
    def get(self, subscription_id: str) -> SavedSubscription | None: ...

    @abstractmethod
    def list(
        self, where: SubscriptionFilter, limit: int, starting_after: str | None = None
    ) -> SubscriptionPage:
        """Newest first; `starting_after` is the id of the last item of the previous page."""

    @abstractmethod
    def apply_change(self, change: SubscriptionChange, now: datetime) -> ApplyOutcome:
        """Atomically set the change's fields under the same `supersedes` rule as `apply`.

        UPDATED, STALE (what is stored is newer or terminal) or MISSING (nothing stored to change).
        """

    @abstractmethod
    def flag_attention(self, subscription_id: str, reason: str) -> None:
        """Marks the subscription as needing a person (a second paid one of an account), with why."""
