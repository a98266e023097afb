"""template.yaml and the functions' FastAPI apps must describe the same routes, handlers and layers."""

from __future__ import annotations

import importlib
import tomllib

import pytest

from scripts.template_model import ROOT, functions, layer_ids, load_template
from tests.support.ssm_grants import SSM_ARN

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


@pytest.mark.parametrize("spec", functions(), ids=lambda spec: spec.logical_id)
def test_every_function_publishes_a_version_when_a_layer_changes(spec):
    """The `live` alias keeps the layers of the version it serves: without these, a release of shared/
    alone would never be served (the rehearsal in tests/built/test_version_rehearsal.py proves it)."""
    template = load_template()
    assert template["Globals"]["Function"]["AutoPublishAlias"] == "live"
    assert template["Resources"][spec.logical_id]["Properties"]["AutoPublishAliasAllProperties"] is True
    for layer in spec.layers:
        assert template["Resources"][layer]["Properties"]["PublishLambdaVersion"] is True, layer


def _settings_statements(spec) -> dict[str, dict]:
    props = load_template()["Resources"][spec.logical_id]["Properties"]
    statements = [s for policy in props["Policies"] for s in policy["Statement"]]
    return {statement["Sid"]: statement for statement in statements}


def _names(arns) -> list[str]:
    return [arn["Sub"].removeprefix(SSM_ARN) for arn in arns]


@pytest.mark.parametrize("spec", functions(), ids=lambda spec: spec.logical_id)
def test_each_function_reads_exactly_its_declared_parameters(spec):
    """function_settings.py and the template's per-function IAM name the same parameters."""
    from saas_billing.infra.settings.function_settings import settings_for

    props = load_template()["Resources"][spec.logical_id]["Properties"]
    assert props["Environment"]["Variables"]["SETTINGS_FUNCTION"] == spec.group
    statements = _settings_statements(spec)
    read = statements["ReadOwnSettings"]
    assert read["Action"] == "ssm:GetParameters"
    assert _names(read["Resource"]) == list(settings_for(spec.group).names)
    decrypt = statements["DecryptOwnSettingsOnlyThroughSsm"]
    condition = decrypt["Condition"]["StringEquals"]
    assert _names(condition["kms:EncryptionContext:PARAMETER_ARN"]) == list(settings_for(spec.group).names)
    assert condition["kms:ViaService"] == {"Sub": "ssm.${AWS::Region}.amazonaws.com"}


# Retired settings a stage may still hold in SSM: no role may read them (nor decrypt them) any more.
RETIRED_PARAMETERS = {"jwt_secret", "jwt_previous_secret"}


def test_no_function_reads_a_retired_setting():
    """The built tier checks that each role may read exactly its function's settings, in every IAM
    resource of the stack (tests/built/test_template_ssm_grants.py)."""
    from saas_billing.infra.settings.function_settings import FUNCTION_SETTINGS

    assert {
        name for needs in FUNCTION_SETTINGS.values() for name in needs.names
    } & RETIRED_PARAMETERS == set()


def test_every_declared_group_is_a_function_and_fits_one_call():
    from saas_billing.infra.settings.app_settings import AppSettings
    from saas_billing.infra.settings.function_settings import FUNCTION_SETTINGS, MAX_NAMES_PER_CALL

    assert set(FUNCTION_SETTINGS) == {spec.group for spec in functions()}
    for needs in FUNCTION_SETTINGS.values():
        assert len(needs.names) <= MAX_NAMES_PER_CALL
        assert set(needs.names) <= set(AppSettings.model_fields)
