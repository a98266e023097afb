"""scripts.ssm_put against moto: a local .env becomes this stage's SecureStrings, unknown keys stay out."""

from __future__ import annotations

import os
import threading

import boto3
import pytest
from moto import mock_aws

from scripts.ssm_put import main

ENV_FILE = """\
STRIPE_API_KEY=sk_test_from_env_file
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


@pytest.mark.parametrize("dry_run", [[], ["--dry-run"]])
def test_a_retired_jwt_secret_line_is_skipped_with_a_notice(ssm, tmp_path, capsys, dry_run):
    """An env file written for an older release may still set them: nothing reads them any more."""
    env_file = tmp_path / ".env"
    secret = "BrGXvTHrMpSFTiFvNGiQinF9oWf8FTphiTWUmasrqIW_s3JI4wOMxGO36GJN6VIi"  # secrets.token_urlsafe(48)
    env_file.write_text(f"STRIPE_API_KEY=sk_test_x\nJWT_SECRET={secret}\njwt_previous_secret=old\n")
    assert main(["--stage", "dev", "--env-file", str(env_file), *dry_run]) == 0
    output = capsys.readouterr()
    notices = [line for line in output.err.splitlines() if "no longer used" in line]
    assert notices == [
        "skipped JWT_SECRET: no longer used (access tokens are signed with jwt_signing_keys): not put",
        "skipped jwt_previous_secret: no longer used (access tokens are signed with jwt_signing_keys): not put",
    ]
    assert "jwt_secret" not in output.out and secret not in output.out + output.err
    assert set(stored(ssm)) == (set() if dry_run else {"/saas-billing/dev/stripe_api_key"})


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


def test_dev_null_is_an_empty_env_file_so_a_rotation_needs_no_settings(ssm, capsys):
    """README's rotation commands pass ENV_FILE=/dev/null, a character device, not a regular file."""
    assert main(["--stage", "dev", "--env-file", os.devnull, "--generate-signing-key"]) == 0
    assert set(stored(ssm)) == {"/saas-billing/dev/jwt_signing_keys"}
    assert len(signing_kids(ssm)) == 1
    assert "skipped" not in capsys.readouterr().err


def test_a_pipe_is_read_as_the_env_file(ssm, tmp_path):
    pipe = tmp_path / "env.fifo"
    os.mkfifo(pipe)

    def write() -> None:
        with open(pipe, "w") as writer:  # blocks until ssm_put opens it for reading
            writer.write("STRIPE_API_KEY=sk_test_from_pipe\n")

    threading.Thread(target=write, daemon=True).start()
    assert main(["--stage", "dev", "--env-file", str(pipe)]) == 0
    assert stored(ssm) == {"/saas-billing/dev/stripe_api_key": ("SecureString", "sk_test_from_pipe")}


@pytest.mark.parametrize(("name", "reason"), [(".", "Is a directory"), ("missing.env", "No such file")])
def test_a_directory_or_a_missing_file_is_refused(ssm, tmp_path, capsys, name, reason):
    with pytest.raises(SystemExit) as stopped:
        main(["--stage", "dev", "--env-file", str(tmp_path / name)])
    assert stopped.value.code == 2
    assert reason in capsys.readouterr().err
    assert stored(ssm) == {}


def put_env(tmp_path, text: str, *flags: str) -> int:
    """Runs ssm-put for the dev stage with an env file of this text."""
    env_file = tmp_path / ".env"
    env_file.write_text(text)
    return main(["--stage", "dev", "--env-file", str(env_file), *flags])


def pem_body_lines(pem: str) -> list[str]:
    return [line for line in pem.strip().splitlines() if "-----" not in line]


@pytest.mark.parametrize("rotation", [[], ["--generate-signing-key"], ["--dry-run"]])
def test_an_unquoted_pem_stops_the_run_before_anything_is_put_and_none_of_it_is_shown(
    ssm, tmp_path, capsys, rotation
):
    """dotenv reads only its first line as the value; putting that would leave the stage with no key (and a
    rotation would drop the keys it has). Its body lines are key material: never echoed as keys."""
    from saas_billing.infra.security.service.signing_keys import generate_signing_key_pem

    ssm.put_parameter(
        Name="/saas-billing/dev/jwt_signing_keys", Value=generate_signing_key_pem(), Type="SecureString"
    )
    before = stored(ssm)
    pem = generate_signing_key_pem()
    assert (
        put_env(tmp_path, f"STRIPE_API_KEY=sk_test_x\nJWT_SIGNING_KEYS={pem}LOG_LEVEL=DEBUG\n", *rotation)
        == 2
    )
    output = capsys.readouterr()
    body = pem_body_lines(pem)
    assert "ssm-put stopped: JWT_SIGNING_KEYS (line 2) is not a usable signing key" in output.err
    assert "GENERATE_SIGNING_KEY=1" in output.err
    reported = [line for line in output.err.splitlines() if line.endswith("not KEY=VALUE (not shown)")]
    assert reported == [f"line {n}: not KEY=VALUE (not shown)" for n in range(3, 3 + len(body) + 1)]
    assert not any(line[:12] in output.out + output.err for line in body)
    assert "PRIVATE KEY" not in output.out + output.err
    assert stored(ssm) == before


def test_a_quoted_multi_line_pem_is_put_as_the_signing_keys(ssm, tmp_path, capsys):
    """As README, Putting settings into SSM, writes it: two keys, the first signs."""
    from saas_billing.infra.security.service.signing_keys import generate_signing_key_pem, load_signing_keys

    pems = generate_signing_key_pem() + generate_signing_key_pem()
    assert put_env(tmp_path, f'JWT_SIGNING_KEYS="{pems}"\nSTRIPE_API_KEY=sk_test_x\n') == 0
    assert signing_kids(ssm) == [key.kid for key in load_signing_keys(pems)]
    assert "not KEY=VALUE" not in capsys.readouterr().err


def test_a_signing_key_value_that_does_not_load_is_refused_without_showing_it(ssm, tmp_path, capsys):
    assert put_env(tmp_path, "STRIPE_API_KEY=sk_test_x\njwt_signing_keys=hunter2-not-a-key\n") == 2
    output = capsys.readouterr()
    assert "jwt_signing_keys (line 2) is not a usable signing key" in output.err
    assert "hunter2" not in output.out + output.err
    assert stored(ssm) == {}


def test_a_line_that_is_not_key_value_is_reported_by_its_number_only(ssm, tmp_path, capsys):
    assert (
        put_env(tmp_path, "STRIPE_API_KEY=sk_test_x\ncorrect horse battery staple\nsecret+token/x=1\n") == 0
    )
    output = capsys.readouterr()
    assert "line 2: not KEY=VALUE (not shown)" in output.err
    assert "line 3: not KEY=VALUE (not shown)" in output.err
    assert "horse" not in output.err and "token" not in output.err
    assert set(stored(ssm)) == {"/saas-billing/dev/stripe_api_key"}
