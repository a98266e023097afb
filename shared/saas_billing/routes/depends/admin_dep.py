"""Who may use the admin API. A placeholder until accounts exist: swap this one function for a real check.

Open in the local stage only; every deployed stage answers 403, so the admin routes are never public.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends

from saas_billing.infra.exception.errors import Forbidden
from saas_billing.routes.depends.settings_dep import SettingsDep


@dataclass(frozen=True)
class Admin:
    id: str


async def require_admin(settings: SettingsDep) -> Admin:
    if not settings.is_local:
        raise Forbidden("Admin endpoints are only open in the local stage until admin sign-in exists")
    return Admin(id="local-admin")


AdminAccess = Annotated[Admin, Depends(require_admin)]
