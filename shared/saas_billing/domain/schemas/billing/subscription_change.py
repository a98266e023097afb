"""Partial subscription facts (from invoices and customer deletion), ordered by the same rule as snapshots."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from saas_billing.domain.schemas.billing.subscription import TERMINAL_STATUSES


@dataclass(frozen=True)
class SubscriptionChange:
    """Only the fields an invoice or a customer deletion tells us; None leaves the stored value alone.

    It is applied only when `supersedes` allows it, and moves `stripe_observed_at` to `observed_at`.
    """

    id: str
    observed_at: float
    status: str | None = None
    current_period_end: datetime | None = None

    @property
    def is_terminal(self) -> bool:
        return self.status in TERMINAL_STATUSES
