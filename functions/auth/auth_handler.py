"""Lambda entry point of the auth function."""

from auth_routes import router
from mangum import Mangum

from saas_billing.infra.fastapi_config.app_factory import create_app

app = create_app(router, title="auth")
handler = Mangum(app, lifespan="off")
