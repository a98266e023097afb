"""Catalog entries as the use cases see them, independent of Stripe's object shapes."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class CatalogPrice:
    id: str
    product_id: str
    currency: str
    unit_amount: int
    interval: str | None
    interval_count: int = 1
    active: bool = True
    nickname: str | None = None


@dataclass(frozen=True)
class CatalogFeature:
    """A Stripe entitlement feature attached to a product: `lookup_key` is what code checks, `name` what
    people read."""

    lookup_key: str
    name: str


@dataclass(frozen=True)
class CatalogProduct:
    id: str
    name: str
    description: str | None
    active: bool = True
    features: tuple[CatalogFeature, ...] = ()


@dataclass(frozen=True)
class PricedProduct:
    product: CatalogProduct
    prices: list[CatalogPrice] = field(default_factory=list)
