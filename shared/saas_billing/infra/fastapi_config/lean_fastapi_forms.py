"""Imported first by a function with form routes: FastAPI without email_validator, forms kept."""

from saas_billing.infra.fastapi_config.lean_import import import_fastapi_without

import_fastapi_without("email_validator")
