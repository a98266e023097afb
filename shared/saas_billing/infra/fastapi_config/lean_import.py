"""FastAPI without the optional packages it imports only because they are installed.

fastapi.openapi.models imports email_validator (~20 ms) to type the OpenAPI contact email, and
starlette.formparsers imports python_multipart, whenever they are importable. The functions serve no
OpenAPI document, validate emails through domain/email_address.py (which imports email_validator when a
route first takes an address), and only the functions with form routes parse forms. A handler imports
one of the two modules below before anything else, so the cold path pays only for what its routes use.

FastAPI also imports `pydantic.v1` (~12 ms) to ask whether a route's types, and later each response
`jsonable_encoder` encodes, are pydantic v1 models; it reads an ImportError as "no" (its path for a
pydantic without v1). No model here is v1, so a function process keeps it unimportable for its whole life.

FastAPI's import also builds the validators of its ~60 OpenAPI models (~35 ms, most of what `import fastapi`
costs), which only the OpenAPI document and the security schemes use; no function serves either. A
function process imports FastAPI with pydantic's `defer_build` on, so each of those models is built when it
is first used, as pydantic builds any deferred model, and never otherwise.

The first pydantic model built then looks for pydantic plugins in the entry points of every installed
distribution (~2 ms). No function uses one, so a function process sets `PYDANTIC_DISABLE_PLUGINS` unless
the environment already does (set it to an empty value to load a plugin added later).

All of this only in a function process (`in_lambda()`: Lambda, `sam local` and scripts/invoke_built.py set the
function name): a test process imports the handlers too, and its other libraries may need pydantic.v1.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from saas_billing.infra.mixins.held_imports import import_holding_back
from saas_billing.infra.settings.env_names import in_lambda

NEVER_IN_A_FUNCTION = ("pydantic.v1",)


def import_fastapi_without(*optional: str) -> None:
    """Imports fastapi with `optional` unimportable, then importable again for whoever needs them later."""
    if not in_lambda():
        import_holding_back("fastapi", *optional)
        return
    for name in NEVER_IN_A_FUNCTION:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]  # an import of it raises ImportError
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
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
