"""Which SSM parameters each function's role may read, from every IAM resource of a transformed stack.

A role's policies are its inline policies (SAM policy templates such as SSMParameterReadPolicy arrive
as such), the AWS::IAM::Policy, ManagedPolicy and RolePolicy resources that name it, and its managed
policy ARNs. Intrinsics are resolved with a context (stage parameters and pseudo parameters): an ARN
right in one context only (hardcoded) fails in another.
"""

from __future__ import annotations

import json
import re
from fnmatch import fnmatchcase

from tests.support.cfn_intrinsics import Unresolvable, leaves, resolve

READ_ACTION = "ssm:GetParameters"
# How the template names a function's parameter, before the stage's values are put in.
SSM_ARN = "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/${AppName}/${Stage}/"
# AWS managed policies the stack's roles may carry: none grants SSM access.
MANAGED_WITHOUT_SSM = {"service-role/AWSLambdaBasicExecutionRole", "service-role/AWSCodeDeployRoleForLambda"}
POLICY_RESOURCES = {"AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy"}


def parameter_arn(context: dict[str, str], name: str) -> str:
    return (
        f"arn:{context['AWS::Partition']}:ssm:{context['AWS::Region']}:{context['AWS::AccountId']}"
        f":parameter/{context['AppName']}/{context['Stage']}/{name}"
    )


def _listed(value) -> list:
    return value if isinstance(value, list) else [value]


def _resolved(value, context: dict[str, str], problems: list[str], strict: bool) -> set[str]:
    """The leaves' values; one that cannot be resolved is a problem if strict or if it mentions SSM."""
    texts = set()
    for leaf in leaves(value):
        try:
            texts.add(resolve(leaf, context))
        except Unresolvable:
            if strict or re.search("ssm|parameter", json.dumps(leaf), re.IGNORECASE):
                problems.append(f"cannot resolve {json.dumps(leaf)}")
    return texts


def _beyond(kind: str, named: set[str], own: set[str]) -> list[str]:
    return [f"{kind} {sorted(named - own)} beyond its own parameters"] if named - own else []


def _grants_ssm(action: str) -> bool:
    return action.lower().startswith("ssm:") or fnmatchcase("ssm:getparameters", action.lower())


def statement_problems(statement: dict, context: dict[str, str], own: set[str]) -> tuple[list[str], set[str]]:
    """One statement of a role that may read the `own` parameter ARNs, and what it lets read: an SSM
    action must be GetParameters, and its resources and any parameter ARN elsewhere (a KMS condition)
    among them."""
    problems: list[str] = []
    granted: set[str] = set()
    if statement.get("Effect") != "Allow":
        return problems, granted
    if "NotAction" in statement:
        problems.append("NotAction in an Allow statement (it allows SSM too)")
    actions = _resolved(statement.get("Action", []), context, problems, strict=True)
    ssm = {action for action in actions if _grants_ssm(action)}
    problems += [f"action {action} (only {READ_ACTION})" for action in sorted(ssm - {READ_ACTION})]
    skipped = {"Sid", "Effect", "Action", "NotAction"}
    if ssm:
        if "NotResource" in statement:
            problems.append("NotResource with an SSM action")
        granted = _resolved(statement.get("Resource", []), context, problems, strict=True)
        problems += _beyond("grants", granted, own)
        skipped |= {"Resource", "NotResource"}
    rest = {key: value for key, value in statement.items() if key not in skipped}
    mentioned = {text for text in _resolved(rest, context, problems, strict=False) if ":ssm:" in text}
    return problems + _beyond("names", mentioned, own), granted


def _stack_policy(arn, resources: dict) -> str | None:
    """The logical id of the stack's own policy a ManagedPolicyArns entry refers to, if it does."""
    if isinstance(arn, dict) and resources.get(arn.get("Ref"), {}).get("Type") in POLICY_RESOURCES:
        return arn["Ref"]
    return None


def _role_of(reference) -> str:
    """The logical id a Roles or RoleName entry refers to; a literal name stands for itself."""
    return reference["Ref"] if isinstance(reference, dict) and "Ref" in reference else json.dumps(reference)


def role_policies(resources: dict) -> dict[str, list[tuple[str, dict]]]:
    """(source, policy document) pairs by the logical id of the role they apply to."""
    attached: dict[str, list[tuple[str, dict]]] = {}
    for logical_id, resource in resources.items():
        props = resource.get("Properties", {})
        if resource["Type"] == "AWS::IAM::Role":
            for policy in props.get("Policies", []):
                attached.setdefault(logical_id, []).append((policy["PolicyName"], policy["PolicyDocument"]))
            for policy_id in filter(
                None, (_stack_policy(a, resources) for a in props.get("ManagedPolicyArns", []))
            ):
                document = resources[policy_id]["Properties"]["PolicyDocument"]
                attached.setdefault(logical_id, []).append((policy_id, document))
        elif resource["Type"] in POLICY_RESOURCES:
            roles = [*props.get("Roles", []), *([props["RoleName"]] if "RoleName" in props else [])]
            for role in roles or ["(no role)"]:
                attached.setdefault(_role_of(role), []).append((logical_id, props["PolicyDocument"]))
    return attached


def _role_problems(
    role: str, policies: list[tuple[str, dict]], context: dict[str, str], own: set[str]
) -> list[str]:
    problems, granted = [], set()
    for source, document in policies:
        for statement in _listed(document["Statement"]):
            found, grants = statement_problems(statement, context, own)
            problems += [f"{role} {source}: {problem}" for problem in found]
            granted |= grants
    lacking = own - granted
    return problems + ([f"{role}: cannot read its own {sorted(lacking)}"] if lacking else [])


def _managed_problems(role: str, arns: list, resources: dict, context: dict[str, str]) -> list[str]:
    problems = []
    for arn in arns:
        if _stack_policy(arn, resources):
            continue  # its document is among the role's policies
        try:
            name = resolve(arn, context).split(":policy/", 1)[-1]
        except Unresolvable:
            name = json.dumps(arn)
        if name not in MANAGED_WITHOUT_SSM:
            problems.append(f"{role}: managed policy {name}, whose grants the stack does not show")
    return problems


def stack_problems(resources: dict, context: dict[str, str], settings: dict[str, list[str]]) -> list[str]:
    """Every SSM grant and parameter ARN in the stack's IAM, against each function's `settings` (names by
    function logical id): its role may read exactly them, any other role or policy none."""
    problems = []
    own_by_role: dict[str, set[str]] = {}
    for function, names in settings.items():
        role = resources[function]["Properties"]["Role"]
        role_id = role.get("Fn::GetAtt", [""])[0] if isinstance(role, dict) else ""
        if resources.get(role_id, {}).get("Type") != "AWS::IAM::Role":
            problems.append(f"{function}: its role {json.dumps(role)} is not one of the stack's")
        elif role_id in own_by_role:
            problems.append(f"{function}: shares its role {role_id} with another function")
        own_by_role[role_id] = {parameter_arn(context, name) for name in names}
    policies = role_policies(resources)
    for role in sorted({*policies, *own_by_role}):
        problems += _role_problems(role, policies.get(role, []), context, own_by_role.get(role, set()))
    for role, resource in resources.items():
        if resource["Type"] == "AWS::IAM::Role":
            arns = resource["Properties"].get("ManagedPolicyArns", [])
            problems += _managed_problems(role, arns, resources, context)
    return problems
