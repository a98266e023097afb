"""moto_server on loopback standing in for SSM, so built functions can cold-start in a deployed stage.

Used by the built tests and the bench: a real HTTP endpoint (AWS_ENDPOINT_URL_SSM) is what a clean child
interpreter can reach, unlike moto's in-process mock.
"""

from __future__ import annotations

import secrets
import sys
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from scripts.child_process import free_port, spawn, stop

REGION = "us-east-1"
FAKE_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": REGION,
}
STAGE_PATH = "/saas-billing/dev/"
# The three settings a deployed stage must have; generated per run, so they pass the loader's safety checks.
REQUIRED_SECRETS = {
    "stripe_api_key": "sk_test_local_only",
    "stripe_webhook_secret": "whsec_" + secrets.token_urlsafe(24),
    "mongodb_uri": "mongodb://127.0.0.1:9/saas_billing",
}


@contextmanager
def moto_server(startup_timeout: float = 30.0) -> Iterator[str]:
    """Starts this venv's moto_server on a free loopback port; yields its URL."""
    port = free_port()
    executable = Path(sys.executable).with_name("moto_server")
    url = f"http://127.0.0.1:{port}"
    process = spawn(
        [str(executable), "-H", "127.0.0.1", "-p", str(port)],
        _answers(url),
        "moto_server",
        startup_timeout,
        quiet=True,
    )
    try:
        yield url
    finally:
        stop(process)


def _answers(url: str):
    def check() -> bool:
        try:
            urllib.request.urlopen(f"{url}/moto-api/", timeout=1).close()
        except OSError:
            return False
        return True

    return check


def reset_moto(url: str) -> None:
    urllib.request.urlopen(urllib.request.Request(f"{url}/moto-api/reset", method="POST"), timeout=5).close()


def put_parameters(
    url: str, values: dict[str, str], path: str = STAGE_PATH, kind: str = "SecureString"
) -> None:
    import boto3

    ssm = boto3.client(
        "ssm",
        endpoint_url=url,
        region_name=REGION,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    for name, value in values.items():
        ssm.put_parameter(Name=f"{path}{name}", Value=value, Type=kind, Overwrite=True)


def deployed_env(ssm_endpoint: str, path: str = STAGE_PATH) -> dict[str, str]:
    """What a built function needs to cold-start in the dev stage against a local SSM endpoint."""
    return {
        "APP_STAGE": "dev",
        "SETTINGS_SSM_PATH": path,
        "AWS_ENDPOINT_URL_SSM": ssm_endpoint,
        **FAKE_CREDENTIALS,
    }
