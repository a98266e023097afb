"""A deploy rehearsal, offline: the built template through the SAM transform for dev and prod, the
CloudFormation checked, and every built function cold-started against moto's SSM holding only its own
parameters. (`sam deploy` against moto proves nothing: moto skips every SAM resource.)"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator

import pytest
import yaml

from scripts.invoke_built import BUILD_DIR, BuiltFunction, InvokeError, built_root
from scripts.local_aws import (
    REQUIRED_SECRETS,
    deployed_env,
    free_port,
    moto_server,
    put_parameters,
    reset_moto,
)
from scripts.template_model import functions, load_template
from tests.built.test_deployed_mode import CountingProxy
from tests.support.lambda_events import load_event
from tests.support.sam_batch import deploy_parameters, transformed_stages
from tests.support.ssm_grants import SSM_ARN

pytestmark = pytest.mark.built

# One event per function that its app answers with Stripe unreachable and nobody signed in.
SERVES = {
    "CatalogFunction": ("catalog/list_products.json", 502),
    "CheckoutFunction": ("checkout/cancel_page.json", 200),
    "SubscriptionsFunction": ("subscriptions/list_subscriptions_anonymous.json", 401),
    "CustomersFunction": ("customers/delete_all_customers_anonymous.json", 401),
    "AuthFunction": ("auth/me_anonymous.json", 401),
    "WebhooksFunction": ("webhooks/01_customer_subscription_updated.json", 400),
}


@pytest.fixture(scope="module")
def stacks() -> dict[str, dict]:
    stacks = transformed_stages(yaml.safe_load((BUILD_DIR / "template.yaml").read_text()))
    assert {stage: deploy_parameters(stage)["Stage"] for stage in stacks} == {"dev": "dev", "prod": "prod"}
    return stacks


def nulls(value, where: str = "") -> list[str]:
    """Where a value is null: CloudFormation refuses a template with any, and neither cfn-lint nor moto says so."""
    if value is None:
        return [where]
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in nulls(item, f"{where}/{key}")]
    if isinstance(value, list):
        return [found for index, item in enumerate(value) for found in nulls(item, f"{where}/{index}")]
    return []


@pytest.mark.parametrize("stage", ["dev", "prod"])
def test_the_transformed_template_has_no_null_value(stacks, stage):
    assert nulls(stacks[stage]) == []


def test_the_stage_has_no_default_so_a_forgotten_override_fails_the_deploy():
    """SAM replaces samconfig's parameter_overrides with the command line's: a default would quietly make
    a stack named for prod with Stage=dev."""
    from scripts.template_model import load_template

    assert "Default" not in load_template()["Parameters"]["Stage"]


def of_type(resources: dict, kind: str) -> dict:
    return {logical_id: r for logical_id, r in resources.items() if r["Type"] == kind}


def role_statements(resources: dict, function: str) -> list[dict]:
    role = resources[f"{function}Role"]["Properties"]
    return [s for policy in role.get("Policies", []) for s in policy["PolicyDocument"]["Statement"]]


def parameter_names(arns: list) -> list[str]:
    return [arn["Fn::Sub"].removeprefix(SSM_ARN) for arn in arns]


def env_of(resources: dict, function: str) -> dict:
    return resources[function]["Properties"]["Environment"]["Variables"]


@pytest.mark.parametrize("stage", ["dev", "prod"])
def test_each_route_goes_to_its_function_with_one_permission(stacks, stage):
    resources = stacks[stage]
    paths = resources["HttpApi"]["Properties"]["Body"]["paths"]
    permissions = of_type(resources, "AWS::Lambda::Permission")
    for spec in functions():
        for route in spec.routes:
            uri = json.dumps(
                paths[route.path][route.method.lower()]["x-amazon-apigateway-integration"]["uri"]
            )
            assert f"{spec.logical_id}Aliaslive" in uri, (route, uri)
        own = [p for p in permissions.values() if f"{spec.logical_id}Aliaslive" in json.dumps(p)]
        assert len(own) == len(spec.routes) + (1 if spec.schedule else 0), spec.logical_id


@pytest.mark.parametrize("stage", ["dev", "prod"])
def test_each_role_reads_exactly_its_parameters_and_decrypts_only_through_ssm(stacks, stage):
    from saas_billing.infra.settings.function_settings import settings_for

    resources = stacks[stage]
    for spec in functions():
        names = list(settings_for(spec.group).names)
        statements = role_statements(resources, spec.logical_id)
        ssm = [s for s in statements if any(str(a).startswith("ssm:") for a in _list(s["Action"]))]
        assert len(ssm) == 1 and _list(ssm[0]["Action"]) == ["ssm:GetParameters"], spec.logical_id
        assert parameter_names(ssm[0]["Resource"]) == names
        [kms] = [s for s in statements if "kms:Decrypt" in _list(s["Action"])]
        condition = kms["Condition"]["StringEquals"]
        assert parameter_names(condition["kms:EncryptionContext:PARAMETER_ARN"]) == names
        assert "kms:ViaService" in condition
        assert env_of(resources, spec.logical_id)["SETTINGS_FUNCTION"] == spec.group
    assert "stripe_webhook_secret" not in json.dumps(role_statements(resources, "CatalogFunction"))


def _list(value) -> list:
    return value if isinstance(value, list) else [value]


def test_operations_resources_exist(stacks):
    resources = stacks["dev"]
    alarms = of_type(resources, "AWS::CloudWatch::Alarm")
    for spec in functions():
        group = spec.group.capitalize()
        assert {f"{group}ErrorsAlarm", f"{group}ThrottlesAlarm"} <= set(alarms)
        log_group = resources[spec.logical_id]["Properties"]["LoggingConfig"]["LogGroup"]
        assert resources[log_group["Ref"]]["Properties"]["RetentionInDays"] == {"Ref": "LogRetentionDays"}
    assert alarms["WebhooksErrorsAlarm"]["Properties"]["Threshold"] == 1
    assert alarms["CatalogErrorsAlarm"]["Properties"]["Threshold"] > 1
    assert {"Api5xxRateAlarm", "ReconcileNotSucceedingAlarm", "WebhookSignatureFailuresAlarm"} <= set(alarms)
    assert alarms["ReconcileNotSucceedingAlarm"]["Properties"]["TreatMissingData"] == "breaching"

    [stage] = of_type(resources, "AWS::ApiGatewayV2::Stage").values()
    props = stage["Properties"]
    assert props["DefaultRouteSettings"]["ThrottlingRateLimit"] == {"Ref": "ApiRateLimit"}
    assert {"POST /v1/auth/login", "POST /v1/auth/register"} <= set(props["RouteSettings"])
    assert props["AccessLogSettings"]["DestinationArn"] == {"Fn::GetAtt": ["ApiAccessLogGroup", "Arn"]}
    assert json.loads(props["AccessLogSettings"]["Format"])["requestId"] == "$context.requestId"
    assert resources["ApiAccessLogGroup"]["Properties"]["RetentionInDays"] == {"Ref": "LogRetentionDays"}

    concurrency = {
        s.logical_id: resources[s.logical_id]["Properties"].get("ReservedConcurrentExecutions")
        for s in functions()
    }
    assert concurrency["ReconcileFunction"] == 1
    assert concurrency["WebhooksFunction"] == {"Ref": "WebhooksReservedConcurrency"}
    assert concurrency["AuthFunction"] == {"Ref": "AuthReservedConcurrency"}

    [rule] = of_type(resources, "AWS::Events::Rule").values()
    [target] = rule["Properties"]["Targets"]
    assert target["RetryPolicy"]["MaximumRetryAttempts"] >= 1
    assert target["DeadLetterConfig"]["Arn"] == {"Fn::GetAtt": ["ReconcileFailureQueue", "Arn"]}
    [invoke_config] = of_type(resources, "AWS::Lambda::EventInvokeConfig").values()
    on_failure = invoke_config["Properties"]["DestinationConfig"]["OnFailure"]["Destination"]
    assert on_failure == {"Fn::GetAtt": ["ReconcileFailureQueue", "Arn"]}
    for layer in of_type(resources, "AWS::Lambda::LayerVersion").values():
        assert layer["DeletionPolicy"] == "Delete"


def test_prod_shifts_traffic_gradually_and_dev_all_at_once(stacks):
    for spec in functions():
        for stage in ("dev", "prod"):
            assert f"{spec.logical_id}Aliaslive" in stacks[stage]
        alias = stacks["prod"][f"{spec.logical_id}Aliaslive"]
        assert "CodeDeployLambdaAliasUpdate" in alias["UpdatePolicy"]
        group = stacks["prod"][f"{spec.logical_id}DeploymentGroup"]["Properties"]
        assert group["DeploymentConfigName"]["Fn::Sub"][1]["ConfigName"] == "Canary10Percent5Minutes"
        rollback = {a["Name"]["Ref"] for a in group["AlarmConfiguration"]["Alarms"]}
        assert f"{spec.group.capitalize()}ErrorsAlarm" in rollback
        assert "UpdatePolicy" not in stacks["dev"][f"{spec.logical_id}Aliaslive"]
    assert not of_type(stacks["dev"], "AWS::CodeDeploy::DeploymentGroup")


def test_snapstart_is_on_for_prod_versions_only(stacks):
    """The condition on the SnapStart parameter, evaluated with each stage's samconfig overrides."""
    condition = load_template()["Conditions"]["UseSnapStart"]
    assert condition == {"Equals": [{"Ref": "SnapStart"}, "on"]}
    default = load_template()["Parameters"]["SnapStart"]["Default"]
    chosen = {stage: deploy_parameters(stage).get("SnapStart", default) for stage in ("dev", "prod")}
    assert chosen == {"dev": "off", "prod": "on"}
    for stage, resources in stacks.items():
        for spec in functions():
            apply_on = resources[spec.logical_id]["Properties"]["SnapStart"]["ApplyOn"]
            assert apply_on == {"Fn::If": ["UseSnapStart", "PublishedVersions", "None"]}
            # Snapshots are of published versions: AutoPublishAlias publishes one and points `live` at it.
            versions = [
                name
                for name, resource in of_type(resources, "AWS::Lambda::Version").items()
                if resource["Properties"]["FunctionName"] == {"Ref": spec.logical_id}
            ]
            assert len(versions) == 1, stage
            alias = resources[f"{spec.logical_id}Aliaslive"]["Properties"]
            assert alias["FunctionVersion"] == {"Fn::GetAtt": [versions[0], "Version"]}


