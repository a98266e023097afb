"""What the subscriptions and portal API takes and returns."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from saas_billing.domain.schemas.billing.subscription import SavedSubscription
    from saas_billing.repo.interface.subscription_repository import SubscriptionPage


# The docs' example of a subscription (OpenAPI drops null values, so only optional fields are left out).
SUBSCRIPTION_EXAMPLE = {
    "id": "sub_1QaZ2bY3cX4dW5eV",
    "customer_id": "cus_QaZ2bY3cX4dW5e",
    "customer_email": "ada@example.com",
    "customer_name": "Ada Lovelace",
    "price_id": "price_pro_monthly",
    "product_id": "prod_pro",
    "status": "active",
    "current_period_end": "2026-02-15T09:30:00Z",
    "cancel_at_period_end": False,
    "created_at": "2026-01-15T09:30:00Z",
    "updated_at": "2026-01-15T09:30:00Z",
}
SUMMARY_FIELDS = ("id", "status", "price_id", "product_id", "current_period_end", "cancel_at_period_end")


class SubscriptionPublic(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [SUBSCRIPTION_EXAMPLE]}, from_attributes=True)

    id: str
    customer_id: str
    customer_email: str | None
    customer_name: str | None
    price_id: str | None
    product_id: str | None
    status: str
    current_period_end: datetime | None
    cancel_at_period_end: bool
    cancel_at: datetime | None = Field(default=None, description="A scheduled end date, if one is set")
    ends_at: datetime | None = Field(
        default=None, description="When it ends instead of renewing; null while it renews"
    )
    created_at: datetime
    updated_at: datetime
    attention: str | None = Field(
        default=None, description="Why this needs a person, e.g. a second paid subscription of one account"
    )

    @classmethod
    def from_domain(cls, saved: SavedSubscription) -> SubscriptionPublic:
        return cls.model_validate(saved)


class SubscriptionSummaryPublic(BaseModel):
    """What an account's profile shows of the subscription it is on now."""

    model_config = ConfigDict(from_attributes=True)

    id: str
    status: str
    price_id: str | None
    product_id: str | None
    current_period_end: datetime | None
    cancel_at_period_end: bool
    cancel_at: datetime | None = Field(default=None, description="A scheduled end date, if one is set")
    ends_at: datetime | None = Field(
        default=None, description="When it ends instead of renewing; null while it renews"
    )

    @classmethod
    def from_domain(cls, saved: SavedSubscription) -> SubscriptionSummaryPublic:
        return cls.model_validate(saved)


class SubscriptionListPublic(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"data": [SUBSCRIPTION_EXAMPLE], "has_more": False}]}
    )

    data: list[SubscriptionPublic]
    has_more: bool = Field(description="Pass the last id as `starting_after` to get the next page")

    @classmethod
    def from_domain(cls, page: SubscriptionPage) -> SubscriptionListPublic:
        return cls(data=[SubscriptionPublic.from_domain(s) for s in page.items], has_more=page.has_more)


class PortalSessionCreate(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{}]}, extra="forbid")

    customer_id: str | None = Field(
        default=None,
        min_length=1,
        max_length=255,
        description="Omit for your own customer; an admin may name any customer",
    )


class PortalSessionPublic(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"url": "https://billing.stripe.com/p/session/test_YWNjdF8x"}]}
    )

    url: str


class PlanChange(BaseModel):
    # Forms also post their button names.
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"price_id": "price_pro_monthly"}]}, extra="ignore"
    )

    price_id: str = Field(min_length=1, max_length=255, description="An active price of the catalog")
