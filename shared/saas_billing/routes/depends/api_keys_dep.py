"""The API key use cases at the edge, and `ServiceKey`: the dependency a server-to-server route takes.

The key is read from `Authorization: Bearer sbk_...` only. A user's access token there (or only session
cookies, or the key in another header) is refused with a 401 that says what to send: a service route
never acts as a user, and a user route never accepts a key (its token check refuses anything not a JWT).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Request

from saas_billing.domain.api_key_errors import ApiKeyRequired, UserTokenNotAccepted
from saas_billing.domain.schemas.api_keys.api_key import ENTITLEMENTS_READ, KEY_PREFIX, ApiKey
from saas_billing.infra.db.mongo_client import get_repository
from saas_billing.infra.mixins.clock import get_clock
from saas_billing.infra.settings.loader import get_settings
from saas_billing.routes.http_response.auth_cookies import MAX_TOKEN_LENGTH
from saas_billing.usecase.api_keys.authenticate_api_key import AuthenticateApiKey, KeyRateLimit
from saas_billing.usecase.api_keys.manage_api_keys import CreateApiKey, ListApiKeys, RevokeApiKey

if TYPE_CHECKING:
    from saas_billing.infra.settings.app_settings import AppSettings
    from saas_billing.repo.interface.api_key_repository import ApiKeyRepository
    from saas_billing.repo.interface.request_counter_repository import RequestCounterRepository


def api_key_repository(settings: AppSettings) -> ApiKeyRepository:
    return get_repository("api_key_repository:MongoApiKeyRepository", settings)


def request_counter_repository(settings: AppSettings) -> RequestCounterRepository:
    return get_repository("request_counter_repository:MongoRequestCounterRepository", settings)


async def create_api_key_dependency() -> CreateApiKey:
    return CreateApiKey(api_key_repository(get_settings()), get_clock())


async def list_api_keys_dependency() -> ListApiKeys:
    return ListApiKeys(api_key_repository(get_settings()))


async def revoke_api_key_dependency() -> RevokeApiKey:
    return RevokeApiKey(api_key_repository(get_settings()), get_clock())


def presented_key(request: Request) -> str:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    value = value.strip()[:MAX_TOKEN_LENGTH]
    if scheme.lower() == "bearer" and value.startswith(KEY_PREFIX):
        return value
    if scheme.lower() == "bearer" and value:
        raise UserTokenNotAccepted()
    if "x-api-key" in request.headers:
        raise ApiKeyRequired("Send the key as Authorization: Bearer sbk_...; X-Api-Key is not read")
    raise ApiKeyRequired()


async def entitlements_reader_dependency(request: Request) -> ApiKey:
    """A key with `entitlements:read`: 401 without a valid one, 403 without the scope, 429 past its rate."""
    settings = get_settings()
    authenticate = AuthenticateApiKey(
        api_key_repository(settings),
        request_counter_repository(settings),
        get_clock(),
        KeyRateLimit(settings.api_key_max_requests_per_minute),
    )
    return authenticate.execute(presented_key(request), ENTITLEMENTS_READ)


# What the OpenAPI document says a route taking it needs (infra/fastapi_config/openapi_document.py).
entitlements_reader_dependency.openapi_security = "api_key"  # type: ignore[attr-defined]

CreateApiKeyDep = Annotated[CreateApiKey, Depends(create_api_key_dependency)]
ListApiKeysDep = Annotated[ListApiKeys, Depends(list_api_keys_dependency)]
RevokeApiKeyDep = Annotated[RevokeApiKey, Depends(revoke_api_key_dependency)]
EntitlementsReader = Annotated[ApiKey, Depends(entitlements_reader_dependency)]
