"""What the API key admin routes take and return: the key's value only in the create answer."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from saas_billing.domain.schemas.api_keys.api_key import ENTITLEMENTS_READ, Scope

if TYPE_CHECKING:
    from saas_billing.domain.schemas.api_keys.api_key import ApiKey, IssuedApiKey

API_KEY_EXAMPLE = {
    "id": "k3x9q2m7a1b8c4d6",
    "name": "recommendations backend",
    "prefix": "sbk_k3x9q2m7a1b8c4d6_",
    "scopes": ["entitlements:read"],
    "created_at": "2026-01-15T09:30:00Z",
    "created_by": "6650f1c2a9e4b3d2c1f0e9d8",
    "last_used_at": "2026-01-16T10:02:00Z",
    "revoked_at": None,
}
KEY_EXAMPLE = "sbk_k3x9q2m7a1b8c4d6_" + "Zq8vR2mT5wX1yB7nK4pL9sD3fG6hJ0cA2eU5iO8tW1r"
KeyName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class ApiKeyCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"name": "recommendations backend", "scopes": ["entitlements:read"]}]
        },
        extra="forbid",
    )

    name: KeyName = Field(description="Who uses the key, for the list (a service, a team)")
    scopes: list[Scope] = Field(
        default=[ENTITLEMENTS_READ], min_length=1, max_length=10, description="What the key may do"
    )


class ApiKeyPublic(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [API_KEY_EXAMPLE]})

    id: str
    name: str
    prefix: str = Field(description="The key's first characters, to recognise it (never the secret)")
    scopes: list[str]
    created_at: datetime
    created_by: str = Field(description="The admin account that created it")
    last_used_at: datetime | None = Field(
        default=None, description="Last authenticated use, at most a minute behind; null if never used"
    )
    revoked_at: datetime | None = Field(default=None, description="Null while the key is valid")

    @classmethod
    def from_domain(cls, api_key: ApiKey) -> ApiKeyPublic:
        return cls(**public_fields(api_key))


class ApiKeyCreatedPublic(ApiKeyPublic):
    model_config = ConfigDict(json_schema_extra={"examples": [{**API_KEY_EXAMPLE, "key": KEY_EXAMPLE,
                                                               "last_used_at": None}]})  # fmt: skip

    key: str = Field(description="The key itself: shown only now, store it in the backend's secrets")

    @classmethod
    def from_issued(cls, issued: IssuedApiKey) -> ApiKeyCreatedPublic:
        return cls(**public_fields(issued.api_key), key=issued.key)


class ApiKeyListPublic(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"data": [API_KEY_EXAMPLE]}]})

    data: list[ApiKeyPublic] = Field(description="Every key, revoked ones included, newest first")


def public_fields(api_key: ApiKey) -> dict:
    return {
        "id": api_key.key_id,
        "name": api_key.name,
        "prefix": api_key.prefix,
        "scopes": list(api_key.scopes),
        "created_at": api_key.created_at,
        "created_by": api_key.created_by,
        "last_used_at": api_key.last_used_at,
        "revoked_at": api_key.revoked_at,
    }
