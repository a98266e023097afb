"""A Checkout Session we opened, and for whom: the success page shows a session only to its owner."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

# The success page of an older session shows the generic thank-you (the subscription is in /v1/auth/me).
ISSUED_CHECKOUT_RETENTION = timedelta(days=30)


@dataclass(frozen=True)
class IssuedCheckoutSession:
    id: str
    account_id: str | None
    created: datetime

    @property
    def expires_at(self) -> datetime:
        return self.created + ISSUED_CHECKOUT_RETENTION
