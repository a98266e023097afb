"""scripts.ssm_put against moto: a local .env becomes this stage's SecureStrings, unknown keys stay out."""

from __future__ import annotations

import boto3
import pytest
from moto import mock_aws

from saas_billing.infra.settings.secret_strength import jwt_secret_problem
from scripts.ssm_put import main

JWT_SECRET = "BrGXvTHrMpSFTiFvNGiQinF9oWf8FTphiTWUmasrqIW_s3JI4wOMxGO36GJN6VIi"  # secrets.token_urlsafe(48)
ENV_FILE = f"""\
STRIPE_API_KEY=sk_test_from_env_file
jwt_secret={JWT_SECRET}
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
        "/saas-billing/dev/jwt_secret": ("SecureString", JWT_SECRET),
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


@pytest.mark.parametrize("weak", ["j" * 48, "changeme" * 6, "too-short"])
def test_a_jwt_secret_the_stage_would_refuse_is_never_put(ssm, tmp_path, capsys, weak):
    env_file = tmp_path / ".env"
    env_file.write_text(f"STRIPE_API_KEY=sk_test_x\nJWT_SECRET={weak}\n")
    assert main(["--stage", "dev", "--env-file", str(env_file)]) == 2  # stdin is no terminal: no prompt
    assert stored(ssm) == {}
    assert "JWT_SECRET" in capsys.readouterr().err


@pytest.mark.parametrize("line", ["JWT_SECRET=changemechangemechangeme", "LOG_LEVEL=INFO"])
def test_generate_jwt_secret_puts_a_strong_one_and_never_shows_it(ssm, tmp_path, capsys, line):
    env_file = tmp_path / ".env"
    env_file.write_text(f"STRIPE_API_KEY=sk_test_x\n{line}\n")
    assert main(["--stage", "dev", "--env-file", str(env_file), "--generate-jwt-secret"]) == 0
    _, secret = stored(ssm)["/saas-billing/dev/jwt_secret"]
    assert jwt_secret_problem("jwt_secret", secret) is None and len(secret) >= 64
    output = capsys.readouterr()
    assert secret not in output.out + output.err


def test_without_jwt_secret_nor_the_flag_the_stage_keeps_its_own(ssm, tmp_path):
    ssm.put_parameter(Name="/saas-billing/dev/jwt_secret", Value="kept-as-is", Type="SecureString")
    env_file = tmp_path / ".env"
    env_file.write_text("STRIPE_API_KEY=sk_test_x\n")
    assert main(["--stage", "dev", "--env-file", str(env_file)]) == 0
    assert stored(ssm)["/saas-billing/dev/jwt_secret"][1] == "kept-as-is"


def test_the_offer_is_taken_when_answered_yes(ssm, tmp_path, monkeypatch):
    monkeypatch.setattr("scripts.ssm_put.ask_yes", lambda question: "signs out every device" in question)
    env_file = tmp_path / ".env"
    env_file.write_text("JWT_SECRET=short\n")
    assert main(["--stage", "dev", "--env-file", str(env_file)]) == 0
    assert jwt_secret_problem("jwt_secret", stored(ssm)["/saas-billing/dev/jwt_secret"][1]) is None


def signing_kids(ssm) -> list[str]:
    from scripts.signing_key_rotation import kids

    return kids(stored(ssm)["/saas-billing/dev/jwt_signing_keys"][1])


def test_signing_keys_rotate_published_first_then_signing_then_the_old_one_retired(ssm, env_file, capsys):
    """A new key signs only once promoted: until then old containers and cached key sets, which do not
    know its kid yet, still verify every token issued."""
    assert main(["--stage", "dev", "--env-file", str(env_file), "--generate-signing-key"]) == 0
    [first] = signing_kids(ssm)  # a stage's first key signs at once
    assert main(["--stage", "dev", "--env-file", str(env_file), "--generate-signing-key"]) == 0
    signing, second = signing_kids(ssm)
    assert signing == first and second != first  # published, not signing
    assert main(["--stage", "dev", "--env-file", str(env_file), "--promote-signing-key"]) == 0
    assert signing_kids(ssm) == [second, first]  # signs now; the old one still verifies
    assert main(["--stage", "dev", "--env-file", str(env_file), "--retire-signing-keys"]) == 0
    assert signing_kids(ssm) == [second]
    output = capsys.readouterr()
    assert f"signs with {second}; still valid: none" in output.err
    assert "PRIVATE KEY" not in output.out + output.err


def test_promoting_with_nothing_published_puts_nothing(ssm, env_file, capsys):
    assert main(["--stage", "dev", "--env-file", str(env_file), "--generate-signing-key"]) == 0
    before = stored(ssm)
    assert main(["--stage", "dev", "--env-file", str(env_file), "--promote-signing-key"]) == 2
    assert "generate one first" in capsys.readouterr().err
    assert stored(ssm) == before


def test_retiring_with_no_key_in_the_stage_puts_nothing(ssm, env_file, capsys):
    assert main(["--stage", "dev", "--env-file", str(env_file), "--retire-signing-keys"]) == 2
    assert "generate one" in capsys.readouterr().err
    assert stored(ssm) == {}
