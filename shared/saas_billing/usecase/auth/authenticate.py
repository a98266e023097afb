"""Who is calling: the device-session check every authenticated request goes through.

Bearer (API clients): the access token must be valid and still the current one of its device
session; an expired one is a 401 and the client calls /v1/auth/refresh.

Cookies (browsers): the device_id cookie names the session. A valid, current access token is
enough. If it has expired (or the browser already dropped it), the refresh token cookie rotates
both tokens here and the caller sets the new cookies on this same response: a silent refresh.
A tampered token is never refreshed, and an expired refresh token means logging in again.

A session marked `claims_stale` (the account's entitlements changed, RefreshSessionsOnChange) is treated
as holding an expired access token: a browser is refreshed at once and gets the new claims, an API
client gets a 401 (AccessTokenOutdated) and refreshes. The mark rides on the session read every request
already makes, so it costs no database round trip.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from saas_billing.domain.auth_errors import (
    AccessTokenExpired,
    AccessTokenOutdated,
    InvalidAccessToken,
    NotAuthenticated,
    SessionExpired,
)
from saas_billing.domain.schemas.auth.fingerprint import fingerprint
from saas_billing.domain.schemas.auth.principal import Credentials, Principal
from saas_billing.domain.schemas.auth.tokens import AccessClaims, AuthOutcome

if TYPE_CHECKING:
    from saas_billing.domain.schemas.auth.device_session import DeviceSession, TokenPolicy
    from saas_billing.infra.mixins.clock import Clock
    from saas_billing.infra.security.interface.token_codec import TokenCodec
    from saas_billing.repo.interface.device_session_repo import DeviceSessionRepository
    from saas_billing.usecase.auth.refresh_rotation import RefreshRotation


class Authenticate:
    def __init__(
        self,
        sessions: DeviceSessionRepository,
        codec: TokenCodec,
        rotation: RefreshRotation,
        policy: TokenPolicy,
        clock: Clock,
    ) -> None:
        self._sessions = sessions
        self._codec = codec
        self._rotation = rotation
        self._policy = policy
        self._clock = clock

    def execute(self, credentials: Credentials) -> AuthOutcome:
        now = self._clock.now()
        if credentials.bearer:
            claims = self._codec.decode_access(credentials.access_token or "", now)
            session = self._sessions.get(claims.device_id, now)
            if session is None:
                raise SessionExpired()
            if not _is_current(claims, session):
                raise InvalidAccessToken("Access token was revoked or replaced")
            if session.claims_stale:
                raise AccessTokenOutdated()
            return self._continue(session, now)
        if not credentials.device_id:
            raise NotAuthenticated()
        session = self._sessions.get(credentials.device_id, now)
        if session is None:
            raise SessionExpired()
        if credentials.access_token and not session.claims_stale:
            try:
                claims = self._codec.decode_access(credentials.access_token, now)
            except AccessTokenExpired:
                claims = None
            if claims is not None and _is_current(claims, session):
                return self._continue(session, now)
        if not credentials.refresh_token:
            raise SessionExpired()
        rotated = self._rotation.rotate(session, credentials.refresh_token, now)
        return AuthOutcome(_principal(session), rotated)

    def _continue(self, session: DeviceSession, now) -> AuthOutcome:
        if now - session.last_seen_at >= self._policy.touch_interval:
            self._sessions.touch(session.device_id, now)
        return AuthOutcome(_principal(session))


def _is_current(claims: AccessClaims, session: DeviceSession) -> bool:
    return (
        claims.device_id == session.device_id
        and claims.subject == session.user_id
        and fingerprint(claims.token_id) == session.access_jti_hash
    )


def _principal(session: DeviceSession) -> Principal:
    return Principal(session.user_id, session.email, session.role, session.device_id)
