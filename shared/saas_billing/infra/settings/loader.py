"""Settings are loaded once per container: one SSM path read on a cold start, none when warm."""

from __future__ import annotations

import os
from functools import lru_cache

from saas_billing.infra.exception.errors import SettingsError
from saas_billing.infra.settings import env_names
from saas_billing.infra.settings.app_settings import REQUIRED_WHEN_DEPLOYED, AppSettings, ssm_path_override
from saas_billing.infra.settings.function_settings import settings_for
from saas_billing.infra.settings.ssm_source import current_function, function_override


def load_settings(ssm_path: str | None = None, function: str | None = None) -> AppSettings:
    """Build and check settings; an explicit `ssm_path` wins over SETTINGS_SSM_PATH, and an explicit
    `function` (group) over SETTINGS_FUNCTION: a function reads and requires only its own settings."""
    path = ssm_path or os.environ.get(env_names.SETTINGS_SSM_PATH)
    token = ssm_path_override.set(path)
    function_token = function_override.set(function)
    try:
        group = current_function()
        settings = AppSettings()
    finally:
        function_override.reset(function_token)
        ssm_path_override.reset(token)
    if settings.is_local and (path or env_names.deployed_runtime()):
        raise SettingsError(
            f"Refusing the local stage in a deployed runtime ({_runtime_markers(path)} set): "
            f"set {env_names.APP_STAGE} to the deployed stage (template.yaml does)"
        )
    missing = settings.missing_required(settings_for(group).required if group else REQUIRED_WHEN_DEPLOYED)
    if missing:
        where = [f"{path}{name}" if path else name.upper() for name in missing]
        raise SettingsError(f"Missing required settings for stage '{settings.app_stage}': {', '.join(where)}")
    unsafe = settings.unsafe_values()
    if unsafe:
        raise SettingsError(f"Unsafe settings for stage '{settings.app_stage}': {'; '.join(unsafe)}")
    return settings


def _runtime_markers(path: str | None) -> str:
    names = [env_names.SETTINGS_SSM_PATH] if path else []
    if env_names.in_lambda():
        names.append(env_names.LAMBDA_FUNCTION_NAME)
    return " and ".join(names)


@lru_cache(maxsize=1)
def get_settings() -> AppSettings:
    return load_settings()


def reset_settings() -> None:
    get_settings.cache_clear()
