"""Lambda entry point of the customers function (admin API, and the service API for API keys)."""

# First, before anything imports fastapi (lean_import.py says why).
import saas_billing.infra.fastapi_config.lean_fastapi  # noqa: F401

# isort: split
from customers_routes import routers

from saas_billing.infra.fastapi_config.app_factory import create_app
from saas_billing.infra.fastapi_config.lambda_entry import lambda_handler

app = create_app(*routers, title="customers")
handler = lambda_handler(app)
