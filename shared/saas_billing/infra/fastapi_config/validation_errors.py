"""FastAPI's 422 for a request that fails its declared parameters or body, safe for any input.

FastAPI's own handler echoes each error's input through jsonable_encoder, which decodes bytes as UTF-8,
and Starlette's JSONResponse refuses what Python's json accepts but cannot write back: non-finite floats
(`NaN`, `Infinity`, `1e400`) and lone surrogates (`"\\ud800"`). A body carrying any of them made the
422 itself raise, so the client got a 500. Same answer and shape (the documented HTTPValidationError),
with what cannot be encoded replaced and non-finite numbers echoed as text ("NaN").
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from starlette.responses import JSONResponse

if TYPE_CHECKING:
    from fastapi import FastAPI, Request

NON_FINITE_NAMES = {math.inf: "Infinity", -math.inf: "-Infinity"}


def printable(value: Any) -> Any:
    """The value as UTF-8-safe text and finite numbers, however deeply nested."""
    if isinstance(value, bytes | bytearray):
        return value.decode("utf-8", "replace")
    if isinstance(value, str):
        return value.encode("utf-8", "replace").decode("utf-8")
    if isinstance(value, float) and not math.isfinite(value):
        return NON_FINITE_NAMES.get(value, "NaN")
    if isinstance(value, dict):
        return {printable(key): printable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [printable(item) for item in value]
    return value


async def request_validation_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return JSONResponse({"detail": jsonable_encoder(printable(list(exc.errors())))}, status_code=422)


def install_validation_error_handler(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, request_validation_handler)
