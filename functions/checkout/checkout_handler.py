"""Lambda entry point of the checkout function (pricing, checkout and its result pages)."""

from checkout_routes import router
from mangum import Mangum

from saas_billing.infra.fastapi_config.app_factory import create_app

app = create_app(router, title="checkout")
handler = Mangum(app, lifespan="off")
