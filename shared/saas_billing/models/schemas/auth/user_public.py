"""What the API takes to create an account or sign in, and what it shows of an account."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from saas_billing.domain.schemas.auth.user import User
from saas_billing.domain.schemas.billing.subscription import SavedSubscription
from saas_billing.models.schemas.billing.subscription import SubscriptionSummaryPublic
from saas_billing.models.schemas.email_field import Email, FoldedEmail

# Long enough for any passphrase, short enough that hashing it cannot be used to burn CPU.
MAX_PASSWORD_LENGTH = 1024


class UserCreate(BaseModel):
    email: Email
    password: str = Field(max_length=MAX_PASSWORD_LENGTH, description="Minimum length is a setting (10)")


class SessionCreate(BaseModel):
    """Login. The email is checked for its shape only: one that is no address is just a failed login."""

    email: FoldedEmail = Field(min_length=3, max_length=320, pattern=r"^[^@\s]+@[^@\s]+$")
    password: str = Field(min_length=1, max_length=MAX_PASSWORD_LENGTH)


class UserPublic(BaseModel):
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

    email: Email


class TokenOnly(BaseModel):
    token: str = Field(min_length=1, max_length=256)


class PasswordReset(TokenOnly):
    password: str = Field(max_length=MAX_PASSWORD_LENGTH)


class PasswordChange(BaseModel):
    current_password: str = Field(min_length=1, max_length=MAX_PASSWORD_LENGTH)
    new_password: str = Field(max_length=MAX_PASSWORD_LENGTH)


class EmailChange(BaseModel):
    new_email: Email
    password: str = Field(min_length=1, max_length=MAX_PASSWORD_LENGTH)


class AcceptedPublic(BaseModel):
    detail: str
