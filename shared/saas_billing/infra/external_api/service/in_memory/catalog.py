"""Catalog part of the in-memory gateway."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from saas_billing.domain.errors import PriceNotFound
from saas_billing.infra.exception.errors import NotFound
from saas_billing.infra.external_api.interface.catalog_gateway import CatalogGateway
from saas_billing.infra.external_api.service.entitlement_shapes import catalog_features
from saas_billing.infra.external_api.service.stripe_shapes import to_catalog_price, to_catalog_product

if TYPE_CHECKING:
    from saas_billing.domain.schemas.catalog.catalog_item import CatalogFeature, CatalogPrice, CatalogProduct
    from saas_billing.infra.external_api.service.in_memory.state import InMemoryStripeState


class InMemoryCatalog(CatalogGateway):
    state: InMemoryStripeState

    def list_active_prices(self) -> list[tuple[CatalogPrice, CatalogProduct]]:
        with self.state.lock:
            return [
                (to_catalog_price(price), to_catalog_product(self.state.products[price["product"]]))
                for price in self.state.prices.values()
                if price["active"] and self.state.products[price["product"]]["active"]
            ]

    def get_price(self, price_id: str) -> tuple[CatalogPrice, CatalogProduct]:
        with self.state.lock:
            price = self.state.prices.get(price_id)
            if price is None:
                raise PriceNotFound(f"No such price: '{price_id}'")
            return to_catalog_price(price), to_catalog_product(self.state.products[price["product"]])

    def list_product_features(self, product_id: str) -> tuple[CatalogFeature, ...]:
        with self.state.lock:
            if product_id not in self.state.products:
                raise NotFound(f"No such product: '{product_id}'")
            return catalog_features(copy.deepcopy(self.state.product_features.get(product_id, [])))
