"""Lambda entry point of the customers function (admin API)."""

from customers_routes import router
from mangum import Mangum

from saas_billing.infra.fastapi_config.app_factory import create_app

app = create_app(router, title="customers")
handler = Mangum(app, lifespan="off")
