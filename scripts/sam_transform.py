"""The SAM transform, offline: prints the CloudFormation that a template becomes for given parameters.

Run with SAM CLI's interpreter (`.venv-sam/bin/python -m scripts.sam_transform ...`): samtranslator pins
its own pydantic and boto3, so the app's venv calls this as a subprocess and reads the JSON it prints.
Local CodeUri/ContentUri folders become placeholder S3 URIs, as `sam deploy` would upload them.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from samtranslator.model.exceptions import InvalidDocumentException
from samtranslator.translator.managed_policy_translator import ManagedPolicyLoader
from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse

ARTIFACT_PROPERTIES = {"AWS::Serverless::Function": "CodeUri", "AWS::Serverless::LayerVersion": "ContentUri"}


class _NoManagedPolicies(ManagedPolicyLoader):
    """The template names no AWS managed policy by name, so nothing needs IAM (or credentials)."""

    def __init__(self) -> None:
        pass

    def load(self) -> dict[str, str]:
        return {}


def translate(template_path: Path, parameters: dict[str, str]) -> dict:
    template = yaml_parse(template_path.read_text())
    for logical_id, resource in template["Resources"].items():
        prop = ARTIFACT_PROPERTIES.get(resource.get("Type"))
        if prop and isinstance(resource["Properties"].get(prop), str):
            resource["Properties"][prop] = f"s3://rehearsal-artifacts/{logical_id}.zip"
    return transform(template, parameters, _NoManagedPolicies())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("template", type=Path)
    parser.add_argument("overrides", nargs="*", help="Name=Value parameter overrides")
    args = parser.parse_args(argv)
    parameters = dict(item.split("=", 1) for item in args.overrides)
    parameters.setdefault("AWS::Region", "us-east-1")
    os.environ.setdefault("AWS_DEFAULT_REGION", parameters["AWS::Region"])  # the translator asks boto3
    parameters.setdefault("AWS::Partition", "aws")
    parameters.setdefault("AWS::AccountId", "123456789012")
    try:
        json.dump(translate(args.template, parameters), sys.stdout, indent=1, default=str)
    except InvalidDocumentException as error:
        print("; ".join(str(cause) for cause in error.causes), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
