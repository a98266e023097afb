"""A one-purpose token mailed as a link: email verification, email change or password reset.

Only its SHA-256 is stored. An account holds at most one token per purpose, so issuing a new one
replaces (invalidates) the previous, and redeeming deletes it: each link works once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


class TokenPurpose(StrEnum):
    VERIFY_EMAIL = "verify_email"
    CHANGE_EMAIL = "change_email"  # proves the new address; the change happens when it is redeemed
    RESET_PASSWORD = "reset_password"


LIFETIMES = {
    TokenPurpose.VERIFY_EMAIL: timedelta(hours=24),
    TokenPurpose.CHANGE_EMAIL: timedelta(hours=24),
    TokenPurpose.RESET_PASSWORD: timedelta(minutes=30),
}


@dataclass(frozen=True)
class AccountToken:
    user_id: str
    purpose: TokenPurpose
    token_hash: str
    email: str  # the address the link was sent to (the new one, for an email change)
    created_at: datetime
    expires_at: datetime
