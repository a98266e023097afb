"""Where device sessions are kept. Every read takes `now`: an expired session is never returned,
whether or not the store has swept it yet."""

from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from saas_billing.domain.schemas.auth.device_session import DeviceSession
    from saas_billing.domain.schemas.auth.tokens import IssuedTokens
    from saas_billing.domain.schemas.auth.user import Role


class DeviceSessionRepository(ABC):
    @abstractmethod
    def add(self, session: DeviceSession) -> None: ...

    @abstractmethod
    def get(self, device_id: str, now: datetime) -> DeviceSession | None: ...

    @abstractmethod
    def by_refresh_hash(self, refresh_hash: str, now: datetime) -> DeviceSession | None:
        """The live session whose current or recently rotated refresh token has this hash."""

    @abstractmethod
    def rotate(
        self,
        device_id: str,
        expected_refresh_hash: str,
        tokens: IssuedTokens,
        now: datetime,
        *,
        claims_epoch: int,
    ) -> bool:
        """Atomically swap in new token hashes if the stored refresh hash is still the expected one.

        `claims_epoch` is the session's epoch read before the tokens' claims were: it becomes the issued
        epoch, so a mark that landed in between keeps the session stale. False means another request
        rotated first (or the session ended): the caller lost the race.
        """

    @abstractmethod
    def mark_claims_stale(self, user_id: str) -> None:
        """Every session of the user must get new tokens at its next request: bumps each claims_epoch."""

    @abstractmethod
    def touch(self, device_id: str, now: datetime) -> None:
        """Records activity (last_seen_at)."""

    @abstractmethod
    def list_for_user(self, user_id: str, now: datetime) -> list[DeviceSession]: ...

    @abstractmethod
    def delete(self, device_id: str, user_id: str | None = None) -> bool:
        """With `user_id`, only that user's device is deleted. True if one was."""

    @abstractmethod
    def delete_for_user(self, user_id: str) -> int: ...

    @abstractmethod
    def set_role_for_user(self, user_id: str, role: Role) -> None: ...

    @abstractmethod
    def set_email_for_user(self, user_id: str, email: str) -> None:
        """After an email change, so signed-in devices name the new address."""
