"""What a route declares next to itself for the OpenAPI document: its error answers and its body.

    @router.post("/v1/things", responses=errors(ThingNotFound, UpstreamError, ServiceUnavailable),
                 openapi_extra=body(ThingCreate, form=True))

`errors` takes the exceptions the route can raise (domain errors or AppErrors, as classes, or as
instances where the message differs from the default): each gives its status (the one mapping in
error_responses.py) and its message as the example, so the docs follow the code. Both build plain dicts: nothing here costs a cold start more than a few dict literals.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from saas_billing.infra.exception.errors import (
    AppError,
    BadRequest,
    Conflict,
    NotFound,
    ServiceUnavailable,
    UpstreamError,
)
from saas_billing.infra.fastapi_config.error_responses import status_of_kind

if TYPE_CHECKING:
    from pydantic import BaseModel

    from saas_billing.domain.errors import DomainError

SCHEMA_REF = "#/components/schemas/{model}"
ERROR_SCHEMA = "ErrorPublic"
FORM = "application/x-www-form-urlencoded"
FORM_REDIRECT = "A form post, done: to `next` (a same-site path); a failing one gets its form again"

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
RETRY_AFTER = {"Retry-After": {"description": "Seconds to wait, when given", "schema": {"type": "integer"}}}
HEADERS = {
    401: {"WWW-Authenticate": {"description": "`Bearer`", "schema": {"type": "string"}}},
    409: RETRY_AFTER,
    429: RETRY_AFTER,
    503: RETRY_AFTER,
}
# What any Stripe call can end in, as infra/external_api/service/stripe/errors.py words it (a test holds
# the two together; that module imports stripe, so the messages are repeated here rather than imported).
STRIPE_FAILURES = (
    BadRequest("The payment provider refused the request"),
    NotFound("The payment provider has no such object"),
    Conflict("A request with this idempotency key is still in progress; retry shortly"),
    Conflict("Keys for idempotent requests must be reused with the same parameters"),
    UpstreamError("Could not reach the payment provider"),
    UpstreamError("The payment provider rejected our credentials"),
    UpstreamError(),
    ServiceUnavailable("The payment provider is rate limiting requests; retry shortly"),
)
Cause = type["DomainError"] | type[AppError] | AppError
_schemas: dict[str, type[BaseModel]] = {}


def schema_ref(model: type[BaseModel]) -> dict[str, str]:
    """A reference to the model's schema, which the document then carries (openapi_document.py)."""
    _schemas[model.__name__] = model
    return {"$ref": SCHEMA_REF.format(model=model.__name__)}


def declared_schema(name: str) -> type[BaseModel] | None:
    return _schemas.get(name)


def errors(*causes: Cause) -> dict[int | str, dict[str, Any]]:
    """The `responses` of a route: per status, the error schema and each cause's message as an example."""
    by_status: dict[int, dict[str, str]] = {}
    for cause in causes:
        if isinstance(cause, AppError):
            status, name, detail = cause.status_code, type(cause).__name__, cause.detail
        else:
            status = cause.status_code if issubclass(cause, AppError) else status_of_kind(cause)
            name, detail = cause.__name__, cause.default_detail
        examples = by_status.setdefault(status, {})
        examples[name if name not in examples else f"{name}{len(examples) + 1}"] = detail
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
    model: type[BaseModel],
    *,
    form: bool | type[BaseModel] = False,
    json: bool = True,
    required: bool = True,
    redirects: bool = True,
) -> dict[str, Any]:
    """The `openapi_extra` of a route that reads its body itself: JSON as `model`, a form as `model` too
    (or as the model `form` names); a form that is answered with a 303 to `next` says so. The examples
    are the models' own (`json_schema_extra`)."""
    content = {}
    if json:
        content["application/json"] = {"schema": schema_ref(model)}
    if form:
        content[FORM] = {"schema": schema_ref(model if form is True else form)}
    extra: dict[str, Any] = {"requestBody": {"required": required, "content": content}}
    if form and redirects:
        extra["responses"] = {"303": {"description": FORM_REDIRECT}}
    return extra
