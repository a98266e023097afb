"""A Stripe call made with a price that must be on offer, checked against the cached catalog when it can be.

The container's cached catalog (what the pricing and account pages showed) answers for the price when it
lists it, so the call needs no price read first; an unknown price is read (PriceNotFound). If Stripe then
refuses a price the cache still lists (retired since), the price is read to raise the error a read gives.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from saas_billing.domain.errors import PriceNotFound
from saas_billing.infra.exception.errors import BadRequest

if TYPE_CHECKING:
    from saas_billing.domain.schemas.catalog.catalog_item import CatalogPrice, CatalogProduct
    from saas_billing.infra.external_api.interface.catalog_gateway import CatalogGateway
    from saas_billing.usecase.catalog.list_catalog import ListCatalog

Requirement = Callable[["CatalogPrice", "CatalogProduct"], None]  # raises when the price will not do


def with_offered_price[T](
    price_id: str,
    catalog: CatalogGateway,
    cached_catalog: ListCatalog | None,
    require: Requirement,
    call: Callable[[CatalogPrice], T],
) -> T:
    cached = cached_catalog.find_price(price_id) if cached_catalog else None
    price, product = cached or catalog.get_price(price_id)  # PriceNotFound for an unknown id
    require(price, product)
    try:
        return call(price)
    except (PriceNotFound, BadRequest):
        if cached is None:
            raise
        require(*catalog.get_price(price.id))
        raise
