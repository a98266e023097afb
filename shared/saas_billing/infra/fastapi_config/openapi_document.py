"""The OpenAPI document of a function's app and of the dev server's: FastAPI's, completed.

Each route declares its own docs next to it (openapi_declarations.py: error responses, request bodies;
its auth dependency: security); this adds what follows from the app as a whole: product name and version, tag descriptions
in flow order, the security schemes and each route's security (from its auth dependency), the one error
schema in place of FastAPI's list-shaped 422, and the schemas the declarations name. It runs only when
the document is asked for (the dev server, tests), never on a function's cold start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from saas_billing.domain.auth_errors import AdminRequired, CrossSiteRequest, NotAuthenticated
from saas_billing.infra.fastapi_config.openapi_declarations import (
    SCHEMA_REF,
    declared_schema,
    error_response,
    errors,
    schema_ref,
)
from saas_billing.infra.fastapi_config.openapi_metadata import DESCRIPTION, SECURITY, SECURITY_SCHEMES, TAGS

if TYPE_CHECKING:
    from fastapi import FastAPI
    from fastapi.dependencies.models import Dependant

API_VERSION = "1.0.0"
FASTAPI_422 = ("HTTPValidationError", "ValidationError")
MALFORMED = "There was an error parsing the body"


def install_openapi(app: FastAPI, product_name: str, group: str | None) -> None:
    """Metadata now (cheap); the document itself when first asked for."""
    app.title = f"{product_name} API" + (f" ({group})" if group else "")
    app.version = API_VERSION
    app.description = DESCRIPTION

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = build_openapi(app)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def build_openapi(app: FastAPI) -> dict[str, Any]:
    from fastapi.openapi.utils import get_openapi
    from fastapi.routing import APIRoute, iter_route_contexts

    spec = get_openapi(
        title=app.title, version=app.version, description=app.description, routes=app.routes, tags=TAGS
    )
    used = {tag for operations in spec.get("paths", {}).values() for op in operations.values()
            for tag in op.get("tags", [])}  # fmt: skip
    spec["tags"] = [tag for tag in TAGS if tag["name"] in used]
    components = spec.setdefault("components", {})
    components["securitySchemes"] = SECURITY_SCHEMES
    for route in iter_route_contexts(app.routes):  # included routers' routes too, with their prefixes
        if isinstance(route.original_route, APIRoute) and route.include_in_schema:
            for method in route.methods:
                operation = spec["paths"][route.path_format][method.lower()]
                _add_security(operation, _security_of(route.dependant), method)
                if route.body_field is not None:  # FastAPI's own answer to a body it cannot parse
                    operation["responses"].setdefault(
                        "400", error_response(400, {"MalformedBody": MALFORMED})
                    )
    _one_error_schema(spec)
    _add_named_schemas(spec)
    return spec


def _add_security(operation: dict[str, Any], kind: str | None, method: str) -> None:
    """Its requirement, and the answers it brings: 401 signed out, 403 for a user on an admin route or a
    cookie-authenticated unsafe request from another site's Origin."""
    operation.setdefault("security", SECURITY.get(kind, []))
    responses = operation["responses"]
    if kind in ("signed_in", "admin"):
        responses.setdefault("401", errors(NotAuthenticated)[401])
    forbidden = [AdminRequired] if kind == "admin" else []
    if kind and method not in ("GET", "HEAD", "OPTIONS"):
        forbidden.append(CrossSiteRequest)
    if forbidden:
        responses.setdefault("403", errors(*forbidden)[403])


def _security_of(dependant: Dependant) -> str | None:
    """The strictest `openapi_security` among the route's dependencies, however deep."""
    found = {getattr(dependency.call, "openapi_security", None) for dependency in _walk(dependant)}
    return next((kind for kind in ("admin", "signed_in", "api_key", "optional") if kind in found), None)


def _walk(dependant: Dependant):
    for dependency in dependant.dependencies:
        yield dependency
        yield from _walk(dependency)


def _one_error_schema(spec: dict[str, Any]) -> None:
    """FastAPI documents its 422 as a list in `detail`; ours is the one error shape (ErrorPublic)."""
    from saas_billing.models.schemas.error_public import ErrorPublic

    ref = schema_ref(ErrorPublic)
    fastapi_ref = SCHEMA_REF.format(model=FASTAPI_422[0])
    for operations in spec.get("paths", {}).values():
        for operation in operations.values():
            response = operation.get("responses", {}).get("422")
            media = (response or {}).get("content", {}).get("application/json", {})
            if media.get("schema", {}).get("$ref") == fastapi_ref:
                response["description"] = "A parameter or body field is invalid"
                media["schema"] = ref
                media["example"] = ErrorPublic.model_config["json_schema_extra"]["examples"][1]
    for name in FASTAPI_422:
        spec.get("components", {}).get("schemas", {}).pop(name, None)


def _add_named_schemas(spec: dict[str, Any]) -> None:
    """The schemas declarations refer to that FastAPI did not write (bodies it does not parse itself)."""
    schemas = spec["components"].setdefault("schemas", {})
    missing = {name for name in _referenced(spec) if name not in schemas}
    while missing:
        name = missing.pop()
        model = declared_schema(name)
        if model is None:
            raise LookupError(f"the OpenAPI document refers to {name}, which no declaration named")
        schema = model.model_json_schema(ref_template=SCHEMA_REF)
        for nested, definition in schema.pop("$defs", {}).items():
            schemas.setdefault(nested, definition)
        schemas[name] = schema
        missing |= {ref for ref in _referenced(schema) if ref not in schemas}


def _referenced(node: Any) -> set[str]:
    prefix = SCHEMA_REF.format(model="")
    if isinstance(node, dict):
        found = {node["$ref"][len(prefix) :]} if str(node.get("$ref", "")).startswith(prefix) else set()
        return found.union(*(_referenced(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(_referenced(value) for value in node))
    return set()
