"""Lambda entry point of the checkout function (pricing, checkout and its result pages)."""

from checkout_routes import router

from saas_billing.infra.fastapi_config.app_factory import create_app
from saas_billing.infra.fastapi_config.lambda_entry import lambda_handler

app = create_app(router, title="checkout")
handler = lambda_handler(app)
