"""README's `make ssm-put` commands, run as written through make against moto_server: the signing-key
rotation (ENV_FILE=/dev/null) and the first deploy's settings step, which must leave the stage a key."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from pathlib import Path

import boto3
import pytest

from scripts.local_aws import FAKE_CREDENTIALS, REGION, moto_server, reset_moto
from scripts.signing_key_rotation import kids

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()
KEYS = "/saas-billing/prod/jwt_signing_keys"


def section(title: str) -> str:
    start = README.index(f"\n### {title}\n")
    return README[start : README.index("\n#", start + 1)]


def ssm_put_commands(text: str) -> list[str]:
    """Each `make ssm-put ...` in backticks, a line break inside one read as a space (as Markdown does)."""
    return [" ".join(command.split()) for command in re.findall(r"`(make ssm-put [^`]+)`", text)]


@pytest.fixture(scope="module")
def ssm_url():
    with moto_server() as url:
        yield url


@pytest.fixture
def ssm(ssm_url):
    reset_moto(ssm_url)
    return boto3.client("ssm", endpoint_url=ssm_url, region_name=REGION, **lower_case(FAKE_CREDENTIALS))


def lower_case(credentials: dict[str, str]) -> dict[str, str]:
    return {k.lower(): v for k, v in credentials.items() if k != "AWS_DEFAULT_REGION"}


def make(command: str, ssm_url: str, **overrides: str) -> subprocess.CompletedProcess:
    """As an operator runs it, with none of a calling make's (or a developer's) variables in the way."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "STAGE", "ENV_FILE", "AWS_REGION")}
    env.update(FAKE_CREDENTIALS, AWS_ENDPOINT_URL_SSM=ssm_url)
    words = [overrides.get(word.split("=")[0], word) for word in shlex.split(command)]
    return subprocess.run(
        [*words, "-s", "-o", ".venv/.installed"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def stage_kids(ssm) -> list[str]:
    return kids(ssm.get_parameter(Name=KEYS, WithDecryption=True)["Parameter"]["Value"])


def test_the_rotation_commands_publish_promote_retire_and_replace_a_leaked_key(ssm, ssm_url):
    from saas_billing.infra.security.service.signing_keys import generate_signing_key_pem

    commands = ssm_put_commands(section("Rotating the signing key"))
    assert [c.split("ENV_FILE=/dev/null ")[1] for c in commands] == [
        "GENERATE_SIGNING_KEY=1",
        "PROMOTE_SIGNING_KEY=1",
        "RETIRE_SIGNING_KEYS=1",
        "GENERATE_SIGNING_KEY=1 PROMOTE_SIGNING_KEY=1 RETIRE_SIGNING_KEYS=1",
    ]
    ssm.put_parameter(Name=KEYS, Value=generate_signing_key_pem(), Type="SecureString")
    [current] = stage_kids(ssm)
    after = []
    for command in commands:
        result = make(command, ssm_url)
        assert result.returncode == 0, result.stderr
        assert "PRIVATE KEY" not in result.stdout + result.stderr
        after.append(stage_kids(ssm))
    published = after[0][1]
    assert after[:3] == [[current, published], [published, current], [published]]
    [replacement] = after[3]
    assert replacement not in (current, published)


def test_the_first_deploy_puts_a_signing_key_with_the_settings(ssm, ssm_url, tmp_path):
    """Without it the stage answers every sign-in with 503; the smoke test's JWKS request shows that."""
    from saas_billing.routes.issuer_routes import JWKS_PATH

    steps = section("First deploy of a stage")
    [command] = ssm_put_commands(steps)
    env_file = tmp_path / ".env.prod"
    env_file.write_text("STRIPE_API_KEY=sk_live_x\nMONGODB_URI=mongodb://db.example/saas_billing\n")
    result = make(command, ssm_url, ENV_FILE=f"ENV_FILE={env_file}")
    assert result.returncode == 0, result.stderr
    names = {p["Name"] for p in ssm.get_parameters_by_path(Path="/saas-billing/prod/")["Parameters"]}
    assert names == {"/saas-billing/prod/stripe_api_key", "/saas-billing/prod/mongodb_uri", KEYS}
    assert len(stage_kids(ssm)) == 1
    assert f'curl -fsS "${{URL}}{JWKS_PATH.lstrip("/")}"' in steps


def test_the_retired_generate_jwt_secret_flag_stops_make_with_a_reason(ssm_url):
    result = make("make -n ssm-put STAGE=dev GENERATE_JWT_SECRET=1", ssm_url)
    assert result.returncode != 0
    assert "GENERATE_JWT_SECRET is retired: access tokens are signed with jwt_signing_keys" in result.stderr
    assert "scripts.ssm_put" not in result.stdout  # nothing would run
