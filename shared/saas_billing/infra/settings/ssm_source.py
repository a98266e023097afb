"""The SSM source of a deployed function: its own parameters by name, in one GetParameters call.

A function that knows its group (SETTINGS_FUNCTION) reads only the names declared for it in
function_settings.py, which is all its role may read; a read by path would be refused. Without a group
(the operator's tools: migrate, create-admin) the whole stage path is read, as before.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from contextvars import ContextVar

from pydantic_settings import AWSSystemsManagerSettingsSource, BaseSettings, PydanticBaseSettingsSource
from pydantic_settings.sources.utils import parse_env_vars

from saas_billing.infra.settings.function_settings import MAX_NAMES_PER_CALL, settings_for

SETTINGS_FUNCTION = "SETTINGS_FUNCTION"
# Set by the loader so an explicit argument can override SETTINGS_FUNCTION for one load.
function_override: ContextVar[str | None] = ContextVar("function_override", default=None)


def current_function() -> str | None:
    return function_override.get() or os.environ.get(SETTINGS_FUNCTION) or None


class SsmNamesSource(AWSSystemsManagerSettingsSource):
    """pydantic-settings' SSM source, reading a fixed list of names under the path instead of the path."""

    def __init__(self, settings_cls: type[BaseSettings], ssm_path: str, names: tuple[str, ...]) -> None:
        if len(names) > MAX_NAMES_PER_CALL:
            raise ValueError(f"{len(names)} names need more than one GetParameters call")
        self._names = names
        super().__init__(settings_cls, ssm_path=ssm_path)

    def _load_env_vars(self) -> Mapping[str, str | None]:
        prefix = self._ssm_path.rstrip("/") + "/"
        try:
            reply = self._ssm_client.get_parameters(
                Names=[f"{prefix}{name}" for name in self._names], WithDecryption=True
            )
        finally:
            # Read once per container: no connection is kept, so none is open in a SnapStart snapshot.
            self._ssm_client.close()
        parameters = {p["Name"].removeprefix(prefix): p.get("Value") for p in reply["Parameters"]}
        return parse_env_vars(parameters, self.case_sensitive, self.env_ignore_empty, self.env_parse_none_str)


def ssm_source(settings_cls: type[BaseSettings], ssm_path: str) -> PydanticBaseSettingsSource:
    function = current_function()
    if function is None:
        return AWSSystemsManagerSettingsSource(settings_cls, ssm_path=ssm_path)
    return SsmNamesSource(settings_cls, ssm_path, settings_for(function).names)
