"""The OpenAPI document, of the dev server's app and of each function's: every route documents who may
call it, what it takes, how it fails (in the one error shape) and an example of each, and the examples
are true to their schemas. `problems` is the rule a new route is held to (its docs are declared next to
it: routes/depends/auth_dep.py gives security, openapi_declarations.py errors and bodies)."""

from __future__ import annotations

import inspect
from typing import Any

import pytest
from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute, iter_route_contexts
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from pydantic import BaseModel
from starlette.requests import Request

from saas_billing.infra.fastapi_config.app_factory import create_app
from saas_billing.infra.settings.loader import get_settings
from saas_billing.routes.depends.auth_dep import CurrentUser
from scripts.dev_server import build_dev_app, import_handler_module
from scripts.template_model import functions


class Thing(BaseModel):
    id: str


FLOW = ["auth", "catalog", "checkout", "subscriptions", "customers", "api-keys", "service", "webhooks"]
ERROR_REF = "#/components/schemas/ErrorPublic"
READS_BODY = ("read_entry(", "parse_form_or_json(", "request.body(", "request.form(", "request.json(")
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def function_apps() -> dict[str, FastAPI]:
    apps = {}
    for spec in functions():
        app = getattr(import_handler_module(spec), "app", None)
        if isinstance(app, FastAPI):
            apps[spec.logical_id] = app
    return apps


APPS = {"dev": build_dev_app, **{name: (lambda app=app: app) for name, app in function_apps().items()}}


@pytest.fixture(params=sorted(APPS), scope="module")
def app(request) -> FastAPI:
    return APPS[request.param]()


def media_types(operation: dict[str, Any]):
    """(where, media type object) for the request body and every response."""
    for media_type, media in (operation.get("requestBody") or {}).get("content", {}).items():
        yield f"request {media_type}", media
    for status, response in operation["responses"].items():
        for media_type, media in response.get("content", {}).items():
            yield f"{status} {media_type}", media


def has_example(media: dict[str, Any], components: dict[str, Any]) -> bool:
    """On the media type, or on the schema it names (FastAPI writes an optional body as anyOf [ref, null])."""
    if "example" in media or "examples" in media:
        return True
    schema = media.get("schema", {})
    refs = [part.get("$ref", "") for part in [schema, *schema.get("anyOf", [])]]
    named = components.get("schemas", {})
    return any(named.get(ref.rsplit("/", 1)[-1], {}).get("examples") for ref in refs if ref)


def problems(app: FastAPI) -> list[str]:
    """What a route of this app leaves undocumented; empty when every route declares its docs."""
    spec = app.openapi()
    found = []
    for route in iter_route_contexts(app.routes):
        if isinstance(route.original_route, APIRoute) and route.include_in_schema:
            for method in route.methods:
                operation = spec["paths"][route.path_format][method.lower()]
                found += [
                    f"{method} {route.path_format}: {problem}"
                    for problem in operation_problems(route, method, operation, spec.get("components", {}))
                ]
    return found


def operation_problems(route, method: str, operation: dict[str, Any], components: dict[str, Any]):
    responses = operation["responses"]
    if not operation.get("description"):
        yield "no description (a docstring)"
    if "security" not in operation:
        yield "no security requirement"
    if any(s[0] == "2" and "application/json" in r.get("content", {}) for s, r in responses.items()):
        errors = {status: response for status, response in responses.items() if status[0] in "45"}
        if not errors:
            yield "no error responses declared (openapi_declarations.errors)"
        for status, response in errors.items():
            if (
                response.get("content", {}).get("application/json", {}).get("schema", {}).get("$ref")
                != ERROR_REF
            ):
                yield f"{status} is not documented as ErrorPublic"
    security = operation.get("security") or []
    if any(security) and {} not in security and "401" not in responses:
        yield "needs sign-in but documents no 401"
    source = inspect.getsource(route.endpoint)
    reads = route.body_field is not None or any(call in source for call in READS_BODY)
    if method in UNSAFE and reads and not operation.get("requestBody", {}).get("content"):
        yield "reads a body but documents none (openapi_declarations.body)"
    for where, media in media_types(operation):
        if "json" in where and not has_example(media, components):
            yield f"{where} has no example"


def test_every_route_declares_its_docs(app):
    assert problems(app) == []


