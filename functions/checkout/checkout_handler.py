"""Lambda entry point of the checkout function (pricing, checkout and its result pages)."""

# First, before anything imports fastapi (lean_import.py says why).
import saas_billing.infra.fastapi_config.lean_fastapi_forms  # noqa: F401

# isort: split
from checkout_routes import router

from saas_billing.infra.fastapi_config.app_factory import create_app
from saas_billing.infra.fastapi_config.lambda_entry import lambda_handler

app = create_app(router, title="checkout")
handler = lambda_handler(app)
