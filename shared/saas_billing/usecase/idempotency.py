"""Idempotency keys derived from what a request means, so a retry or a double click repeats nothing."""

from __future__ import annotations

import hashlib
from datetime import datetime


def time_bucket(now: datetime, seconds: int) -> int:
    return int(now.timestamp() // seconds)


def derived_key(kind: str, *parts: object) -> str:
    """A short, stable key (Stripe accepts up to 255 characters); the parts are hashed, never exposed."""
    digest = hashlib.sha256("\x1f".join(str(part) for part in (kind, *parts)).encode()).hexdigest()
    return f"{kind}-{digest[:40]}"
