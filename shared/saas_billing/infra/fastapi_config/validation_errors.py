"""FastAPI's 422 for a request that fails its declared parameters or body, in the one error shape.

Every error a client gets is `{"detail": "<sentence>"}`; a 422 adds `errors`, one entry per problem
(`loc`, `msg`, `type`) for clients that point at fields. FastAPI's own list-shaped `detail` broke that
promise, and its handler echoed each error's input: decoded as UTF-8 and written back as JSON, which
Starlette refuses for non-finite floats (`NaN`, `1e400`) and lone surrogates (`"\\ud800"`), so such a
body made the 422 itself a 500. The submitted value (maybe a password) is never echoed here; what is
(locations and messages) is made UTF-8-safe.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi.exceptions import RequestValidationError
from starlette.responses import JSONResponse, Response

from saas_billing.infra.fastapi_config.error_responses import HttpFailure, answer

if TYPE_CHECKING:
    from fastapi import FastAPI, Request

MAX_PROBLEMS = 20  # a body of thousands of bad fields gets the first ones, not an answer as large


def printable(value: Any) -> str | int:
    """A location part or message as UTF-8-safe text (list indexes stay numbers)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = value.decode("utf-8", "replace") if isinstance(value, bytes | bytearray) else str(value)
    return text.encode("utf-8", "replace").decode("utf-8")


def field_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    return [
        {
            "loc": [printable(part) for part in problem.get("loc", ())],
            "msg": printable(problem.get("msg", "")),
            "type": printable(problem.get("type", "")),
        }
        for problem in list(exc.errors())[:MAX_PROBLEMS]
    ]


def sentence(errors: list[dict[str, Any]]) -> str:
    """E.g. "query.limit: Input should be greater than or equal to 1"."""
    parts = [
        f"{'.'.join(str(part) for part in error['loc']) or 'request'}: {error['msg']}" for error in errors
    ]
    return "; ".join(parts) or "The request is invalid"


async def request_validation_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = field_errors(exc)
    from saas_billing.routes.depends.body_dep import is_browser_request

    if is_browser_request(request):  # a browser gets the page error_responses gives it
        return answer(request, HttpFailure(422, sentence(errors)))
    return JSONResponse({"detail": sentence(errors), "errors": errors}, status_code=422)


def install_validation_error_handler(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, request_validation_handler)
