"""Reads a body that may come from an HTML form or a JSON client into one pydantic model.

A plain helper, not a dependency: page routes call it inside their own try so a bad form can be
answered with a page instead of JSON.
"""

from __future__ import annotations

from fastapi import Request
from pydantic import BaseModel, ValidationError

from saas_billing.infra.exception.errors import BadRequest
from saas_billing.infra.mixins.client_input import MalformedJson, parse_json
from saas_billing.routes.depends.form_fields import MalformedForm, form_fields

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def is_json_request(request: Request) -> bool:
    return request.headers.get("content-type", "").split(";")[0].strip().lower() == "application/json"


def is_json_client(request: Request) -> bool:
    """Who gets JSON (errors included) rather than a page. An Accept naming JSON or HTML decides; else a
    bearer token or a JSON body makes a JSON client. A browser's form post (cookies, Accept: text/html)
    keeps its pages; curl with a token and no Accept gets JSON."""
    accept = request.headers.get("accept", "").lower()
    if "application/json" in accept:
        return True
    if "text/html" in accept:
        return False
    scheme = request.headers.get("authorization", "").partition(" ")[0]
    return scheme.lower() == "bearer" or is_json_request(request)  # as read_credentials reads a bearer


def is_browser_request(request: Request) -> bool:
    """A browser's page or form (an HTML Accept, or a form body) that is not a JSON client: its failures
    are answered with a page. A client that says neither (curl, the fuzz test) keeps JSON."""
    if is_json_client(request):
        return False
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    return "text/html" in request.headers.get("accept", "").lower() or content_type in FORM_TYPES


async def parse_form_or_json[M: BaseModel](request: Request, model: type[M]) -> M:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/json":
        try:
            data = parse_json(await request.body() or b"null")
        except MalformedJson as error:
            raise BadRequest(f"The body {error}") from error
        if not isinstance(data, dict):
            raise BadRequest("The JSON body must be an object")
    elif content_type in FORM_TYPES:
        try:
            data = await form_fields(request)
        except MalformedForm as error:
            raise BadRequest(f"The body {error}") from error
    else:
        raise BadRequest("Send the body as a form or as JSON (Content-Type: application/json)")
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise BadRequest(_describe(error)) from error


def _describe(error: ValidationError) -> str:
    """One readable sentence per problem, e.g. "email: value is not a valid email address"."""
    parts = []
    for problem in error.errors():
        field = ".".join(str(part) for part in problem["loc"]) or "body"
        message = problem["msg"]
        if problem["type"] == "missing":
            message = "is required"
        parts.append(f"{field}: {message}")
    return "; ".join(parts)
