"""`jwt_signing_keys` as `make ssm-put` puts it: refused when the functions could not load it, rotated
from the env file's value or the stage's. Only the key ids are ever printed."""

from __future__ import annotations

import sys

from scripts.env_file import EnvFile
from scripts.signing_key_rotation import PARAMETER, kids, next_signing_keys


def unusable_signing_keys(env: EnvFile) -> str | None:
    """Why the env file's `jwt_signing_keys` would fail every function that loads it (None if it loads,
    or is not there). Names the key and its line, never its value."""
    from saas_billing.infra.exception.errors import SettingsError
    from saas_billing.infra.security.service.signing_keys import load_signing_keys

    for key, value in env.values.items():
        if key.lower() != PARAMETER or not value:
            continue
        try:
            load_signing_keys(value)
        except SettingsError as error:
            return (
                f"{key} (line {env.line_of[key]}) is not a usable signing key ({error}): put nothing."
                " Quote a multi-line PEM in the env file, or leave the key out and use GENERATE_SIGNING_KEY=1"
            )
    return None


def settle_signing_keys(
    parameters: dict[str, str], app: str, stage: str, ssm, *, generate: bool, retire: bool, promote: bool
) -> None:
    """Puts the rotated `jwt_signing_keys` among the parameters, from the env file's value or the stage's."""
    name = f"/{app}/{stage}/{PARAMETER}"
    current = parameters.get(name)
    if current is None:
        try:
            current = ssm.get_parameter(Name=name, WithDecryption=True)["Parameter"]["Value"]
        except ssm.exceptions.ParameterNotFound:
            current = None
    parameters[name] = next_signing_keys(current, generate=generate, retire=retire, promote=promote)
    signing, *retired = kids(parameters[name])
    print(f"{name}: signs with {signing}; still valid: {', '.join(retired) or 'none'}", file=sys.stderr)
