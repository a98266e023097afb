"""Reads Stripe-shaped dicts (from the API or the in-memory state) into domain objects."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from saas_billing.domain.schemas.billing.subscription import SubscriptionSnapshot
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


def id_of(value: Any) -> str | None:
    """An id, whether Stripe sent it bare or as an expanded object."""
    if value is None or isinstance(value, str):
        return value
    return value.get("id")


def timestamp(value: Any) -> datetime | None:
    """Stripe's epoch seconds as an aware datetime; None stays None."""
    return datetime.fromtimestamp(int(value), UTC) if value else None


def to_subscription_snapshot(
    subscription: Mapping[str, Any], observed_at: float, account_id: str | None = None
) -> SubscriptionSnapshot:
    """Reads a subscription with or without `customer` and `items.data.price.product` expanded.

    Since API version 2025-03-31 the period lives on each item; older versions keep it on the
    subscription, so both places are read.
    """
    items = (subscription.get("items") or {}).get("data") or [{}]
    first = items[0]
    price = first.get("price") or {}
    customer = subscription.get("customer")
    customer_fields = customer if isinstance(customer, Mapping) else {}
    metadata = subscription.get("metadata") or {}
    return SubscriptionSnapshot(
        id=subscription["id"],
        customer_id=id_of(customer) or "",
        status=subscription["status"],
        price_id=id_of(price) if price else None,
        product_id=id_of(price.get("product")) if price else None,
        current_period_end=timestamp(
            first.get("current_period_end") or subscription.get("current_period_end")
        ),
        cancel_at_period_end=bool(subscription.get("cancel_at_period_end")),
        observed_at=observed_at,
        customer_email=customer_fields.get("email"),
        customer_name=customer_fields.get("name"),
        account_id=account_id or metadata.get("account_id"),
        cancel_at=timestamp(subscription.get("cancel_at")),
    )
