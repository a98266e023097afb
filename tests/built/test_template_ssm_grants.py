"""No role may read a setting that is not its function's own: every IAM resource of the transformed stack
(role inline policies, SAM policy templates after the transform, AWS::IAM::Policy or ManagedPolicy on a
role, managed policy ARNs) is scanned for SSM actions and parameter ARNs, with Sub and Join resolved for
the stage's deploy and again for another app name, region and account (a hardcoded ARN fails there).
Each template in SLIPS differs from the real one by one such grant, and must fail."""

from __future__ import annotations

import copy
from collections.abc import Callable

import pytest
import yaml

from scripts.invoke_built import BUILD_DIR
from scripts.template_model import functions
from tests.support.sam_batch import deploy_parameters, one_key_each, package, transform_all
from tests.support.ssm_grants import SSM_ARN, parameter_arn, stack_problems

pytestmark = pytest.mark.built

ELSEWHERE = {"AppName": "moved-app", "AWS::Region": "eu-west-3", "AWS::AccountId": "111122223333"}
TARGET = "AuthFunction"


def own_settings() -> dict[str, list[str]]:
    from saas_billing.infra.settings.function_settings import settings_for

    return {spec.logical_id: list(settings_for(spec.group).names) for spec in functions()}


def contexts(template: dict, stage: str) -> dict[str, dict[str, str]]:
    defaults = {name: str(p["Default"]) for name, p in template["Parameters"].items() if "Default" in p}
    deployed = {**defaults, **deploy_parameters(stage)}
    return {"deployed": deployed, "elsewhere": {**deployed, **ELSEWHERE}}


def allow(action: str, resource) -> dict:
    return {"Effect": "Allow", "Action": action, "Resource": resource}


def add_to_target(policy) -> Callable[[dict], None]:
    def mutate(template: dict) -> None:
        template["Resources"][TARGET]["Properties"]["Policies"].append(policy)

    return mutate


def add_resource(logical_id: str, resource: dict) -> Callable[[dict], None]:
    def mutate(template: dict) -> None:
        template["Resources"][logical_id] = resource

    return mutate


def target_statement(template: dict, sid: str) -> dict:
    policies = template["Resources"][TARGET]["Properties"]["Policies"]
    [statement] = [s for policy in policies for s in policy["Statement"] if s.get("Sid") == sid]
    return statement


def hardcode_own_arn(template: dict) -> None:
    name = own_settings()[TARGET][0]
    arn = parameter_arn(contexts(template, "prod")["deployed"], name)
    target_statement(template, "ReadOwnSettings")["Resource"].append(arn)


def decrypt_jwt_secret(template: dict) -> None:
    condition = target_statement(template, "DecryptOwnSettingsOnlyThroughSsm")["Condition"]["StringEquals"]
    condition["kms:EncryptionContext:PARAMETER_ARN"].append({"Fn::Sub": SSM_ARN + "jwt_secret"})


JOIN_JWT_SECRET = {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":ssm:", {"Ref": "AWS::Region"}, ":", {"Ref": "AWS::AccountId"}, ":parameter/", {"Ref": "AppName"}, "/", {"Ref": "Stage"}, "/jwt_secret"]]}  # fmt: skip
JWT_SECRET_POLICY = {
    "Type": "AWS::IAM::Policy",
    "Properties": {
        "PolicyName": "legacy-jwt-secret",
        "Roles": [{"Ref": f"{TARGET}Role"}],
        "PolicyDocument": {"Statement": [allow("ssm:GetParameter", {"Fn::Sub": SSM_ARN + "jwt_secret"})]},
    },
}
OTHER_ROLE = {
    "Type": "AWS::IAM::Role",
    "Properties": {
        "AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
        "Policies": [{"PolicyName": "ops", "PolicyDocument": {"Statement": [allow("ssm:GetParameters", {"Fn::Sub": SSM_ARN + "mongodb_uri"})]}}],
    },
}  # fmt: skip
# Name: the change to the real template, and a fragment of the problem it must raise.
SLIPS: dict[str, tuple[Callable[[dict], None], str]] = {
    "wildcard ARN": (
        add_to_target({"Statement": [allow(["ssm:GetParameters"], {"Fn::Sub": SSM_ARN + "*"})]}),
        "/prod/*",
    ),
    "GetParametersByPath on the stage path": (
        add_to_target({"Statement": [allow("ssm:GetParametersByPath", {"Fn::Sub": SSM_ARN[:-1]})]}),
        "action ssm:GetParametersByPath",
    ),
    "hardcoded ARN": (
        hardcode_own_arn,
        "grants ['arn:aws:ssm:us-east-1:123456789012:parameter/saas-billing/",
    ),
    "Join naming jwt_secret": (
        add_to_target({"Statement": [allow("ssm:GetParameters", JOIN_JWT_SECRET)]}),
        "/prod/jwt_secret",
    ),
    "AWS::IAM::Policy on the role naming jwt_secret": (
        add_resource("LegacyJwtSecretRead", JWT_SECRET_POLICY),
        "LegacyJwtSecretRead",
    ),
    "SSMParameterReadPolicy": (
        add_to_target(
            {"SSMParameterReadPolicy": {"ParameterName": {"Fn::Sub": "${AppName}/${Stage}/jwt_secret"}}}
        ),
        "ssm:DescribeParameters",
    ),
    "AWS managed SSM policy": (add_to_target("AmazonSSMReadOnlyAccess"), "AmazonSSMReadOnlyAccess"),
    "KMS decrypt of jwt_secret": (
        decrypt_jwt_secret,
        "names ['arn:aws:ssm:us-east-1:123456789012:parameter/saas-billing/prod/jwt_secret']",
    ),
    "another role reading a setting": (add_resource("OpsRole", OTHER_ROLE), "OpsRole"),
}


def problems(resources: dict, template: dict, stage: str) -> list[str]:
    return [
        f"{name}: {problem}"
        for name, context in contexts(template, stage).items()
        for problem in stack_problems(resources, context, own_settings())
    ]


@pytest.fixture(scope="module")
def checked() -> dict[str, list[str]]:
    """The problems found in the real stack of each stage and in each slip (prod), all transformed at once."""
    template = yaml.safe_load((BUILD_DIR / "template.yaml").read_text())
    keys = one_key_each(template)
    cases = {"dev": template, "prod": template}
    for name, (mutate, _) in SLIPS.items():
        cases[name] = copy.deepcopy(template)
        mutate(cases[name])
    stages = {name: name if name == "dev" else "prod" for name in cases}
    results = transform_all(
        [(package(t, keys), deploy_parameters(stages[name])) for name, t in cases.items()]
    )
    found = {}
    for (name, case), resources in zip(cases.items(), results, strict=True):
        assert isinstance(resources, dict), f"{name}: {resources}"
        found[name] = problems(resources, case, stages[name])
    return found


@pytest.mark.parametrize("stage", ["dev", "prod"])
def test_each_role_may_read_exactly_its_functions_settings(checked, stage):
    assert checked[stage] == []


@pytest.mark.parametrize("slip", list(SLIPS))
def test_a_template_that_lets_a_role_read_more_fails(checked, slip):
    fragment = SLIPS[slip][1]
    assert any(fragment in problem for problem in checked[slip]), checked[slip]
