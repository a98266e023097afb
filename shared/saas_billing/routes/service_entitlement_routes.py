"""The team's backends ask "may this account use X?" with a service API key, server to server.

Served by the customers function. The key goes in `Authorization: Bearer sbk_...`; it is checked on every
request (a revoked key gets 401 at once), needs `entitlements:read` (403) and is rate limited per key (429
with Retry-After). The answer is GetEntitlements's view, from MongoDB only.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from saas_billing.domain.api_key_errors import (
    AccountNotFound,
    ApiKeyRequired,
    ApiKeyScopeMissing,
    ApiKeyThrottled,
    InvalidApiKey,
    UserTokenNotAccepted,
)
from saas_billing.infra.exception.errors import ServiceUnavailable
from saas_billing.infra.fastapi_config.openapi_declarations import errors
from saas_billing.models.schemas.entitlements.entitlements_public import EntitlementsPublic
from saas_billing.routes.depends.api_keys_dep import EntitlementsReader
from saas_billing.routes.depends.service_entitlements_dep import ServiceEntitlementsDep

router = APIRouter(tags=["service"])
AccountId = Annotated[str, Path(min_length=1, max_length=64, description="The account's id (`/v1/auth/me`)")]
FAILURES = (ApiKeyRequired, UserTokenNotAccepted, InvalidApiKey, ApiKeyScopeMissing, AccountNotFound)


@router.get(
    "/v1/accounts/{account_id}/entitlements",
    response_model=EntitlementsPublic,
    responses=errors(*FAILURES, ApiKeyThrottled, ServiceUnavailable),
)
async def get_account_entitlements(
    account_id: AccountId, _key: EntitlementsReader, entitlements: ServiceEntitlementsDep
) -> EntitlementsPublic:
    """The account's plan (product id), price, status and feature lookup keys: check `features` for X."""
    return EntitlementsPublic.from_domain(entitlements.execute(account_id))
