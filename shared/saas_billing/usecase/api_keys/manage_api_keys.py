"""An admin's API key lifecycle: create (the value is shown once), list (never a value), revoke."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from saas_billing.domain.api_key_errors import ApiKeyNotFound, UnknownScope
from saas_billing.domain.schemas.api_keys.api_key import SCOPES, ApiKey, IssuedApiKey
from saas_billing.domain.schemas.auth.fingerprint import fingerprint
from saas_billing.usecase.api_keys.key_material import new_key

if TYPE_CHECKING:
    from saas_billing.infra.mixins.clock import Clock
    from saas_billing.repo.interface.api_key_repository import ApiKeyRepository


class CreateApiKey:
    def __init__(
        self, keys: ApiKeyRepository, clock: Clock, make_key: Callable[[], tuple[str, str]] = new_key
    ) -> None:
        self._keys = keys
        self._clock = clock
        self._make_key = make_key

    def execute(self, name: str, scopes: Sequence[str], created_by: str) -> IssuedApiKey:
        unknown = sorted(set(scopes) - set(SCOPES))
        if unknown or not scopes:
            raise UnknownScope(f"Unknown scope {unknown[0]!r}; known: {', '.join(SCOPES)}" if unknown else
                               "Give at least one scope")  # fmt: skip
        key_id, key = self._make_key()
        api_key = ApiKey(
            key_id=key_id,
            name=name,
            scopes=tuple(dict.fromkeys(scopes)),
            secret_hash=fingerprint(key),
            created_at=self._clock.now(),
            created_by=created_by,
        )
        self._keys.add(api_key)
        return IssuedApiKey(api_key, key)


class ListApiKeys:
    def __init__(self, keys: ApiKeyRepository) -> None:
        self._keys = keys

    def execute(self) -> list[ApiKey]:
        return self._keys.list()


class RevokeApiKey:
    """Effective at once: every request reads the key, nothing caches it beyond the request."""

    def __init__(self, keys: ApiKeyRepository, clock: Clock) -> None:
        self._keys = keys
        self._clock = clock

    def execute(self, key_id: str) -> ApiKey:
        revoked = self._keys.revoke(key_id, self._clock.now())
        if revoked is None:
            raise ApiKeyNotFound()
        return revoked
