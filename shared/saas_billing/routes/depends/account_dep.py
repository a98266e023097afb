"""Whose subscriptions a caller may see and change.

`AccountScope` is the owner to restrict to: the signed-in user's own account id, or None (unrestricted)
for an admin; 401 for a visitor. Every subscription use case takes it, and someone else's subscription
then looks exactly like an unknown one (404), so ids cannot be probed.

`ListingScope` is the same for listings, where "everyone's" must be asked for (`scope=all`) and is
admin-only (403 for a user), so an admin's own listing stays theirs by default.

Flat: they call the auth check and the repository directly; authentication still runs once per request.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Depends, Query, Request

from saas_billing.domain.auth_errors import AdminRequired
from saas_billing.domain.schemas.auth.principal import Principal
from saas_billing.infra.settings.loader import get_settings
from saas_billing.routes.depends.auth_dep import CurrentUser, authenticated_user
from saas_billing.routes.depends.auth_services_dep import user_repo


def _is_admin(user: Principal) -> bool:
    """The token's role, confirmed on the account, so a demotion takes effect on the next request."""
    if not user.is_admin:
        return False
    account = user_repo(get_settings()).get(user.user_id)
    return account is not None and account.is_admin


async def account_scope(request: Request) -> str | None:
    user = authenticated_user(request)
    return None if _is_admin(user) else user.user_id


async def listing_scope(
    user: CurrentUser,  # a sub-dependency so a visitor gets 401 before `scope` is validated (422)
    scope: Annotated[
        Literal["mine", "all"], Query(description="`all`: every account's subscriptions (admin only)")
    ] = "mine",
) -> str | None:
    if scope == "mine":
        return user.user_id
    if not _is_admin(user):
        raise AdminRequired()
    return None


account_scope.openapi_security = "signed_in"  # type: ignore[attr-defined]  # for the OpenAPI document
AccountScope = Annotated[str | None, Depends(account_scope)]
ListingScope = Annotated[str | None, Depends(listing_scope)]
