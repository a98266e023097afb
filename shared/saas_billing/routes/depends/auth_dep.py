"""Who is calling: `CurrentUser`, `OptionalUser` and `AdminUser` for any route of any function.

How a route uses them::

    from saas_billing.routes.depends.auth_dep import AdminUser, CurrentUser, OptionalUser

    @router.post("/v1/checkout")
    async def create_checkout(user: CurrentUser, ...):   # 401 if nobody is signed in
        ... user.user_id, user.email, user.role, user.device_id ...

    @router.get("/pricing")
    async def pricing_page(user: OptionalUser):          # None for visitors; never raises
        ...

    @router.get("/v1/admin/customers")
    async def list_customers(admin: AdminUser):          # 401 anonymous, 403 signed in but not admin
        ...

- The value is a `Principal` (domain/schemas/auth/tokens.py). Ownership checks compare
  `user.user_id` with the owner stored on the resource; load the account (`UserRepoDep`) only when
  the route needs more, e.g. its stripe_customer_id.
- CurrentUser runs the whole device-session flow (usecase/auth/authenticate.py): bearer token or
  device cookies, and the silent refresh. New cookies are queued on the request and added to this
  same response by EdgeMiddleware, whatever the route returns (model, HTMLResponse,
  RedirectResponse) or raises, so the route does nothing about cookies.
- A 401 on a cookie request also clears the cookies. A page that would rather send a visitor to the
  sign-in page takes OptionalUser and redirects to `/v1/auth/signin?next=<this path>`.
- AdminUser re-reads the role from the account, so a demotion takes effect on the next request.
- Depending on several of them in one route (or in nested dependencies) authenticates once: FastAPI
  caches the shared `_auth_state` per request.
- Cookies are SameSite=Lax, so a cross-site POST arrives without them (as anonymous): state-changing
  routes should be POST/PUT/DELETE, never GET.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Annotated

from fastapi import Depends, Request

from saas_billing.domain.auth_errors import AdminRequired, AuthenticationFailed, NotAuthenticated
from saas_billing.domain.schemas.auth.tokens import Principal
from saas_billing.routes.depends.auth_services_dep import UserRepoDep
from saas_billing.routes.depends.auth_usecase_dep import AuthenticateDep
from saas_billing.routes.depends.settings_dep import SettingsDep
from saas_billing.routes.http_response.auth_cookies import (
    queue_cleared_cookies,
    queue_session_cookies,
    read_credentials,
)


@dataclass(frozen=True)
class _AuthState:
    principal: Principal | None
    error: AuthenticationFailed | None = None


async def _auth_state(request: Request, settings: SettingsDep, authenticate: AuthenticateDep) -> _AuthState:
    credentials = read_credentials(request)
    if credentials is None:
        return _AuthState(None)
    try:
        outcome = authenticate.execute(credentials)
    except AuthenticationFailed as error:
        if not credentials.bearer:
            queue_cleared_cookies(request, settings)
        return _AuthState(None, error)
    if outcome.rotated is not None:
        queue_session_cookies(request, outcome.rotated, settings)
    return _AuthState(outcome.principal)


async def current_user_dependency(state: Annotated[_AuthState, Depends(_auth_state)]) -> Principal:
    if state.principal is None:
        raise state.error or NotAuthenticated()
    return state.principal


async def optional_user_dependency(state: Annotated[_AuthState, Depends(_auth_state)]) -> Principal | None:
    return state.principal


CurrentUser = Annotated[Principal, Depends(current_user_dependency)]
OptionalUser = Annotated[Principal | None, Depends(optional_user_dependency)]


async def admin_user_dependency(user: CurrentUser, users: UserRepoDep) -> Principal:
    account = users.get(user.user_id)
    if account is None or not account.is_admin:
        raise AdminRequired()
    return replace(user, role=account.role)


AdminUser = Annotated[Principal, Depends(admin_user_dependency)]
