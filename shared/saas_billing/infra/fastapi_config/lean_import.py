"""FastAPI without the optional packages it imports only because they are installed.

fastapi.openapi.models imports email_validator (~20 ms) to type the OpenAPI contact email, and
starlette.formparsers imports python_multipart, whenever they are importable. The functions serve no
OpenAPI document, validate emails through domain/email_address.py (which imports email_validator when a
route first takes an address), and only the functions with form routes parse forms. A handler imports
one of the two modules below before anything else, so the cold path pays only for what its routes use.
"""

from __future__ import annotations

import sys


def import_fastapi_without(*optional: str) -> None:
    """Imports fastapi with `optional` unimportable, then importable again for whoever needs them later."""
    blocked = [name for name in optional if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]  # an import of it raises ImportError
    try:
        import fastapi  # noqa: F401
    finally:
        for name in blocked:
            if sys.modules.get(name, ...) is None:
                del sys.modules[name]
