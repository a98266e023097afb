"""Where settings come from, highest first: the environment, SSM under a path (deployed), `.env` (locally).

Each source imports only what its stage uses: boto3 (the runtime's) only with an SSM path, python-dotenv
only off Lambda. Neither SSM nor `.env` may choose the stage: only APP_STAGE in the environment (the
template's) does, so a parameter or a `.env` line cannot turn a deployed function into the local stage.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from saas_billing.infra.settings import env_names
from saas_billing.infra.settings.function_settings import MAX_NAMES_PER_CALL

STAGE_FIELD = "app_stage"


def settings_values(fields: Iterable[str], ssm_path: str | None, ssm_names: tuple[str, ...] | None) -> dict:
    """Every source merged; `ssm_names` reads only those parameters (a function's own), None the whole path."""
    values: dict[str, str | None] = {}
    if not env_names.in_lambda():  # a stray .env packaged with a function is never read
        values.update(_without_stage(from_dotenv(os.environ.get(env_names.ENV_FILE, ".env"))))
    if ssm_path:
        values.update(_without_stage(from_ssm(ssm_path, ssm_names)))
    values.update(from_environment(fields))
    return values


def from_environment(fields: Iterable[str]) -> dict[str, str]:
    """Case-insensitive; an empty variable is unset (the template declares MONGODB_URI="" for sam local)."""
    wanted = set(fields)
    return {key.lower(): value for key, value in os.environ.items() if key.lower() in wanted and value != ""}


def from_dotenv(path: str) -> dict[str, str]:
    """A local `.env`, case-insensitive; empty values are unset, as in the environment."""
    if not Path(path).is_file():
        return {}
    from dotenv import dotenv_values

    return {key.lower(): value for key, value in dotenv_values(path, encoding="utf-8").items() if value}


def from_ssm(path: str, names: tuple[str, ...] | None) -> dict[str, str | None]:
    """SecureStrings decrypted, names relative to the path. A function reads its own names in one
    GetParameters call (a read by path would be refused by its role); the operator's tools read the path.
    The client is closed after the read: no connection is kept, so none is open in a SnapStart snapshot."""
    import boto3

    prefix = path.rstrip("/") + "/"
    client = boto3.client("ssm")
    try:
        if names is None:
            pages = client.get_paginator("get_parameters_by_path").paginate(
                Path=path, Recursive=True, WithDecryption=True
            )
            parameters = [parameter for page in pages for parameter in page["Parameters"]]
        else:
            if len(names) > MAX_NAMES_PER_CALL:
                raise ValueError(f"{len(names)} names need more than one GetParameters call")
            reply = client.get_parameters(Names=[f"{prefix}{name}" for name in names], WithDecryption=True)
            parameters = reply["Parameters"]
    finally:
        client.close()
    return {parameter["Name"].removeprefix(prefix): parameter.get("Value") for parameter in parameters}


def _without_stage(values: dict) -> dict:
    return {name: value for name, value in values.items() if name.lower() != STAGE_FIELD}
