"""Who is calling a service route: a stored, unrevoked key with the route's scope, within its rate.

Every request reads the key (one primary-key read), so a revocation takes effect on the next request; no
cache outlives the request. The rate limit counts per key in fixed windows, after the key is proven (a
stranger who knows a key id cannot spend its allowance). Its last use is written at most once per
`LAST_USE_INTERVAL`, and only when the stored one is older, so a busy key costs no write per request.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from saas_billing.domain.api_key_errors import ApiKeyScopeMissing, ApiKeyThrottled, InvalidApiKey
from saas_billing.usecase.api_keys.key_material import key_id_of, key_matches
from saas_billing.usecase.idempotency import time_bucket

if TYPE_CHECKING:
    from saas_billing.domain.schemas.api_keys.api_key import ApiKey
    from saas_billing.infra.mixins.clock import Clock
    from saas_billing.repo.interface.api_key_repository import ApiKeyRepository
    from saas_billing.repo.interface.request_counter_repository import RequestCounterRepository

LAST_USE_INTERVAL = timedelta(minutes=1)


@dataclass(frozen=True)
class KeyRateLimit:
    max_requests: int
    window_seconds: int = 60


class AuthenticateApiKey:
    def __init__(
        self,
        keys: ApiKeyRepository,
        counters: RequestCounterRepository,
        clock: Clock,
        rate_limit: KeyRateLimit,
    ) -> None:
        self._keys = keys
        self._counters = counters
        self._clock = clock
        self._rate_limit = rate_limit

    def execute(self, presented: str, scope: str) -> ApiKey:
        api_key = self._verified(presented)
        now = self._clock.now()
        self._admit(api_key.key_id, now)
        if scope not in api_key.scopes:
            raise ApiKeyScopeMissing(scope)
        if api_key.last_used_at is None or api_key.last_used_at <= now - LAST_USE_INTERVAL:
            self._keys.touch(api_key.key_id, now, unless_since=now - LAST_USE_INTERVAL)
        return api_key

    def _verified(self, presented: str) -> ApiKey:
        key_id = key_id_of(presented)
        api_key = self._keys.get(key_id) if key_id else None
        if api_key is None or not key_matches(presented, api_key.secret_hash) or api_key.revoked:
            raise InvalidApiKey()
        return api_key

    def _admit(self, key_id: str, now: datetime) -> None:
        window = self._rate_limit.window_seconds
        start = datetime.fromtimestamp(time_bucket(now, window) * window, UTC)
        end = start + timedelta(seconds=window)
        if self._counters.hit(f"api-key:{key_id}", start, end) > self._rate_limit.max_requests:
            raise ApiKeyThrottled(retry_after_seconds=math.ceil((end - now).total_seconds()))
