"""Settings of a deployed stage for the operator's tools (migrate, create-admin with FROM_SSM=1): read from
SSM and checked as a function's would be, so a typo in the path or a missing APP_STAGE is refused rather than
quietly falling back to the local stage's stand-ins."""

from __future__ import annotations

from saas_billing.infra.exception.errors import SettingsError
from saas_billing.infra.settings.app_settings import AppSettings
from saas_billing.infra.settings.loader import load_settings


def deployed_settings(ssm_path: str) -> AppSettings:
    if AppSettings().is_local:  # the stage comes from the environment, before anything is read from SSM
        raise SettingsError(f"{ssm_path} is a deployed stage's path: set APP_STAGE to that stage (make does)")
    settings = load_settings(ssm_path)
    if not settings.mongo_connection_uri:
        raise SettingsError(f"no mongodb_uri under {ssm_path}")
    return settings
