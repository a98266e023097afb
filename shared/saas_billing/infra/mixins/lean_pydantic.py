"""Pydantic without what no function uses, in a function process; importing this module applies it, so
every handler imports it (through infra/fastapi_config/lean_import.py, or directly) before any model.

- `pydantic.v1` stays unimportable for the process's life: FastAPI imports it (~12 ms) only to ask whether
  a type is a v1 model and reads an ImportError as "no"; no model here is v1.
- The first model built looks for pydantic plugins in the entry points of every installed distribution
  (~2 ms). No function uses one, so `PYDANTIC_DISABLE_PLUGINS` is set unless the environment already sets
  it (an empty value loads a plugin added later).

Only in a function process (`in_lambda()`: Lambda, `sam local` and scripts/invoke_built.py set the function
name): a test process imports the handlers too, and its other libraries may need either.
"""

from __future__ import annotations

import os
import sys

from saas_billing.infra.settings.env_names import in_lambda

NEVER_IN_A_FUNCTION = ("pydantic.v1",)

if in_lambda():
    for _name in NEVER_IN_A_FUNCTION:
        sys.modules.setdefault(_name, None)  # type: ignore[arg-type]  # an import of it raises ImportError
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
