"""Things to tell an account about, recorded by webhooks and delivered later (never before the 2xx)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

TRIAL_WILL_END = "trial_will_end"


@dataclass(frozen=True)
class BillingNotice:
    """One notice per (kind, subscription, due_at): a redelivered event cannot record it twice."""

    kind: str
    subscription_id: str
    customer_id: str
    account_id: str | None
    due_at: datetime | None
    event_id: str
    created_at: datetime
