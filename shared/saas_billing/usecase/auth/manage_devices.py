"""A signed-in user's devices: list them, sign one out, sign them all out."""

from __future__ import annotations

from typing import TYPE_CHECKING

from saas_billing.domain.auth_errors import DeviceNotFound
from saas_billing.domain.schemas.auth.fingerprint import fingerprint

if TYPE_CHECKING:
    from saas_billing.domain.schemas.auth.device_session import DeviceSession
    from saas_billing.domain.schemas.auth.principal import Principal
    from saas_billing.infra.mixins.clock import Clock
    from saas_billing.repo.interface.device_session_repo import DeviceSessionRepository


class ManageDevices:
    def __init__(self, sessions: DeviceSessionRepository, clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    def list(self, principal: Principal) -> list[DeviceSession]:
        return self._sessions.list_for_user(principal.user_id, self._clock.now())

    def revoke(self, principal: Principal, device_id: str) -> None:
        """Another user's device is reported as not found, not as forbidden."""
        if not self._sessions.delete(device_id, user_id=principal.user_id):
            raise DeviceNotFound()

    def logout(self, principal: Principal) -> None:
        self._sessions.delete(principal.device_id, user_id=principal.user_id)

    def logout_by_refresh_token(self, refresh_token: str) -> None:
        """For an API client whose access token has expired: holding the refresh token is enough."""
        session = self._sessions.by_refresh_hash(fingerprint(refresh_token), self._clock.now())
        if session is not None:
            self._sessions.delete(session.device_id)

    def holder_of(self, refresh_token: str | None) -> str | None:
        """The account whose live session this refresh token belongs to: a device its owner signed in."""
        if not refresh_token or len(refresh_token) > 256:
            return None
        session = self._sessions.by_refresh_hash(fingerprint(refresh_token), self._clock.now())
        return session.user_id if session else None

    def logout_all(self, principal: Principal) -> int:
        return self._sessions.delete_for_user(principal.user_id)

    def logout_others(self, principal: Principal) -> int:
        """Every device but the one asking; returns how many were signed out."""
        others = [s.device_id for s in self.list(principal) if s.device_id != principal.device_id]
        return sum(self._sessions.delete(device_id, user_id=principal.user_id) for device_id in others)
