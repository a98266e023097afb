"""Dict-backed ApiKeyRepository and RequestCounterRepository for unit tests: the Mongo ones' rules."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import datetime

from saas_billing.domain.schemas.api_keys.api_key import ApiKey
from saas_billing.repo.interface.api_key_repository import MAX_LISTED, ApiKeyRepository
from saas_billing.repo.interface.request_counter_repository import RequestCounterRepository


class InMemoryApiKeyRepository(ApiKeyRepository):
    def __init__(self) -> None:
        self.saved: dict[str, ApiKey] = {}
        self.touches = 0
        self._lock = threading.Lock()

    def add(self, api_key: ApiKey) -> None:
        with self._lock:
            if api_key.key_id in self.saved:
                raise KeyError(api_key.key_id)
            self.saved[api_key.key_id] = api_key

    def get(self, key_id: str) -> ApiKey | None:
        return self.saved.get(key_id)

    def list(self) -> list[ApiKey]:
        ordered = sorted(self.saved.values(), key=lambda k: (k.created_at, k.key_id), reverse=True)
        return ordered[:MAX_LISTED]

    def revoke(self, key_id: str, now: datetime) -> ApiKey | None:
        with self._lock:
            found = self.saved.get(key_id)
            if found is not None and found.revoked_at is None:
                found = self.saved[key_id] = replace(found, revoked_at=now)
            return found

    def touch(self, key_id: str, now: datetime, unless_since: datetime) -> None:
        with self._lock:
            found = self.saved.get(key_id)
            if found is not None and (found.last_used_at is None or found.last_used_at <= unless_since):
                self.saved[key_id] = replace(found, last_used_at=now)
                self.touches += 1


class InMemoryRequestCounterRepository(RequestCounterRepository):
    def __init__(self) -> None:
        self.counts: dict[tuple[str, datetime], int] = {}
        self._lock = threading.Lock()

    def hit(self, key: str, window_start: datetime, window_end: datetime) -> int:
        with self._lock:
            self.counts[(key, window_start)] = self.counts.get((key, window_start), 0) + 1
            return self.counts[(key, window_start)]
