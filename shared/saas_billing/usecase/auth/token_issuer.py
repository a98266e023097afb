"""Mints an access token (a JWT naming the device, with the account's entitlement claims) and an opaque
refresh token for one device.

The refresh token stays opaque (random, stored as a SHA-256 hash): only we ever check it, against the
device session, so it needs no signature and no key other services could be handed.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from saas_billing.domain.schemas.auth.tokens import AccessClaims, Grants, IssuedTokens

if TYPE_CHECKING:
    from saas_billing.domain.schemas.auth.device_session import TokenPolicy
    from saas_billing.domain.schemas.auth.user import Role
    from saas_billing.infra.security.interface.token_codec import TokenCodec


class GrantsSource(Protocol):
    """The account's current plan and features (TokenGrants), and the revision alone (a cheaper read)."""

    def for_account(self, account_id: str) -> Grants: ...

    def revision(self, account_id: str) -> int: ...


class TokenIssuer:
    def __init__(self, codec: TokenCodec, policy: TokenPolicy, grants: GrantsSource | None = None) -> None:
        """`grants`: the account's current plan and features (TokenGrants); None issues tokens without."""
        self._codec = codec
        self._policy = policy
        self._grants = grants

    def issue(
        self,
        *,
        user_id: str,
        role: Role,
        device_id: str,
        now: datetime,
        session_start: datetime | None = None,
    ) -> IssuedTokens:
        """Neither token outlives the session's absolute end (`session_start`, default now, plus the cap)."""
        now = now.replace(microsecond=0)  # JWT times are whole seconds; keep the stored expiries equal
        jti = secrets.token_urlsafe(16)
        refresh_expiry = min(now + self._policy.refresh_ttl, self._policy.session_end(session_start or now))
        access_expiry = min(now + self._policy.access_ttl, refresh_expiry)
        grants = self._grants.for_account(user_id) if self._grants else None
        claims = AccessClaims(user_id, device_id, role, jti, now, access_expiry, grants)
        return IssuedTokens(
            device_id=device_id,
            access_token=self._codec.encode_access(claims),
            access_jti=jti,
            refresh_token=secrets.token_urlsafe(32),
            access_expiry=access_expiry,
            refresh_expiry=refresh_expiry,
            issued_at=now,
            grants_revision=grants.revision if grants else None,
        )

    def grants_changed(self, user_id: str, tokens: IssuedTokens) -> bool:
        """The account's entitlements moved on since `tokens` read them (one read; False without grants)."""
        if self._grants is None or tokens.grants_revision is None:
            return False
        return self._grants.revision(user_id) != tokens.grants_revision
