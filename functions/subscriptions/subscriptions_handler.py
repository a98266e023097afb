"""Lambda entry point of the subscriptions function."""

# First, before anything imports fastapi (lean_import.py says why).
import saas_billing.infra.fastapi_config.lean_fastapi_forms  # noqa: F401

# isort: split
from subscriptions_routes import routers

from saas_billing.infra.fastapi_config.app_factory import create_app
from saas_billing.infra.fastapi_config.lambda_entry import lambda_handler

app = create_app(*routers, title="subscriptions")
handler = lambda_handler(app)
