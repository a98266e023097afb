"""template.yaml and the functions' FastAPI apps must describe the same routes, handlers and layers."""

from __future__ import annotations

import importlib
import tomllib

import pytest

from scripts.template_model import ROOT, functions, layer_ids, load_template

HTTP_FUNCTIONS = [spec for spec in functions() if spec.routes]


def app_routes(spec) -> set[tuple[str, str]]:
    """Read from the app's OpenAPI document, the public view of what it serves (keep routes in schema)."""
    app = importlib.import_module(spec.module).app
    app.openapi_schema = None
    paths = app.openapi()["paths"]
    return {(method.upper(), path) for path, operations in paths.items() for method in operations}


@pytest.mark.parametrize("spec", HTTP_FUNCTIONS, ids=lambda spec: spec.logical_id)
def test_every_app_route_has_an_http_api_event_and_the_reverse(spec):
    declared = {(route.method, route.path) for route in spec.routes}
    served = app_routes(spec)
    assert served - declared == set(), "routes the function serves but API Gateway would not send it"
    assert declared - served == set(), "HttpApi events the function's app does not serve"


@pytest.mark.parametrize("spec", functions(), ids=lambda spec: spec.logical_id)
def test_every_handler_resolves_to_a_callable(spec):
    module = importlib.import_module(spec.module)
    assert callable(getattr(module, spec.attribute))
    assert module.__file__.startswith(str(spec.code_dir))


@pytest.mark.parametrize("spec", functions(), ids=lambda spec: spec.logical_id)
def test_every_function_has_both_layers(spec):
    assert set(spec.layers) >= {"DependenciesLayer", "SharedLayer"}
    assert set(layer_ids()) >= {"DependenciesLayer", "SharedLayer"}


@pytest.mark.parametrize("spec", functions(), ids=lambda spec: spec.logical_id)
def test_function_folders_hold_only_their_handler_and_routes(spec):
    files = {p.name for p in spec.code_dir.iterdir() if p.name != "__pycache__"}
    assert files <= {f"{spec.group}_handler.py", f"{spec.group}_routes.py"}


def test_every_function_folder_is_on_the_test_path():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    paths = set(config["tool"]["pytest"]["ini_options"]["pythonpath"])
    for spec in functions():
        assert str(spec.code_dir.relative_to(ROOT)) in paths


def test_no_two_routes_collide_across_functions():
    seen: dict[tuple[str, str], str] = {}
    for spec in HTTP_FUNCTIONS:
        for route in spec.routes:
            key = (route.method, route.path)
            assert key not in seen, f"{key} is declared by {seen.get(key)} and {spec.logical_id}"
            seen[key] = spec.logical_id


@pytest.mark.parametrize("spec", functions(), ids=lambda spec: spec.logical_id)
def test_every_function_is_built_with_bytecode(spec):
    metadata = load_template()["Resources"][spec.logical_id].get("Metadata", {})
    assert metadata == {"BuildMethod": "makefile", "ContextPath": "functions/"}
