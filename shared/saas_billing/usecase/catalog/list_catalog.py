"""Lists active products with their active prices, cached per container."""

from __future__ import annotations

from saas_billing.domain.schemas.catalog.catalog_item import CatalogPrice, CatalogProduct, PricedProduct
from saas_billing.infra.external_api.interface.catalog_gateway import CatalogGateway
from saas_billing.infra.mixins.ttl_cache import TtlCache

CACHE_KEY = "catalog"


class ListCatalog:
    def __init__(self, gateway: CatalogGateway, cache: TtlCache[list[PricedProduct]]) -> None:
        self._gateway = gateway
        self._cache = cache

    def execute(self) -> list[PricedProduct]:
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
