"""Accounts as the use cases see them."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Role(StrEnum):
    USER = "user"
    ADMIN = "admin"


@dataclass(frozen=True)
class User:
    id: str
    email: str  # normalize_email's form
    password_hash: str
    role: Role
    created_at: datetime
    stripe_customer_id: str | None = None
    # Proven by a link mailed to the address: what admin promotion and email change rely on.
    email_verified: bool = False

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN


def normalize_email(email: str) -> str:
    """The one form an address is stored and looked up in, wherever it was typed.

    NFKC makes a precomposed "é" and "e" + combining accent (and fullwidth letters) the same address;
    lower-casing after it catches capitals that compatibility forms turn into. Idempotent.
    """
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", email).strip().lower())
