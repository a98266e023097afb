"""Reads Stripe-shaped dicts (from the API or the in-memory state) into domain objects."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from saas_billing.domain.schemas.catalog.catalog_item import CatalogPrice, CatalogProduct


def to_catalog_product(product: Mapping[str, Any]) -> CatalogProduct:
    return CatalogProduct(
        id=product["id"],
        name=product["name"],
        description=product.get("description"),
        active=bool(product.get("active", True)),
    )


def to_catalog_price(price: Mapping[str, Any]) -> CatalogPrice:
    recurring = price.get("recurring") or {}
    product = price["product"]
    return CatalogPrice(
        id=price["id"],
        product_id=product if isinstance(product, str) else product["id"],
        currency=price["currency"],
        unit_amount=int(price.get("unit_amount") or 0),
        interval=recurring.get("interval"),
        interval_count=int(recurring.get("interval_count") or 1),
        active=bool(price.get("active", True)),
        nickname=price.get("nickname"),
    )
