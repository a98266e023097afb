"""`make ssm-put STAGE=dev`: copies a local .env into SSM Parameter Store as SecureStrings.

Each key naming an AppSettings field (case-insensitive; the original app's MONGODB_HOST/PORT/USERNAME/
PASSWORD are fields too) becomes /<app>/<stage>/<lower_name>, the path a deployed function reads at cold
start. Unknown keys are reported and skipped; --dry-run prints parameter names, never values. boto3 honors
AWS_ENDPOINT_URL_SSM, so the same command fills a local moto_server.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import dotenv_values

from scripts.template_model import ROOT

# Set per stage by template.yaml's environment, which wins over SSM anyway.
FROM_TEMPLATE = {"app_name", "app_stage"}


def setting_names() -> set[str]:
    """AppSettings field names; the shared package is importable from a checkout without installing it."""
    shared = str(ROOT / "shared")
    if shared not in sys.path:
        sys.path.append(shared)
    from saas_billing.infra.settings.app_settings import AppSettings

    return set(AppSettings.model_fields)


def read_by_functions() -> set[str]:
    """Each function's role reads only its declared parameters (function_settings.py)."""
    setting_names()  # puts the shared package on the path
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
        if name not in known:
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
    args = parser.parse_args(argv)
    if not args.env_file.is_file():
        parser.error(f"{args.env_file} not found")
    todo = plan(dotenv_values(args.env_file), args.app, args.stage)
    for key, reason in todo.skipped.items():
        print(f"skipped {key}: {reason}", file=sys.stderr)
    for key in todo.unread:
        print(
            f"note {key}: no function reads it from SSM (only make migrate/create-admin do)", file=sys.stderr
        )
    if args.dry_run:
        for name in todo.parameters:
            print(f"would put {name} (SecureString)")
        return 0
    import boto3
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        ssm = boto3.client("ssm", region_name=args.region or None)
        for name, value in todo.parameters.items():
            ssm.put_parameter(Name=name, Value=value, Type="SecureString", Overwrite=True)
            print(f"put {name} (SecureString)")
    except (BotoCoreError, ClientError) as error:
        print(f"ssm-put stopped: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
