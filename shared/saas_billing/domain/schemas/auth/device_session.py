"""A signed-in device: what is stored about it (hashes only, never raw tokens) and how long it lives."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from saas_billing.domain.schemas.auth.client_kind import ClientKind

if TYPE_CHECKING:
    from saas_billing.domain.schemas.auth.user import Role

# Enough rotated refresh hashes to recognise a replayed one; older ones are simply unknown (still 401).
PREVIOUS_REFRESH_HASHES_KEPT = 16


@dataclass(frozen=True)
class DeviceSession:
    device_id: str
    user_id: str
    email: str
    role: Role
    token_type: ClientKind
    access_jti_hash: str
    refresh_token_hash: str
    access_expiry: datetime
    refresh_expiry: datetime
    created_at: datetime
    last_seen_at: datetime
    user_agent: str | None = None
    previous_refresh_hashes: tuple[str, ...] = ()
    rotated_at: datetime | None = None
    # How often the account's entitlements changed (mark_claims_stale), and the count read before the
    # current tokens were issued: a change after that read leaves them unequal, whatever rotate wrote.
    claims_epoch: int = 0
    claims_issued_epoch: int = 0

    @property
    def claims_stale(self) -> bool:
        """The entitlements changed since the access token's claims were read: refresh before serving it."""
        return self.claims_epoch != self.claims_issued_epoch


@dataclass(frozen=True)
class TokenPolicy:
    access_ttl: timedelta
    refresh_ttl: timedelta
    reuse_grace: timedelta = timedelta(seconds=10)
    # last_seen_at is written at most this often, not on every request.
    touch_interval: timedelta = timedelta(minutes=1)
    # Rotation slides the refresh expiry, but never past this long after signing in.
    max_session_lifetime: timedelta = timedelta(days=90)

    def session_end(self, created_at: datetime) -> datetime:
        """The absolute end of a session, in whole seconds like the token times."""
        return (created_at + self.max_session_lifetime).replace(microsecond=0)
