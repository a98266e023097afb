"""Lists active products with their active prices, and on request their features, cached per container.

Stripe lists features per product only, one call each: only the pages that show features ask for them
(a second cache entry, built on the first), so a checkout or a price lookup never pays for them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from saas_billing.domain.schemas.catalog.catalog_item import CatalogPrice, CatalogProduct, PricedProduct
    from saas_billing.infra.external_api.interface.catalog_gateway import CatalogGateway
    from saas_billing.infra.mixins.ttl_cache import TtlCache

CACHE_KEY = "catalog"
WITH_FEATURES_KEY = "catalog_with_features"


class ListCatalog:
    def __init__(self, gateway: CatalogGateway, cache: TtlCache[list[PricedProduct]]) -> None:
        self._gateway = gateway
        self._cache = cache

    def execute(self, with_features: bool = False) -> list[PricedProduct]:
        if with_features:
            return self._cache.get_or_load(WITH_FEATURES_KEY, self._load_features)
        return self._cache.get_or_load(CACHE_KEY, self._load)

    def find_price(self, price_id: str) -> tuple[CatalogPrice, CatalogProduct] | None:
        """The price and its product when the catalog lists it: no Stripe call while the container's cache
        is warm, one listing (which warms it) when it is cold."""
        for entry in self.execute():
            for price in entry.prices:
                if price.id == price_id:
                    return price, entry.product
        return None

    def _load(self) -> list[PricedProduct]:
        # Imported on the first read: the functions declaring this dependency do not all read the catalog.
        from saas_billing.domain.schemas.catalog.catalog_item import PricedProduct

        grouped: dict[str, PricedProduct] = {}
        for price, product in self._gateway.list_active_prices():
            if not price.active:
                continue
            entry = grouped.setdefault(product.id, PricedProduct(product=product, prices=[]))
            entry.prices.append(price)
        for entry in grouped.values():
            entry.prices.sort(key=lambda price: (price.unit_amount, price.id))
        return sorted(
            grouped.values(), key=lambda entry: (min(p.unit_amount for p in entry.prices), entry.product.name)
        )

    def _load_features(self) -> list[PricedProduct]:
        from saas_billing.domain.schemas.catalog.catalog_item import PricedProduct  # as in _load

        return [
            PricedProduct(
                product=replace(
                    entry.product, features=self._gateway.list_product_features(entry.product.id)
                ),
                prices=entry.prices,
            )
            for entry in self.execute()
        ]