@pytest.fixture(scope="module")
def moto_url() -> Iterator[str]:
    with moto_server() as url:
        yield url


@pytest.mark.parametrize("spec", functions(), ids=lambda spec: spec.logical_id)
def test_every_function_cold_starts_with_only_its_own_parameters(spec, stacks, moto_url, mongo_uri):
    from saas_billing.infra.settings.function_settings import settings_for

    reset_moto(moto_url)
    needs = settings_for(spec.group)
    values = {**REQUIRED_SECRETS, "mongodb_uri": mongo_uri}
    put_parameters(moto_url, {name: values[name] for name in needs.required})
    if "stripe_api_base" in needs.names:
        put_parameters(moto_url, {"stripe_api_base": f"http://127.0.0.1:{free_port()}"}, kind="String")
    proxy = CountingProxy(moto_url)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    env = {
        **deployed_env(proxy.url),
        "SETTINGS_FUNCTION": env_of(stacks["dev"], spec.logical_id)["SETTINGS_FUNCTION"],
    }
    try:
        with BuiltFunction(built_root(spec.logical_id), env, timeout=60) as function:
            if spec.logical_id in SERVES:
                event, status = SERVES[spec.logical_id]
                response = function.invoke(load_event(event))
                assert response["statusCode"] == status, response
            else:  # reconcile reads its settings on its first run; with Stripe down the run itself fails
                try:
                    function.invoke(load_event("reconcile/scheduled.json"))
                except InvokeError as error:
                    assert "SettingsError" not in str(error)
            assert proxy.targets == ["AmazonSSM.GetParameters"], "its own names, in one call"
    finally:
        proxy.shutdown()
        proxy.server_close()
