"""Lambda entry point of the customers function (admin API)."""

# First, before anything imports fastapi (lean_import.py says why).
import saas_billing.infra.fastapi_config.lean_fastapi  # noqa: F401

# isort: split
from customers_routes import router

from saas_billing.infra.fastapi_config.app_factory import create_app
from saas_billing.infra.fastapi_config.lambda_entry import lambda_handler

app = create_app(router, title="customers")
handler = lambda_handler(app)
