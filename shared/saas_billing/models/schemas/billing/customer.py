"""What the customers API takes and returns."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from saas_billing.models.schemas.email_field import Email

if TYPE_CHECKING:
    from saas_billing.domain.schemas.billing.customer import Customer, CustomerPage

CUSTOMER_EXAMPLE = {
    "id": "cus_QaZ2bY3cX4dW5e",
    "name": "Ada Lovelace",
    "email": "ada@example.com",
    "created": "2026-01-15T09:30:00Z",
}
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=256)]


class CustomerCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"name": "Ada Lovelace", "email": "ada@example.com"}]}, extra="forbid"
    )

    name: Name
    email: Email


class CustomerPublic(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [CUSTOMER_EXAMPLE]}, from_attributes=True)

    id: str
    name: str | None
    email: str | None
    created: datetime | None

    @classmethod
    def from_domain(cls, customer: Customer) -> CustomerPublic:
        return cls.model_validate(customer)


class CustomerListPublic(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"data": [CUSTOMER_EXAMPLE], "has_more": False}]}
    )

    data: list[CustomerPublic]
    has_more: bool = Field(description="Pass the last id as `starting_after` to get the next page")

    @classmethod
    def from_domain(cls, page: CustomerPage) -> CustomerListPublic:
        return cls(data=[CustomerPublic.from_domain(c) for c in page.items], has_more=page.has_more)


class CustomerDeletedPublic(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"id": "cus_QaZ2bY3cX4dW5e", "deleted": True}]})

    id: str
    deleted: bool = True


class CustomersDeletedPublic(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"deleted": 3, "has_more": False}]})

    deleted: int = Field(description="How many customers this call deleted")
    has_more: bool = Field(description="True when the time budget ran out first: call again")
