"""Service API keys for the team's own backends: an admin creates, lists and revokes them.

Served by the customers function (the admin API). The key's value is in the create answer only; the
list shows each key's prefix, scopes and last use. Revoking takes effect on the key's next request.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, status

from saas_billing.domain.api_key_errors import ApiKeyNotFound
from saas_billing.infra.exception.errors import ServiceUnavailable
from saas_billing.infra.fastapi_config.openapi_declarations import errors
from saas_billing.models.schemas.api_keys.api_key_public import (
    ApiKeyCreate,
    ApiKeyCreatedPublic,
    ApiKeyListPublic,
    ApiKeyPublic,
)
from saas_billing.routes.depends.api_keys_dep import CreateApiKeyDep, ListApiKeysDep, RevokeApiKeyDep
from saas_billing.routes.depends.auth_dep import AdminUser

router = APIRouter(prefix="/v1/api-keys", tags=["api-keys"])
KeyId = Annotated[str, Path(pattern=r"^[a-z0-9]{16}$", description="The key's id (its `id` in the list)")]


@router.post(
    "", response_model=ApiKeyCreatedPublic, status_code=status.HTTP_201_CREATED,
    responses=errors(ServiceUnavailable),
)  # fmt: skip
async def create_api_key(
    body: ApiKeyCreate, admin: AdminUser, create: CreateApiKeyDep
) -> ApiKeyCreatedPublic:
    """The answer's `key` is shown this once (only its hash is stored): put it in the backend's secrets."""
    return ApiKeyCreatedPublic.from_issued(create.execute(body.name, body.scopes, admin.user_id))


@router.get("", response_model=ApiKeyListPublic, responses=errors(ServiceUnavailable))
async def list_api_keys(_admin: AdminUser, list_keys: ListApiKeysDep) -> ApiKeyListPublic:
    """Every key, revoked ones included, newest first: name, prefix, scopes, last use; never the key."""
    return ApiKeyListPublic(data=[ApiKeyPublic.from_domain(key) for key in list_keys.execute()])


@router.delete("/{key_id}", response_model=ApiKeyPublic, responses=errors(ApiKeyNotFound, ServiceUnavailable))
async def revoke_api_key(key_id: KeyId, _admin: AdminUser, revoke: RevokeApiKeyDep) -> ApiKeyPublic:
    """Its next request gets 401. Revoking a revoked key changes nothing; the key stays listed."""
    return ApiKeyPublic.from_domain(revoke.execute(key_id))
