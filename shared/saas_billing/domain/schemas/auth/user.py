"""Accounts as the use cases see them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from saas_billing.domain.schemas.auth.role import Role


@dataclass(frozen=True)
class User:
    id: str
    email: str  # domain.email_address.normalize_email's form
    password_hash: str
    role: Role
    created_at: datetime
    stripe_customer_id: str | None = None
    # Proven by a link mailed to the address: what admin promotion and email change rely on.
    email_verified: bool = False
    # The last password reset or change, admin promotion or email change: a mailed link issued before
    # it is void (every one is also deleted then; this catches one issued concurrently).
    credentials_changed_at: datetime | None = None

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN
