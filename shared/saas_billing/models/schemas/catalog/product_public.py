"""What the API returns for the catalog."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from saas_billing.domain.schemas.catalog.catalog_item import CatalogPrice, PricedProduct


class PricePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    currency: str
    unit_amount: int = Field(description="Integer amount in the currency's minor unit (cents)")
    interval: str | None = Field(description="Recurring interval: day, week, month or year")
    interval_count: int

    @classmethod
    def from_domain(cls, price: CatalogPrice) -> PricePublic:
        return cls.model_validate(price)


class ProductPublic(BaseModel):
    id: str
    name: str
    description: str | None
    prices: list[PricePublic]

    @classmethod
    def from_domain(cls, entry: PricedProduct) -> ProductPublic:
        return cls(
            id=entry.product.id,
            name=entry.product.name,
            description=entry.product.description,
            prices=[PricePublic.from_domain(price) for price in entry.prices],
        )


class ProductListPublic(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "data": [
                        {
                            "id": "prod_pro",
                            "name": "Pro",
                            "description": "For growing teams",
                            "prices": [
                                {
                                    "id": "price_pro_monthly",
                                    "currency": "usd",
                                    "unit_amount": 2900,
                                    "interval": "month",
                                    "interval_count": 1,
                                }
                            ],
                        }
                    ]
                }
            ]
        }
    )

    data: list[ProductPublic]
