"""Tokens handed to API clients, and a user's signed-in devices."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from saas_billing.domain.schemas.auth.device_session import DeviceSession
    from saas_billing.domain.schemas.auth.tokens import IssuedTokens


class NextPage(BaseModel):
    """What a page's form posts to a route that needs no other field."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"next": "/pricing"}]})

    next: str | None = Field(
        default=None, max_length=2048, description="Forms: the same-site path to go to after (303)"
    )


class RefreshCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"refresh_token": "r1.Qm9vZ2xlLWlzLW5vdC1hLXRva2Vu"}]}
    )

    refresh_token: str | None = Field(
        default=None, max_length=512, description="Omit to use the refresh_token cookie instead"
    )


class TokenPublic(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "token_type": "bearer",
                    "access_token": "eyJhbGciOiJIUzI1NiIsImtpZCI6IjEifQ.eyJzdWIiOiI2NjUwIn0.c2lnbmF0dXJl",
                    "expires_in": 900,
                    "refresh_token": "r1.Qm9vZ2xlLWlzLW5vdC1hLXRva2Vu",
                    "refresh_expires_in": 2592000,
                    "device_id": "dev_3f9a1c",
                }
            ]
        }
    )

    token_type: str = "bearer"
    access_token: str
    expires_in: int = Field(description="Seconds until the access token expires")
    refresh_token: str
    refresh_expires_in: int
    device_id: str

    @classmethod
    def from_domain(cls, tokens: IssuedTokens) -> TokenPublic:
        return cls(
            access_token=tokens.access_token,
            expires_in=int((tokens.access_expiry - tokens.issued_at).total_seconds()),
            refresh_token=tokens.refresh_token,
            refresh_expires_in=int((tokens.refresh_expiry - tokens.issued_at).total_seconds()),
            device_id=tokens.device_id,
        )


class DevicePublic(BaseModel):
    device_id: str
    user_agent: str | None
    created_at: datetime
    last_seen_at: datetime
    current: bool = Field(description="True for the device making this request")

    @classmethod
    def from_domain(cls, session: DeviceSession, current_device_id: str) -> DevicePublic:
        return cls(
            device_id=session.device_id,
            user_agent=session.user_agent,
            created_at=session.created_at,
            last_seen_at=session.last_seen_at,
            current=session.device_id == current_device_id,
        )


class DeviceListPublic(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "data": [
                        {
                            "device_id": "dev_3f9a1c",
                            "user_agent": "Mozilla/5.0 (X11; Linux x86_64)",
                            "created_at": "2026-01-15T09:30:00Z",
                            "last_seen_at": "2026-01-15T09:30:00Z",
                            "current": True,
                        }
                    ]
                }
            ]
        }
    )

    data: list[DevicePublic]
