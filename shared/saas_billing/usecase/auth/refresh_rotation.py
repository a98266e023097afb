"""Refresh-token rotation with reuse detection.

A refresh token is single-use. Presenting the current one swaps in new tokens through a conditional
update on the stored hash, so of two concurrent refreshes exactly one wins. Presenting one that was
already rotated away means two parties hold the same token: the device session is revoked.

One exception, for races: parallel requests from the same page share one cookie jar, and two tabs or
a client's retry may both call /v1/auth/refresh, so the losers present the token the winner just
rotated. Within `reuse_grace` of that rotation such a request never signs the device out: a silent
refresh lets it through without new tokens (the winner's response carries them), an explicit refresh
answers RefreshRaceLost (409, retry). Later, the same token is reuse and revokes the session.

Each rotation slides the refresh expiry, but never past the session's absolute end
(`TokenPolicy.max_session_lifetime` after signing in): a stolen token cannot be kept alive forever.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from saas_billing.domain.auth_errors import (
    InvalidRefreshToken,
    RefreshRaceLost,
    RefreshTokenReused,
    SessionExpired,
)
from saas_billing.domain.schemas.auth.fingerprint import fingerprint

if TYPE_CHECKING:
    from saas_billing.domain.schemas.auth.device_session import DeviceSession, TokenPolicy
    from saas_billing.domain.schemas.auth.tokens import IssuedTokens
    from saas_billing.repo.interface.device_session_repo import DeviceSessionRepository
    from saas_billing.usecase.auth.token_issuer import TokenIssuer


class RefreshRotation:
    def __init__(self, sessions: DeviceSessionRepository, issuer: TokenIssuer, policy: TokenPolicy) -> None:
        self._sessions = sessions
        self._issuer = issuer
        self._policy = policy

    def refresh(self, refresh_token: str, now: datetime) -> tuple[DeviceSession, IssuedTokens]:
        """The explicit refresh: new tokens, or RefreshRaceLost for the loser of a race within the grace."""
        session = self._sessions.by_refresh_hash(fingerprint(refresh_token), now)
        if session is None:
            raise InvalidRefreshToken()
        tokens = self.rotate(session, refresh_token, now)
        if tokens is None:
            raise RefreshRaceLost()
        return session, tokens

    def rotate(self, session: DeviceSession, refresh_token: str, now: datetime) -> IssuedTokens | None:
        """New tokens, or None for a race loser within the grace; raises when the token must not be honoured."""
        presented = fingerprint(refresh_token)
        if self._policy.session_end(session.created_at) <= now:  # stored before the cap existed
            self._sessions.delete(session.device_id)
            raise SessionExpired()
        if presented == session.refresh_token_hash:
            tokens = self._issuer.issue(
                user_id=session.user_id,
                role=session.role,
                device_id=session.device_id,
                now=now,
                session_start=session.created_at,
            )
            # session.claims_epoch was read before issue() read the claims: see DeviceSession.claims_stale
            if self._sessions.rotate(
                session.device_id, presented, tokens, now, claims_epoch=session.claims_epoch
            ):
                return tokens
            latest = self._sessions.get(session.device_id, now)  # lost the race: judge against the winner
            if latest is None:
                raise SessionExpired()
            session = latest
        if presented in session.previous_refresh_hashes:
            if self._just_rotated_away(session, presented, now):
                return None
            self._sessions.delete(session.device_id)
            raise RefreshTokenReused()
        raise InvalidRefreshToken()

    def _just_rotated_away(self, session: DeviceSession, presented: str, now: datetime) -> bool:
        return (
            session.previous_refresh_hashes[-1] == presented
            and session.rotated_at is not None
            and now - session.rotated_at <= self._policy.reuse_grace
        )