def test_a_route_without_declarations_is_caught():
    """The rule above can fail: a JSON route that reads a body, needs sign-in and declares nothing.
    (Sign-in alone documents its 401 and 403; a public route declaring no errors is caught too.)"""
    router = APIRouter(tags=["things"])

    @router.post("/v1/things/{thing_id}/change", response_model=Thing)
    async def change_thing(thing_id: str, request: Request, user: CurrentUser) -> Thing:
        await request.body()

    @router.get("/v1/things", response_model=Thing)
    async def list_things() -> Thing:
        """Declares no error answers."""

    found = problems(create_app(router, title="test"))
    assert any("GET /v1/things: no error responses declared" in problem for problem in found), found
    assert any("no description" in problem for problem in found), found
    assert any("reads a body but documents none" in problem for problem in found), found
    assert any("200 application/json has no example" in problem for problem in found), found


def test_the_document_is_valid_openapi(app):
    validate(app.openapi())


def all_examples(spec: dict[str, Any]):
    """(where, schema, example) for every example in operations and in component schemas."""
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            for where, media in media_types(operation):
                schema = media.get("schema", {})
                if "example" in media:
                    yield f"{method.upper()} {path} {where}", schema, media["example"]
                for name, example in media.get("examples", {}).items():
                    yield f"{method.upper()} {path} {where} {name}", schema, example["value"]
    for name, schema in spec.get("components", {}).get("schemas", {}).items():
        for index, example in enumerate(schema.get("examples", [])):
            yield f"schema {name} example {index}", schema, example


def test_every_example_validates_against_its_schema(app):
    spec = app.openapi()
    components = spec.get("components", {})
    checked = 0
    for where, schema, example in all_examples(spec):
        errors = list(Draft202012Validator({**schema, "components": components}).iter_errors(example))
        assert not errors, f"{where}: {errors[0].message}"
        checked += 1
    assert checked >= 3  # the smallest function's: its body or answer, and the error schema's


def test_tags_follow_the_flow_with_descriptions_and_the_title_names_the_product():
    spec = build_dev_app().openapi()
    assert [tag["name"] for tag in spec["tags"]] == FLOW
    assert all(tag["description"] for tag in spec["tags"])
    assert spec["info"]["title"].startswith(get_settings().product_name)
    assert spec["info"]["version"] and '{"detail"' in spec["info"]["description"]


def test_authorize_offers_the_bearer_token_and_the_session_cookie_per_route():
    spec = build_dev_app().openapi()
    schemes = spec["components"]["securitySchemes"]
    assert schemes["bearerAuth"] == {**schemes["bearerAuth"], "type": "http", "scheme": "bearer"}
    assert (schemes["sessionCookie"]["type"], schemes["sessionCookie"]["in"]) == ("apiKey", "cookie")
    signed_in = [{"bearerAuth": []}, {"sessionCookie": []}]
    paths = spec["paths"]
    assert paths["/v1/auth/me"]["get"]["security"] == signed_in
    assert paths["/v1/subscriptions/{subscription_id}"]["delete"]["security"] == signed_in
    assert paths["/v1/customers"]["get"]["security"] == signed_in
    assert "403" in paths["/v1/customers"]["get"]["responses"]  # admins only
    assert paths["/v1/checkout/sessions"]["post"]["security"] == [
        {},
        *signed_in,
    ]  # a visitor is sent to sign in
    assert paths["/v1/products"]["get"]["security"] == []
    assert paths["/v1/auth/login"]["post"]["security"] == []


@pytest.mark.parametrize(
    ("path", "content_types"),
    [
        ("/v1/auth/register", {"application/json", "application/x-www-form-urlencoded"}),
        ("/v1/auth/login", {"application/json", "application/x-www-form-urlencoded"}),
        ("/v1/auth/refresh", {"application/json"}),
        ("/v1/checkout/sessions", {"application/json", "application/x-www-form-urlencoded"}),
        ("/v1/billing/portal", {"application/json", "application/x-www-form-urlencoded"}),
        (
            "/v1/subscriptions/{subscription_id}/change",
            {"application/json", "application/x-www-form-urlencoded"},
        ),
    ],
)
def test_the_request_bodies_the_issue_names_are_documented(path, content_types):
    body = build_dev_app().openapi()["paths"][path]["post"]["requestBody"]
    assert set(body["content"]) == content_types


def test_the_documented_422_is_the_one_error_shape():
    spec = build_dev_app().openapi()
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    response = spec["paths"]["/v1/subscriptions"]["get"]["responses"]["422"]
    assert response["content"]["application/json"]["schema"] == {"$ref": ERROR_REF}
