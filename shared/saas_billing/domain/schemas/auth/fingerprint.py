"""How tokens are stored: by hash. Apart from the session schemas, which checking a token does not need."""

from __future__ import annotations

import hashlib


def fingerprint(secret: str) -> str:
    """SHA-256 of a token or jti: enough to compare, useless to a reader of the database."""
    return hashlib.sha256(secret.encode()).hexdigest()
