"""`make ssm-put STAGE=dev`: copies a local .env into SSM Parameter Store as SecureStrings.

Each key naming an AppSettings field (case-insensitive; the original app's MONGODB_HOST/PORT/USERNAME/
PASSWORD are fields too) becomes /<app>/<stage>/<lower_name>, the path a deployed function reads at cold
start. Unknown keys are reported and skipped, retired settings with a notice that nothing uses them;
--dry-run prints parameter names, never values. boto3 honors AWS_ENDPOINT_URL_SSM, so the same command
fills a local moto_server.

The access tokens' signing keys rotate here too (scripts/signing_key_rotation.py): --generate-signing-key
puts a new RSA key first in `jwt_signing_keys` and keeps the stage's current ones (still valid);
--retire-signing-keys keeps only the signing key. Only the key ids are printed. A `jwt_signing_keys`
value that the functions could not load (an unquoted multi-line PEM, cut at its first line) stops the
run before anything is put, and lines of the env file that are not KEY=VALUE are shown by number only.
The env file may be any readable file: `ENV_FILE=/dev/null` rotates keys without putting settings.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

from scripts.env_file import read_env_file
from scripts.template_model import ROOT

# Set per stage by template.yaml's environment, which wins over SSM anyway.
FROM_TEMPLATE = {"app_name", "app_stage"}
# Former settings an old env file may still hold: nothing reads them, so they are not put.
RETIRED = {"jwt_secret", "jwt_previous_secret"}


def with_shared_package() -> None:
    """The shared package is importable from a checkout without installing it."""
    shared = str(ROOT / "shared")
    if shared not in sys.path:
        sys.path.append(shared)


def setting_names() -> set[str]:
    with_shared_package()
    from saas_billing.infra.settings.app_settings import AppSettings

    return set(AppSettings.model_fields)


def read_by_functions() -> set[str]:
    """Each function's role reads only its declared parameters (function_settings.py)."""
    with_shared_package()
    from saas_billing.infra.settings.function_settings import every_parameter_name

    return every_parameter_name()


@dataclass
class Plan:
    parameters: dict[str, str] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)  # key -> reason
    unread: list[str] = field(default_factory=list)  # put, but only the operator's tools read it


def plan(values: dict[str, str | None], app: str, stage: str) -> Plan:
    known = setting_names()
    result = Plan()
    for key, value in values.items():
        name = key.lower()
        if name in RETIRED:
            result.skipped[key] = "no longer used (access tokens are signed with jwt_signing_keys): not put"
        elif name not in known:
            result.skipped[key] = "not a setting of AppSettings"
        elif name in FROM_TEMPLATE:
            result.skipped[key] = "set per stage by template.yaml"
        elif not value:
            result.skipped[key] = "empty value (SSM cannot store it)"
        else:
            result.parameters[f"/{app}/{stage}/{name}"] = value
            if name not in read_by_functions():
                result.unread.append(key)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--app", default="saas-billing")
    parser.add_argument("--stage", required=True)
    parser.add_argument("--env-file", type=Path, default=Path(".env"))
    parser.add_argument("--region", help="the stack's region (make passes samconfig.toml's)")
    parser.add_argument("--dry-run", action="store_true", help="print the parameter names only")
    parser.add_argument(
        "--generate-signing-key",
        action="store_true",
        help="publish a new access-token signing key (it verifies; it signs once promoted)",
    )
    parser.add_argument(
        "--promote-signing-key", action="store_true", help="make the newest published key the signing key"
    )
    parser.add_argument(
        "--retire-signing-keys", action="store_true", help="keep only the signing key of jwt_signing_keys"
    )
    args = parser.parse_args(argv)
    with_shared_package()
    from scripts.ssm_put_signing_keys import settle_signing_keys, unusable_signing_keys

    try:
        env = read_env_file(args.env_file)
    except OSError as error:  # a directory, a missing or unreadable file
        parser.error(f"{args.env_file}: {error.strerror or 'cannot be read'}")
    except ValueError:
        parser.error(f"{args.env_file}: not UTF-8 text")
    for line in env.not_settings:
        print(f"line {line}: not KEY=VALUE (not shown)", file=sys.stderr)
    if refusal := unusable_signing_keys(env):
        print(f"ssm-put stopped: {refusal}", file=sys.stderr)
        return 2
    todo = plan(env.values, args.app, args.stage)
    for key, reason in todo.skipped.items():
        print(f"skipped {key}: {reason}", file=sys.stderr)
    for key in todo.unread:
        print(
            f"note {key}: no function reads it from SSM (only make migrate/create-admin do)", file=sys.stderr
        )
    rotating = args.generate_signing_key or args.promote_signing_key or args.retire_signing_keys
    import boto3
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        ssm = boto3.client("ssm", region_name=args.region or None) if rotating or not args.dry_run else None
        if rotating:
            rotation = {
                "generate": args.generate_signing_key,
                "promote": args.promote_signing_key,
                "retire": args.retire_signing_keys,
            }
            settle_signing_keys(todo.parameters, args.app, args.stage, ssm, **rotation)
        if args.dry_run:
            for name in todo.parameters:
                print(f"would put {name} (SecureString)")
            return 0
        for name, value in todo.parameters.items():
            # Two RSA keys in PEM pass the standard tier's 4 KB; a third needs the advanced tier.
            ssm.put_parameter(
                Name=name, Value=value, Type="SecureString", Overwrite=True, Tier="Intelligent-Tiering"
            )
            print(f"put {name} (SecureString)")
    except (BotoCoreError, ClientError) as error:
        print(f"ssm-put stopped: {error}", file=sys.stderr)
        return 1
    except ValueError as error:  # a rotation that would leave no key
        print(f"ssm-put stopped: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
