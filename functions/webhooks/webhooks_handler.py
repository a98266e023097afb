"""Lambda entry point of the webhooks function."""

from mangum import Mangum
from webhooks_routes import router

from saas_billing.infra.fastapi_config.app_factory import create_app

app = create_app(router, title="webhooks")
handler = Mangum(app, lifespan="off")
