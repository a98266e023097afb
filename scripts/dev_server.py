"""`make dev`: one ASGI app serving every function's routes, found through template.yaml."""

from __future__ import annotations

import importlib
import os
import sys

from fastapi import FastAPI

from scripts.api_docs import install_docs
from scripts.template_model import ROOT, functions

# Run as `python -m scripts.dev_server` from the repository root: the shared layer is its own path
# entry, as /opt/python is in Lambda.
if str(ROOT / "shared") not in sys.path:
    sys.path.insert(0, str(ROOT / "shared"))

from saas_billing.infra.fastapi_config.app_factory import create_app
from saas_billing.infra.settings.loader import get_settings


def import_handler_module(spec):
    """Each function folder is a Lambda root; module names are unique, so all can share sys.path."""
    code_dir = str(spec.code_dir)
    if code_dir not in sys.path:
        sys.path.insert(0, code_dir)
    return importlib.import_module(spec.module)


def build_dev_app() -> FastAPI:
    app = create_app(title="local", docs=True)
    install_docs(app)
    for spec in functions():
        module = import_handler_module(spec)
        function_app = getattr(module, "app", None)
        if isinstance(function_app, FastAPI):
            app.include_router(function_app.router)
    if not get_settings().stripe_api_key:
        # Offline: the in-memory gateway sends Checkout and the portal to these stand-in pages.
        from scripts.local_stripe_pages import PREFIX as LOCAL_STRIPE_PAGES
        from scripts.local_stripe_pages import router as local_stripe_router
        from scripts.local_webhook_delivery import ApiEventDelivery

        app.include_router(local_stripe_router)
        app.add_middleware(ApiEventDelivery, dev_app=app, skipped=(LOCAL_STRIPE_PAGES,))
    if get_settings().is_local:  # account mail goes to the outbox: its page stands in for an inbox
        from scripts.local_outbox_pages import router as local_outbox_router

        app.include_router(local_outbox_router)
    return app


def server_config(app: FastAPI, host: str, port: int):
    """proxy_headers=False: uvicorn would otherwise take the client address from X-Forwarded-For on any
    connection from localhost, and one local script could reset every per-IP limit at will. The public
    address (Stripe's return URLs, the Origin check) is the socket's own, DEV_HOST:DEV_PORT."""
    import uvicorn

    return uvicorn.Config(app, host=host, port=port, log_config=None, proxy_headers=False)


def main() -> None:
    import uvicorn

    from scripts.local_stage import local_stage

    host = os.environ.get("DEV_HOST", "127.0.0.1")
    port = int(os.environ.get("DEV_PORT", "8000"))
    with local_stage():
        uvicorn.Server(server_config(build_dev_app(), host, port)).run()


if __name__ == "__main__":
    main()
