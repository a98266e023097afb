"""What the API takes to create an account or sign in, and what it shows of an account."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from saas_billing.models.schemas.billing.subscription import (
    SUBSCRIPTION_EXAMPLE,
    SUMMARY_FIELDS,
    SubscriptionSummaryPublic,
)
from saas_billing.models.schemas.email_field import Email, FoldedEmail

if TYPE_CHECKING:
    from saas_billing.domain.schemas.auth.user import User
    from saas_billing.domain.schemas.billing.subscription import SavedSubscription

# Long enough for any passphrase, short enough that hashing it cannot be used to burn CPU.
MAX_PASSWORD_LENGTH = 1024


class UserCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"email": "ada@example.com", "password": "correct horse battery staple"}]
        }
    )

    email: Email
    password: str = Field(max_length=MAX_PASSWORD_LENGTH, description="Minimum length is a setting (10)")


class SessionCreate(BaseModel):
    """Login. The email is checked for its shape only: one that is no address is just a failed login."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"email": "ada@example.com", "password": "correct horse battery staple"}]
        }
    )

    email: FoldedEmail = Field(min_length=3, max_length=320, pattern=r"^[^@\s]+@[^@\s]+$")
    password: str = Field(min_length=1, max_length=MAX_PASSWORD_LENGTH)


class UserPublic(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "6650f1c2a9b8c7d6e5f40312",
                    "email": "ada@example.com",
                    "role": "user",
                    "created_at": "2026-01-15T09:30:00Z",
                    "email_verified": True,
                    "stripe_customer_id": "cus_QaZ2bY3cX4dW5e",
                    "subscription": {key: SUBSCRIPTION_EXAMPLE[key] for key in SUMMARY_FIELDS},
                }
            ]
        }
    )

    id: str
    email: str
    role: str
    created_at: datetime
    email_verified: bool = Field(
        default=False, description="Proven by the mailed link; signing in and subscribing do not need it"
    )
    stripe_customer_id: str | None = None
    subscription: SubscriptionSummaryPublic | None = Field(
        default=None, description="The newest subscription that has not ended; null without one"
    )

    @classmethod
    def from_domain(cls, user: User, subscription: SavedSubscription | None = None) -> UserPublic:
        return cls(
            id=user.id,
            email=user.email,
            role=str(user.role),
            created_at=user.created_at,
            email_verified=user.email_verified,
            stripe_customer_id=user.stripe_customer_id,
            subscription=SubscriptionSummaryPublic.from_domain(subscription) if subscription else None,
        )


class EmailOnly(BaseModel):
    """Forgot-password: any well-formed address gets the same answer."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"email": "ada@example.com"}]})

    email: Email


class TokenOnly(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"token": "Zk3x9_QmV2pL8rT1yW6nB4cA0dE7fG5h"}]})

    token: str = Field(min_length=1, max_length=256)


class PasswordReset(TokenOnly):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"token": "Zk3x9_QmV2pL8rT1yW6nB4cA0dE7fG5h", "password": "a new long passphrase"}]
        }
    )

    password: str = Field(max_length=MAX_PASSWORD_LENGTH)


class PasswordChange(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"current_password": "correct horse battery staple", "new_password": "a new long passphrase"}
            ]
        }
    )

    current_password: str = Field(min_length=1, max_length=MAX_PASSWORD_LENGTH)
    new_password: str = Field(max_length=MAX_PASSWORD_LENGTH)


class EmailChange(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"new_email": "ada@newmail.example", "password": "correct horse battery staple"}]
        }
    )

    new_email: Email
    password: str = Field(min_length=1, max_length=MAX_PASSWORD_LENGTH)


class AcceptedPublic(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"detail": "We have emailed you a new link."}]})

    detail: str
