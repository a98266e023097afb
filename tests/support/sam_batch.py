"""Packages templates the way `sam deploy` does and runs the SAM transform on them, several in one process.

Tests call `transform_all` from the app's venv; it runs this module under SAM CLI's interpreter (samtranslator
pins its own pydantic), where `main` transforms each job read from stdin. Importing the translator costs
more than a transform, so a test that compares several packagings pays for it once.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAM_PYTHON = ROOT / ".venv-sam" / "bin" / "python"
ARTIFACT_PROPERTIES = {"AWS::Serverless::Function": "CodeUri", "AWS::Serverless::LayerVersion": "ContentUri"}
PSEUDO_PARAMETERS = {"AWS::Region": "us-east-1", "AWS::Partition": "aws", "AWS::AccountId": "123456789012"}


def deploy_parameters(stage: str) -> dict[str, str]:
    """samconfig.toml's parameter_overrides for the stage's deploy, with the pseudo parameters a stack has."""
    config = tomllib.loads((ROOT / "samconfig.toml").read_text())
    overrides = config["prod" if stage == "prod" else "default"]["deploy"]["parameters"][
        "parameter_overrides"
    ]
    return {**PSEUDO_PARAMETERS, **dict(item.split("=", 1) for item in overrides.split())}


def artifact_ids(template: dict) -> list[str]:
    return [lid for lid, r in template["Resources"].items() if r["Type"] in ARTIFACT_PROPERTIES]


def one_key_each(template: dict) -> dict[str, str]:
    """An S3 key per artifact, for transforms that do not compare packagings."""
    return {logical_id: f"{logical_id}.zip" for logical_id in artifact_ids(template)}


def package(template: dict, keys: dict[str, str], bucket: str = "sam-artifacts") -> dict:
    """A copy with every local CodeUri/ContentUri replaced by s3://bucket/<key>, as `sam package` writes
    them (its key is the MD5 of the artifact's zip, so the same content keeps the same key)."""
    packaged = copy.deepcopy(template)
    for logical_id in artifact_ids(packaged):
        resource = packaged["Resources"][logical_id]
        resource["Properties"][ARTIFACT_PROPERTIES[resource["Type"]]] = f"s3://{bucket}/{keys[logical_id]}"
    return packaged


def transformed_stages(template: dict, stages: tuple[str, ...] = ("dev", "prod")) -> dict[str, dict]:
    """The template's resources as each stage's deploy makes them (samconfig's overrides), in one process."""
    results = transform_all(
        [(package(template, one_key_each(template)), deploy_parameters(stage)) for stage in stages]
    )
    for stage, resources in zip(stages, results, strict=True):
        assert isinstance(resources, dict), f"{stage}: {resources}"
    return dict(zip(stages, results, strict=True))


def transform_all(jobs: list[tuple[dict, dict[str, str]]]) -> list[dict | str]:
    """Each (packaged template, parameters) as CloudFormation resources, or the translator's error text."""
    reply = subprocess.run(
        [str(SAM_PYTHON), "-m", "tests.support.sam_batch"],
        cwd=ROOT,
        input=json.dumps([{"template": t, "parameters": p} for t, p in jobs]),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert reply.returncode == 0, reply.stderr
    return json.loads(reply.stdout)


def main() -> int:
    """SAM's side: a JSON list of jobs on stdin, a JSON list of results on stdout."""
    import os

    os.environ.setdefault("AWS_DEFAULT_REGION", PSEUDO_PARAMETERS["AWS::Region"])  # the translator asks boto3
    from samtranslator.model.exceptions import InvalidDocumentException
    from samtranslator.translator.managed_policy_translator import ManagedPolicyLoader
    from samtranslator.translator.transform import transform

    class NoManagedPolicies(ManagedPolicyLoader):
        """The template names no AWS managed policy by name, so nothing needs IAM (or credentials)."""

        def __init__(self) -> None:
            pass

        def load(self) -> dict[str, str]:
            return {}

    results: list[dict | str] = []
    for job in json.load(sys.stdin):
        try:
            results.append(transform(job["template"], job["parameters"], NoManagedPolicies())["Resources"])
        except InvalidDocumentException as error:
            results.append("; ".join(str(cause) for cause in error.causes))
    json.dump(results, sys.stdout, default=str)
    return 0


if __name__ == "__main__":
    sys.exit(main())
