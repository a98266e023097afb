"""Catalog endpoints: the products and prices a customer can subscribe to."""

from __future__ import annotations

from fastapi import APIRouter, Response

from saas_billing.domain.schemas.catalog.catalog_item import PricedProduct
from saas_billing.infra.fastapi_config.openapi_declarations import STRIPE_FAILURES, errors
from saas_billing.models.schemas.catalog.product_public import ProductListPublic, ProductPublic
from saas_billing.routes.depends.catalog_dep import ListCatalogDep

router = APIRouter(prefix="/v1/products", tags=["catalog"])

# The JSON of the last catalog served. ListCatalog hands back the same cached list until its TTL
# expires, so comparing identity is exact, and a warm invoke skips building and validating models.
_rendered: tuple[list[PricedProduct], bytes] | None = None


def _render(catalog: list[PricedProduct]) -> bytes:
    global _rendered
    if _rendered is None or _rendered[0] is not catalog:
        body = ProductListPublic(data=[ProductPublic.from_domain(entry) for entry in catalog])
        _rendered = (catalog, body.model_dump_json().encode())
    return _rendered[1]


@router.get("", response_model=ProductListPublic, responses=errors(*STRIPE_FAILURES))
async def list_products(list_catalog: ListCatalogDep) -> Response:
    """Active products, each with its active prices."""
    return Response(_render(list_catalog.execute()), media_type="application/json")
