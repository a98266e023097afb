"""Imported first by a function without form routes: FastAPI without email_validator or form parsing."""

from saas_billing.infra.fastapi_config.lean_import import import_fastapi_without

import_fastapi_without("email_validator", "python_multipart")
