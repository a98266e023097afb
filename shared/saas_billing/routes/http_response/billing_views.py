"""Turns catalog and subscription objects into the strings the billing pages show."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from saas_billing.domain.schemas.catalog.catalog_item import CatalogPrice, PricedProduct

SYMBOLS = {"usd": "$", "eur": "€", "gbp": "£"}
ZERO_DECIMAL = {"jpy", "krw", "vnd", "clp", "pyg", "xof", "xaf", "ugx", "rwf", "kmf", "gnf", "djf", "bif"}


def money(unit_amount: int, currency: str) -> str:
    currency = currency.lower()
    amount = f"{unit_amount:,}" if currency in ZERO_DECIMAL else f"{unit_amount / 100:,.2f}"
    symbol = SYMBOLS.get(currency)
    return f"{symbol}{amount}" if symbol else f"{amount} {currency.upper()}"


def per(price: CatalogPrice) -> str:
    if not price.interval:
        return "once"
    if price.interval_count == 1:
        return f"per {price.interval}"
    return f"every {price.interval_count} {price.interval}s"


def cadence(price: CatalogPrice) -> str:
    """ "monthly", "yearly", or "every 3 months"."""
    simple = {"day": "daily", "week": "weekly", "month": "monthly", "year": "yearly"}
    if price.interval_count == 1 and price.interval in simple:
        return simple[price.interval]
    return per(price)


def plan_views(catalog: list[PricedProduct]) -> list[dict]:
    return [
        {
            "name": entry.product.name,
            "description": entry.product.description,
            "features": [feature.name for feature in entry.product.features],
            "prices": [
                {"id": p.id, "amount": money(p.unit_amount, p.currency), "per": per(p), "cadence": cadence(p)}
                for p in entry.prices
            ],
        }
        for entry in catalog
    ]


def feature_names(catalog: list[PricedProduct], lookup_keys: tuple[str, ...]) -> list[str]:
    """What people read for each lookup key: the catalog's feature name, else the key itself."""
    names = {f.lookup_key: f.name for entry in catalog for f in entry.product.features}
    return [names.get(key, key) for key in lookup_keys]


def price_amount(price: CatalogPrice) -> str:
    """ "$29.00 per month" (or "... once")."""
    return f"{money(price.unit_amount, price.currency)} {per(price)}"


def price_label(product_name: str, price: CatalogPrice) -> str:
    """ "Pro, $29.00 per month": how every page names a plan."""
    return f"{product_name}, {price_amount(price)}"


def plan_label(catalog: list[PricedProduct], price_id: str | None) -> str | None:
    """The label of a price in the catalog; None for one that is not offered any more."""
    for entry in catalog:
        for price in entry.prices:
            if price.id == price_id:
                return price_label(entry.product.name, price)
    return None


def long_date(value: datetime | None) -> str | None:
    return f"{value:%B} {value.day}, {value.year}" if value else None
