"""Settings sources that may not choose the stage."""

from __future__ import annotations

from pydantic_settings import PydanticBaseSettingsSource


class WithoutStage(PydanticBaseSettingsSource):
    """A source that may not set the stage: only APP_STAGE in the environment (the template's) does.

    An SSM parameter or a `.env` line naming the stage could otherwise turn a deployed function into
    the local stage, with its public webhook secret and stand-ins.
    """

    def __init__(self, source: PydanticBaseSettingsSource) -> None:
        super().__init__(source.settings_cls)
        self._source = source

    def get_field_value(self, field, field_name):  # pragma: no cover - __call__ does the work
        return None, field_name, False

    def __call__(self) -> dict:
        return {name: value for name, value in self._source().items() if name.lower() != "app_stage"}
