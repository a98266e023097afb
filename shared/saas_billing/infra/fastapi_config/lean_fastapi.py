"""Imported first by a function without form routes: FastAPI without email_validator or form parsing.

A function that adds a route taking a form must import lean_fastapi_forms instead: here Starlette's form
parser is left without python-multipart, and parsing a form fails ("python-multipart must be installed").
"""

from saas_billing.infra.fastapi_config.lean_import import import_fastapi_without

import_fastapi_without("email_validator", "python_multipart")
