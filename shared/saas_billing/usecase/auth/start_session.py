"""Signs a user in on a new device: a random UUID4 device_id, fresh tokens, a stored session.

The tokens' claims are read before the session exists, so a change marked in between (RefreshSessionsOnChange)
finds no session to mark: once stored, the entitlement revision is read again and a moved one marks it.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from saas_billing.domain.schemas.auth.client_kind import ClientKind
    from saas_billing.domain.schemas.auth.tokens import IssuedTokens
    from saas_billing.domain.schemas.auth.user import User
    from saas_billing.infra.mixins.clock import Clock
    from saas_billing.repo.interface.device_session_repo import DeviceSessionRepository
    from saas_billing.usecase.auth.token_issuer import TokenIssuer

MAX_USER_AGENT = 512


class StartSession:
    def __init__(self, sessions: DeviceSessionRepository, issuer: TokenIssuer, clock: Clock) -> None:
        self._sessions = sessions
        self._issuer = issuer
        self._clock = clock

    def execute(self, user: User, *, kind: ClientKind, user_agent: str | None) -> IssuedTokens:
        from saas_billing.domain.schemas.auth.device_session import DeviceSession  # only sign-in builds one

        now = self._clock.now()
        device_id = str(uuid.uuid4())
        tokens = self._issuer.issue(user_id=user.id, role=user.role, device_id=device_id, now=now)
        self._sessions.add(
            DeviceSession(
                device_id=device_id,
                user_id=user.id,
                email=user.email,
                role=user.role,
                token_type=kind,
                access_jti_hash=tokens.access_jti_hash,
                refresh_token_hash=tokens.refresh_token_hash,
                access_expiry=tokens.access_expiry,
                refresh_expiry=tokens.refresh_expiry,
                created_at=now,
                last_seen_at=now,
                user_agent=(user_agent or "")[:MAX_USER_AGENT] or None,
            )
        )
        if self._issuer.grants_changed(user.id, tokens):
            self._sessions.mark_claims_stale(user.id)
        return tokens
