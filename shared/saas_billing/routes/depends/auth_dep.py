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
  `user.user_id` with the owner stored on the resource; load the account (`GetAccountProfileDep`) only when
  the route needs more, e.g. its stripe_customer_id.
- CurrentUser runs the whole device-session flow (usecase/auth/authenticate.py): bearer token or
  device cookies, and the silent refresh. New cookies are queued on the request and added to this
  same response by EdgeMiddleware, whatever the route returns (model, HTMLResponse,
  RedirectResponse) or raises, so the route does nothing about cookies.
- A 401 on a cookie request also clears the cookies. A page that would rather send a visitor to the
  sign-in page takes OptionalUser and redirects to `/v1/auth/signin?next=<this path>`.
- AdminUser re-reads the role from the account, so a demotion takes effect on the next request.
- Depending on several of them in one route authenticates once: the outcome is kept in the request
  scope. Each is one dependency node with no sub-dependencies (a node costs a warm invoke ~20 µs);
  `authenticated_user(request)` is the same check for other providers to call directly.
- Cookies are SameSite=Lax, so a cross-site POST arrives without them (as anonymous): state-changing
  routes should be POST/PUT/DELETE, never GET. One that does carry them (a same-site sibling) with
  another site's Origin is refused with a 403 before any route code runs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Annotated

from fastapi import Depends, Request

from saas_billing.domain.auth_errors import AdminRequired, AuthenticationFailed, NotAuthenticated
from saas_billing.domain.schemas.auth.principal import Principal
from saas_billing.infra.settings.loader import get_settings
from saas_billing.routes.depends.auth_services_dep import user_repo
from saas_billing.routes.http_response.auth_cookies import (
    SAFE_METHODS,
    queue_cleared_cookies,
    queue_session_cookies,
    read_credentials,
    refuse_cross_site,
)

STATE_KEY = "saas_billing.auth_state"


@dataclass(frozen=True)
class _AuthState:
    principal: Principal | None
    error: AuthenticationFailed | None = None


_ANONYMOUS = _AuthState(None)


def _auth_state(request: Request) -> _AuthState:
    """Once per request, whichever of the dependencies below asks first."""
    state = request.scope.get(STATE_KEY)
    if state is None:
        state = request.scope[STATE_KEY] = _authenticate(request)
    return state


def _authenticate(request: Request) -> _AuthState:
    settings = get_settings()
    credentials = read_credentials(request, settings)
    if credentials is None:
        return _ANONYMOUS
    if not credentials.bearer and request.method not in SAFE_METHODS:
        refuse_cross_site(request)  # cookies are ambient authority; a bearer token is not
    # Imported here: a visitor's request (no credentials) never needs the session use cases.
    from saas_billing.routes.depends.authenticate_dep import build_authenticate

    try:
        outcome = build_authenticate(settings).execute(credentials)
    except AuthenticationFailed as error:
        if not credentials.bearer:
            queue_cleared_cookies(request, settings)
        return _AuthState(None, error)
    if outcome.rotated is not None:
        queue_session_cookies(request, outcome.rotated, settings)
    return _AuthState(outcome.principal)


def authenticated_user(request: Request) -> Principal:
    state = _auth_state(request)
    if state.principal is None:
        raise state.error or NotAuthenticated()
    return state.principal


async def current_user_dependency(request: Request) -> Principal:
    return authenticated_user(request)


async def optional_user_dependency(request: Request) -> Principal | None:
    return _auth_state(request).principal


async def admin_user_dependency(request: Request) -> Principal:
    user = authenticated_user(request)
    account = user_repo(get_settings()).get(user.user_id)
    if account is None or not account.is_admin:
        raise AdminRequired()
    return replace(user, role=account.role)


# What the OpenAPI document says a route taking each one needs (infra/fastapi_config/openapi_document.py).
current_user_dependency.openapi_security = "signed_in"  # type: ignore[attr-defined]
optional_user_dependency.openapi_security = "optional"  # type: ignore[attr-defined]
admin_user_dependency.openapi_security = "admin"  # type: ignore[attr-defined]

CurrentUser = Annotated[Principal, Depends(current_user_dependency)]
OptionalUser = Annotated[Principal | None, Depends(optional_user_dependency)]
AdminUser = Annotated[Principal, Depends(admin_user_dependency)]
