"""An account's one open Checkout: which request holds it, the session it opened, and until when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class CheckoutReservation:
    account_id: str
    key: str  # the idempotency key of the request that holds it (a double click repeats it)
    expires_at: datetime  # the session's own expiry; a claim not yet given a session holds briefly
    session_id: str | None = None
    url: str | None = None
