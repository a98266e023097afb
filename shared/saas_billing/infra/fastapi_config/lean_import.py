"""FastAPI without the optional packages it imports only because they are installed.

fastapi.openapi.models imports email_validator (~20 ms) to type the OpenAPI contact email, and
starlette.formparsers imports python_multipart, whenever they are importable. The functions serve no
OpenAPI document, validate emails through domain/email_address.py (which imports email_validator when a
route first takes an address), and only the functions with form routes parse forms. A handler imports
one of the two modules below before anything else, so the cold path pays only for what its routes use.

FastAPI's import also builds the validators of its 36 OpenAPI models (~35 ms, most of what `import fastapi`
costs), which only the OpenAPI document and the security schemes use; no function serves either. A
function process imports FastAPI with pydantic's `defer_build` on, so each of those models is built when it
is first used, as pydantic builds any deferred model, and never otherwise (but for the four FastAPI builds
itself at import: `Schema`, `Operation` and `Encoding` through `model_rebuild()`, and `OAuthFlows`).

In a function process only (`in_lambda()`), as is pydantic without v1 and plugins
(infra/mixins/lean_pydantic.py, imported here first).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import saas_billing.infra.mixins.lean_pydantic  # noqa: F401  applied on import
from saas_billing.infra.mixins.held_imports import import_holding_back
from saas_billing.infra.settings.env_names import in_lambda


def import_fastapi_without(*optional: str) -> None:
    """Imports fastapi with `optional` unimportable, then importable again for whoever needs them later."""
    if not in_lambda():
        import_holding_back("fastapi", *optional)
        return
    with models_built_on_first_use():
        import_holding_back("fastapi", *optional)


@contextmanager
def models_built_on_first_use() -> Iterator[None]:
    """Pydantic models declared inside are built on first use: `defer_build`, which every model inherits
    from BaseModel's config, is on until the block ends (models declared inside keep it)."""
    from pydantic import BaseModel

    config = BaseModel.model_config
    previous = config.get("defer_build")
    config["defer_build"] = True
    try:
        yield
    finally:
        if previous is None:
            del config["defer_build"]
        else:
            config["defer_build"] = previous
