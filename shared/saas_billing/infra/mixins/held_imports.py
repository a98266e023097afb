"""Importing a library while optional packages it probes for at import time are held back.

Some libraries import an optional package at import time only to see whether it is installed, and use it
for something this project never asks of them (FastAPI's email_validator, stripe's default HTTP client).
Held back for that one import, the package costs nothing until code that does use it imports it.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType


def import_holding_back(module: str, *held: str) -> ModuleType:
    """Imports `module` with `held` unimportable, then importable again for whoever needs them later."""
    blocked = [name for name in held if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]  # an import of it raises ImportError
    try:
        return importlib.import_module(module)
    finally:
        for name in blocked:
            if sys.modules.get(name, ...) is None:
                del sys.modules[name]
