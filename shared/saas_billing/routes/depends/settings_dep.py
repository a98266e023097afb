"""Settings at the edge; async so FastAPI does not hand it to a thread pool."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from saas_billing.infra.settings.app_settings import AppSettings
from saas_billing.infra.settings.loader import get_settings


async def settings_dependency() -> AppSettings:
    return get_settings()


SettingsDep = Annotated[AppSettings, Depends(settings_dependency)]
