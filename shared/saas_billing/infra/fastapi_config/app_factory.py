"""Builds the FastAPI app every function (and the local dev server) serves."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import FastAPI

import saas_billing.infra.snapstart.hooks  # noqa: F401  its import registers the SnapStart hooks
from saas_billing.infra.fastapi_config.edge_middleware import EdgeMiddleware
from saas_billing.infra.fastapi_config.error_responses import install_error_handlers
from saas_billing.infra.fastapi_config.logging_setup import configure_logging
from saas_billing.infra.fastapi_config.openapi_document import install_openapi
from saas_billing.infra.fastapi_config.validation_errors import install_validation_error_handler
from saas_billing.infra.settings.loader import get_settings

if TYPE_CHECKING:
    from fastapi import APIRouter


def create_app(*routers: APIRouter, title: str | None = None, docs: bool = False) -> FastAPI:
    """Reads settings eagerly so a misconfigured function fails its cold start, not each request.

    Docs stay off in functions: API Gateway routes only what the template declares. With `docs` the app
    serves its OpenAPI document; the dev server adds Swagger UI and ReDoc from local files. `title` names
    the group in the document's title, after the product's name.
    """
    settings = get_settings()
    configure_logging(settings.log_level)
    app = FastAPI(
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json" if docs else None,
    )
    install_openapi(app, settings.product_name, title)
    install_error_handlers(app)
    install_validation_error_handler(app)
    app.add_middleware(EdgeMiddleware)
    for router in routers:
        app.include_router(router)
    return app
