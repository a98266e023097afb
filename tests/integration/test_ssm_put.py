"""scripts.ssm_put against moto: a local .env becomes this stage's SecureStrings, unknown keys stay out."""

from __future__ import annotations

import boto3
import pytest
from moto import mock_aws

from scripts.ssm_put import main

ENV_FILE = """\
STRIPE_API_KEY=sk_test_from_env_file
jwt_secret=jjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjj
MONGODB_HOST=db.example
MONGODB_PORT=27018
MONGODB_PASSWORD=p@ss word
APP_STAGE=local
SOMETHING_ELSE=value
LOG_LEVEL=
"""


@pytest.fixture
def ssm(monkeypatch):
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    with mock_aws():
        yield boto3.client("ssm")


@pytest.fixture
def env_file(tmp_path):
    path = tmp_path / ".env"
    path.write_text(ENV_FILE)
    return path


def stored(ssm) -> dict[str, tuple[str, str]]:
    pages = ssm.get_paginator("get_parameters_by_path").paginate(
        Path="/saas-billing/dev/", Recursive=True, WithDecryption=True
    )
    return {p["Name"]: (p["Type"], p["Value"]) for page in pages for p in page["Parameters"]}


def test_known_settings_become_secure_strings_under_the_stage_path(ssm, env_file, capsys):
    assert main(["--stage", "dev", "--env-file", str(env_file)]) == 0
    assert stored(ssm) == {
        "/saas-billing/dev/stripe_api_key": ("SecureString", "sk_test_from_env_file"),
        "/saas-billing/dev/jwt_secret": ("SecureString", "j" * 40),
        "/saas-billing/dev/mongodb_host": ("SecureString", "db.example"),
        "/saas-billing/dev/mongodb_port": ("SecureString", "27018"),
        "/saas-billing/dev/mongodb_password": ("SecureString", "p@ss word"),
    }
    reported = capsys.readouterr().err
    assert "SOMETHING_ELSE" in reported
    assert "APP_STAGE" in reported
    assert "LOG_LEVEL" in reported
    assert "note MONGODB_HOST: no function reads it" in reported
    assert "note STRIPE_API_KEY" not in reported


def test_existing_parameters_are_overwritten(ssm, env_file):
    ssm.put_parameter(Name="/saas-billing/dev/stripe_api_key", Value="old", Type="SecureString")
    main(["--stage", "dev", "--env-file", str(env_file)])
    assert stored(ssm)["/saas-billing/dev/stripe_api_key"][1] == "sk_test_from_env_file"


def test_dry_run_prints_names_only_and_puts_nothing(ssm, env_file, capsys):
    assert main(["--stage", "dev", "--env-file", str(env_file), "--dry-run"]) == 0
    output = capsys.readouterr()
    assert "/saas-billing/dev/stripe_api_key" in output.out
    assert "sk_test_from_env_file" not in output.out + output.err
    assert "db.example" not in output.out + output.err
    assert stored(ssm) == {}
