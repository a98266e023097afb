"""Catalog endpoints: the products and prices a customer can subscribe to."""

from __future__ import annotations

from fastapi import APIRouter

from saas_billing.models.schemas.catalog.product_public import ProductListPublic, ProductPublic
from saas_billing.routes.depends.catalog_dep import ListCatalogDep

router = APIRouter(prefix="/v1/products", tags=["catalog"])


@router.get("", response_model=ProductListPublic)
async def list_products(list_catalog: ListCatalogDep) -> ProductListPublic:
    """Active products, each with its active prices."""
    return ProductListPublic(data=[ProductPublic.from_domain(entry) for entry in list_catalog.execute()])
