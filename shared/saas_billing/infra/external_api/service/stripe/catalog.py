"""Catalog part of the Stripe gateway: one paginated price listing with products expanded, and each
product's features (Stripe lists them per product only)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from saas_billing.domain.errors import PriceNotFound
from saas_billing.infra.exception.errors import NotFound
from saas_billing.infra.external_api.interface.catalog_gateway import CatalogGateway
from saas_billing.infra.external_api.service.entitlement_shapes import catalog_features
from saas_billing.infra.external_api.service.stripe.errors import stripe_errors
from saas_billing.infra.external_api.service.stripe_shapes import to_catalog_price, to_catalog_product

if TYPE_CHECKING:
    import stripe

    from saas_billing.domain.schemas.catalog.catalog_item import CatalogFeature, CatalogPrice, CatalogProduct


class StripeCatalog(CatalogGateway):
    client: stripe.StripeClient

    def list_active_prices(self) -> list[tuple[CatalogPrice, CatalogProduct]]:
        with stripe_errors():
            listing = self.client.v1.prices.list(
                params={"active": True, "expand": ["data.product"], "limit": 100}
            )
            # StripeObject is not a dict: the shape readers take plain dicts.
            prices = [price.to_dict() for price in listing.auto_paging_iter()]
        return [
            (to_catalog_price(price), to_catalog_product(price["product"]))
            for price in prices
            if price["product"].get("active", True)
        ]

    def get_price(self, price_id: str) -> tuple[CatalogPrice, CatalogProduct]:
        try:
            with stripe_errors():
                price = self.client.v1.prices.retrieve(price_id, params={"expand": ["product"]}).to_dict()
        except NotFound as error:
            raise PriceNotFound(f"No such price: '{price_id}'") from error
        return to_catalog_price(price), to_catalog_product(price["product"])

    def list_product_features(self, product_id: str) -> tuple[CatalogFeature, ...]:
        with stripe_errors():
            listing = self.client.v1.products.features.list(product_id, params={"limit": 100})
            return catalog_features(feature.to_dict() for feature in listing.auto_paging_iter())
