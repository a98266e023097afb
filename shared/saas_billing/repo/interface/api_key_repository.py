"""Stored service API keys, one document per key id; the usecase layer sees only this."""

from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from saas_billing.domain.schemas.api_keys.api_key import ApiKey

MAX_LISTED = 1000


class ApiKeyRepository(ABC):
    @abstractmethod
    def add(self, api_key: ApiKey) -> None: ...

    @abstractmethod
    def get(self, key_id: str) -> ApiKey | None: ...

    @abstractmethod
    def list(self) -> list[ApiKey]:
        """Every key, revoked ones included, newest first (at most MAX_LISTED)."""

    @abstractmethod
    def revoke(self, key_id: str, now: datetime) -> ApiKey | None:
        """Marks the key revoked (an already revoked one keeps its first date); None for an unknown id."""

    @abstractmethod
    def touch(self, key_id: str, now: datetime, unless_since: datetime) -> None:
        """Sets `last_used_at` to now, unless it is already after `unless_since` (so a busy key
        writes at most once per interval, however many requests race)."""
