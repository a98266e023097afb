"""Reads Stripe-shaped dicts (from the API or the in-memory state) into domain objects; fields through
stripe_fields, so a malformed object is InvalidWebhookPayload, never a KeyError or an operator."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from saas_billing.infra.external_api.service.stripe_fields import (
    flag,
    mapping,
    objects,
    optional_id,
    optional_text,
    optional_timestamp,
    stripe_id,
    text,
)

if TYPE_CHECKING:
    from saas_billing.domain.schemas.billing.subscription import SubscriptionSnapshot
    from saas_billing.domain.schemas.catalog.catalog_item import CatalogPrice, CatalogProduct


def to_catalog_product(product: Mapping[str, Any]) -> CatalogProduct:
    # Imported here: the webhooks function reads subscriptions with this module, never the catalog.
    from saas_billing.domain.schemas.catalog.catalog_item import CatalogProduct

    return CatalogProduct(
        id=product["id"],
        name=product["name"],
        description=product.get("description"),
        active=bool(product.get("active", True)),
    )


def to_catalog_price(price: Mapping[str, Any]) -> CatalogPrice:
    from saas_billing.domain.schemas.catalog.catalog_item import CatalogPrice

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


def to_subscription_snapshot(
    subscription: Mapping[str, Any], observed_at: float, account_id: str | None = None
) -> SubscriptionSnapshot:
    """Reads a subscription with or without `customer` and `items.data.price.product` expanded.

    Since API version 2025-03-31 the period lives on each item; older versions keep it on the
    subscription, so both places are read. A missing or ill-typed field raises InvalidWebhookPayload.
    """
    # Imported here: a catalog read (this module's other readers) loads no subscription schemas.
    from saas_billing.domain.schemas.billing.subscription import SubscriptionSnapshot

    items = mapping(subscription.get("items"), "subscription.items")
    first = (objects(items.get("data"), "subscription.items.data") or [{}])[0]
    price = first.get("price")
    product = price.get("product") if isinstance(price, Mapping) else None
    customer = subscription.get("customer")
    customer_fields = customer if isinstance(customer, Mapping) else {}
    metadata = mapping(subscription.get("metadata"), "subscription.metadata")
    period_end = first.get("current_period_end") or subscription.get("current_period_end")
    return SubscriptionSnapshot(
        id=stripe_id(subscription.get("id"), "subscription.id", "sub_"),
        customer_id=stripe_id(customer, "subscription.customer", "cus_"),
        status=text(subscription.get("status"), "subscription.status"),
        price_id=optional_id(price, "subscription item price"),
        product_id=optional_id(product, "subscription item price.product"),
        current_period_end=optional_timestamp(period_end, "subscription current_period_end"),
        cancel_at_period_end=flag(
            subscription.get("cancel_at_period_end"), "subscription.cancel_at_period_end"
        ),
        observed_at=observed_at,
        customer_email=optional_text(customer_fields.get("email"), "customer.email"),
        customer_name=optional_text(customer_fields.get("name"), "customer.name"),
        account_id=account_id
        or optional_text(metadata.get("account_id"), "subscription.metadata.account_id"),
        cancel_at=optional_timestamp(subscription.get("cancel_at"), "subscription.cancel_at"),
    )
