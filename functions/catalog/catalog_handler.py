"""Lambda entry point of the catalog function."""

from catalog_routes import router
from mangum import Mangum

from saas_billing.infra.fastapi_config.app_factory import create_app

app = create_app(router, title="catalog")
handler = Mangum(app, lifespan="off")
