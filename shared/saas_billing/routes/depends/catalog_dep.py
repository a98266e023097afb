"""The catalog use case with its per-container cache."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from fastapi import Depends

from saas_billing.infra.external_api.service.gateway_factory import get_payment_gateway
from saas_billing.infra.mixins.ttl_cache import TtlCache
from saas_billing.infra.settings.loader import get_settings
from saas_billing.usecase.catalog.list_catalog import ListCatalog

if TYPE_CHECKING:
    from saas_billing.domain.schemas.catalog.catalog_item import PricedProduct

_catalog_cache: TtlCache[list[PricedProduct]] | None = None


def catalog_cache(ttl_seconds: float) -> TtlCache[list[PricedProduct]]:
    global _catalog_cache
    if _catalog_cache is None:
        _catalog_cache = TtlCache(ttl_seconds)
    return _catalog_cache


def reset_catalog_cache() -> None:
    global _catalog_cache
    _catalog_cache = None


async def list_catalog_dependency() -> ListCatalog:
    """No sub-dependencies: each one FastAPI solves costs a warm invoke more than the cached lookup."""
    settings = get_settings()
    return ListCatalog(get_payment_gateway(settings), catalog_cache(settings.catalog_cache_ttl_seconds))


ListCatalogDep = Annotated[ListCatalog, Depends(list_catalog_dependency)]
