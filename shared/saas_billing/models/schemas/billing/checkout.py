"""What the checkout API takes and returns."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field


def _blank_to_none(value: object) -> object:
    """An HTML form sends an empty field as ""; that means "not given"."""
    return None if isinstance(value, str) and not value.strip() else value


class CheckoutSessionCreate(BaseModel):
    """The buyer is the signed-in account (its email and Stripe customer), so no email is taken."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"price_id": "price_pro_monthly"}]}, extra="ignore"
    )  # forms also post their token and button names

    price_id: str = Field(min_length=1, max_length=255)
    request_token: Annotated[str | None, BeforeValidator(_blank_to_none)] = Field(default=None, max_length=64)


class CheckoutSessionPublic(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "cs_test_a1B2c3D4e5F6g7H8",
                    "url": "https://checkout.stripe.com/c/pay/cs_test_a1B2c3D4e5F6g7H8",
                }
            ]
        }
    )

    id: str
    url: str
