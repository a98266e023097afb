"""FastAPI's 422 for a request that fails its declared parameters or body, safe for any bytes.

FastAPI's own handler echoes each error's input through jsonable_encoder, which decodes bytes as UTF-8:
a body that is not UTF-8 and not JSON (`\\x80` as text/plain) made the 422 itself raise, so the client
got a 500. Same answer and shape (the documented HTTPValidationError), undecodable bytes replaced.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from starlette.responses import JSONResponse

if TYPE_CHECKING:
    from fastapi import FastAPI, Request


def _printable(value: Any) -> Any:
    return value.decode("utf-8", "replace") if isinstance(value, bytes | bytearray) else value


async def request_validation_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [
        {**error, "input": _printable(error["input"])} if "input" in error else error
        for error in exc.errors()
    ]
    return JSONResponse({"detail": jsonable_encoder(errors)}, status_code=422)


def install_validation_error_handler(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, request_validation_handler)
