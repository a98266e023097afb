"""Lambda entry point of the subscriptions function."""

from mangum import Mangum
from subscriptions_routes import router

from saas_billing.infra.fastapi_config.app_factory import create_app

app = create_app(router, title="subscriptions")
handler = Mangum(app, lifespan="off")
