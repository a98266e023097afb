"""What the use cases need from a payment provider's catalog."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from saas_billing.domain.schemas.catalog.catalog_item import CatalogFeature, CatalogPrice, CatalogProduct


class CatalogGateway(ABC):
    @abstractmethod
    def list_active_prices(self) -> list[tuple[CatalogPrice, CatalogProduct]]:
        """Every active price with its product, in one paginated listing."""

    @abstractmethod
    def get_price(self, price_id: str) -> tuple[CatalogPrice, CatalogProduct]:
        """Raises PriceNotFound for an unknown id."""

    @abstractmethod
    def list_product_features(self, product_id: str) -> tuple[CatalogFeature, ...]:
        """The features attached to one product (Stripe lists them per product), in Stripe's order."""
