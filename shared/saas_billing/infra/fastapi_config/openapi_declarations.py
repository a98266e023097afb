"""What a route declares next to itself for the OpenAPI document: its error answers and its body.

    @router.post("/v1/things", responses=errors(ThingNotFound, UpstreamError, ServiceUnavailable),
                 openapi_extra=body(ThingCreate, form=True))

`errors` takes the exceptions the route can raise (domain errors or AppErrors): each gives its status
(the one mapping in error_responses.py) and its default message as the example, so the docs follow the
code. Both build plain dicts: nothing here costs a cold start more than a few dict literals.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from saas_billing.infra.exception.errors import AppError
from saas_billing.infra.fastapi_config.error_responses import status_of_kind

if TYPE_CHECKING:
    from pydantic import BaseModel

    from saas_billing.domain.errors import DomainError

SCHEMA_REF = "#/components/schemas/{model}"
ERROR_SCHEMA = "ErrorPublic"
FORM = "application/x-www-form-urlencoded"

DESCRIPTIONS = {
    400: "The request cannot be done as asked (the detail says why)",
    401: "Not signed in, or the session ended: log in again (or refresh the access token)",
    403: "Signed in, but not allowed to do this",
    404: "No such thing, or not one you may see (the two look the same)",
    409: "It collides with the current state; the detail says whether retrying can help",
    415: "The body is neither JSON nor a form",
    422: "A parameter or body field is invalid",
    429: "Too many attempts: wait the Retry-After seconds",
    500: "Nothing was recorded; retrying is safe",
    502: "The payment provider (Stripe) failed or could not be reached; retry shortly",
    503: "The database is unreachable; retry shortly",
}
HEADERS = {
    401: {"WWW-Authenticate": {"description": "`Bearer`", "schema": {"type": "string"}}},
    429: {"Retry-After": {"description": "Seconds to wait", "schema": {"type": "integer"}}},
}
_schemas: dict[str, type[BaseModel]] = {}


def schema_ref(model: type[BaseModel]) -> dict[str, str]:
    """A reference to the model's schema, which the document then carries (openapi_document.py)."""
    _schemas[model.__name__] = model
    return {"$ref": SCHEMA_REF.format(model=model.__name__)}


def declared_schema(name: str) -> type[BaseModel] | None:
    return _schemas.get(name)


def errors(*causes: type[DomainError] | type[AppError]) -> dict[int | str, dict[str, Any]]:
    """The `responses` of a route: per status, the error schema and each cause's message as an example."""
    by_status: dict[int, dict[str, str]] = {}
    for cause in causes:
        status = cause.status_code if issubclass(cause, AppError) else status_of_kind(cause)
        by_status.setdefault(status, {})[cause.__name__] = cause.default_detail
    return {status: error_response(status, examples) for status, examples in sorted(by_status.items())}


def error_response(status: int, examples: dict[str, str]) -> dict[str, Any]:
    media: dict[str, Any] = {"schema": {"$ref": SCHEMA_REF.format(model=ERROR_SCHEMA)}}
    if len(examples) == 1:
        media["example"] = {"detail": next(iter(examples.values()))}
    else:
        media["examples"] = {name: {"value": {"detail": text}} for name, text in examples.items()}
    response: dict[str, Any] = {"description": DESCRIPTIONS[status], "content": {"application/json": media}}
    if status in HEADERS:
        response["headers"] = HEADERS[status]
    return response


def body(
    model: type[BaseModel], *, form: bool = False, json: bool = True, required: bool = True
) -> dict[str, Any]:
    """The `openapi_extra` of a route that reads its body itself (a form or JSON, from one model); the
    examples are the model's own (`json_schema_extra`)."""
    ref = schema_ref(model)
    content = {}
    if json:
        content["application/json"] = {"schema": ref}
    if form:
        content[FORM] = {"schema": ref}
    return {"requestBody": {"required": required, "content": content}}
