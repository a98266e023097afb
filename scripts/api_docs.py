"""`make dev`'s API docs, Swagger UI at /docs and ReDoc at /redoc, served from the files the pinned
dev-only package fastapi-offline ships: nothing loads from another host, so the docs work offline.

Deployed functions serve no docs (API Gateway routes only what the template declares), so this costs
them nothing.
"""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from starlette.responses import HTMLResponse
from starlette.staticfiles import StaticFiles

STATIC_PATH = "/docs/static"
# Swagger UI's defaults would show a badge from its online validator; keep "Authorize" across reloads.
SWAGGER_UI_PARAMETERS = {"validatorUrl": None, "persistAuthorization": True}
# The pages may load only from the dev server: ReDoc's bundle would fetch its logo from its CDN, and the
# browser now refuses that (and anything else) before it reaches the network. Inline: each page's own
# start-up script and the styles the bundles inject; blob: ReDoc's search worker.
SAME_ORIGIN_ONLY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'"
)


def bundled_files() -> Path:
    """The package's static folder, found without importing it (its module builds a FastAPI app)."""
    spec = find_spec("fastapi_offline")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("fastapi-offline is missing: make dev installs it from requirements-dev.txt")
    return Path(next(iter(spec.submodule_search_locations))) / "static"


def same_origin_only(page: HTMLResponse) -> HTMLResponse:
    page.headers["Content-Security-Policy"] = SAME_ORIGIN_ONLY
    return page


def install_docs(app: FastAPI) -> None:
    openapi_url = app.openapi_url or "/openapi.json"
    app.mount(STATIC_PATH, StaticFiles(directory=bundled_files()), name="docs-static")

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui() -> HTMLResponse:
        return same_origin_only(
            get_swagger_ui_html(
                openapi_url=openapi_url,
                title=f"{app.title} - Swagger UI",
                swagger_js_url=f"{STATIC_PATH}/swagger-ui-bundle.js",
                swagger_css_url=f"{STATIC_PATH}/swagger-ui.css",
                swagger_favicon_url=f"{STATIC_PATH}/favicon.png",
                swagger_ui_parameters=SWAGGER_UI_PARAMETERS,
            )
        )

    @app.get("/redoc", include_in_schema=False)
    async def redoc() -> HTMLResponse:
        return same_origin_only(
            get_redoc_html(
                openapi_url=openapi_url,
                title=f"{app.title} - ReDoc",
                redoc_js_url=f"{STATIC_PATH}/redoc.standalone.js",
                redoc_favicon_url=f"{STATIC_PATH}/favicon.png",
                with_google_fonts=False,
            )
        )
