"""Whose subscriptions a caller may see. A placeholder until accounts exist.

Returns the owner to restrict to, or None for unrestricted. Today: unrestricted in the local stage and
403 in deployed stages; the auth work replaces this function to return the signed-in user's account id
(or None for an admin), and every subscription use case already honours it.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from saas_billing.infra.exception.errors import Forbidden
from saas_billing.routes.depends.settings_dep import SettingsDep


async def account_scope(settings: SettingsDep) -> str | None:
    if not settings.is_local:
        raise Forbidden("Managing subscriptions needs sign-in, which this stage does not offer yet")
    return None


AccountScope = Annotated[str | None, Depends(account_scope)]
