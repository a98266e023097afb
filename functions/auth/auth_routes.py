"""Accounts and device sessions: sign-up, sign-in, token refresh, sign-out and the device list.

Form posts from the pages get a 303 to `next` (or the form back with the error); JSON clients get
JSON. Cookies are queued on the request and reach the response through EdgeMiddleware.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from saas_billing.domain.auth_errors import (
    AuthenticationFailed,
    CrossSiteRequest,
    DeviceNotFound,
    EmailAlreadyRegistered,
    InvalidCredentials,
    InvalidRefreshToken,
    LoginThrottled,
    PasswordTooShort,
    RefreshRaceLost,
    RefreshTokenReused,
    SignupThrottled,
)
from saas_billing.domain.schemas.auth.principal import Principal
from saas_billing.infra.exception.errors import ServiceUnavailable
from saas_billing.infra.fastapi_config.error_responses import HANDLED
from saas_billing.infra.fastapi_config.openapi_declarations import body, errors
from saas_billing.infra.mixins.clock import get_clock
from saas_billing.infra.settings.app_settings import AppSettings
from saas_billing.models.schemas.auth.session_public import (
    DeviceListPublic,
    DevicePublic,
    NextPage,
    RefreshCreate,
    TokenPublic,
)
from saas_billing.models.schemas.auth.user_public import SessionCreate, UserCreate, UserPublic
from saas_billing.routes.account_routes import router as account_router
from saas_billing.routes.depends.account_mail_dep import SendVerificationDep
from saas_billing.routes.depends.account_profile_dep import GetAccountProfileDep
from saas_billing.routes.depends.auth_dep import CurrentUser, OptionalUser
from saas_billing.routes.depends.auth_usecase_dep import (
    LoginDep,
    ManageDevicesDep,
    RefreshRotationDep,
    RegisterUserDep,
    StartSessionDep,
)
from saas_billing.routes.depends.request_dep import NoticeQuery, PublicBaseUrl
from saas_billing.routes.depends.settings_dep import SettingsDep
from saas_billing.routes.http_response.auth_cookies import (
    queue_cleared_cookies,
    queue_session_cookies,
    refresh_cookie,
)
from saas_billing.routes.http_response.auth_forms import (
    ACCOUNT_PATH,
    READS_BODY,
    SIGNIN_PATH,
    read_entry,
    safe_next,
)
from saas_billing.routes.http_response.auth_pages import render_auth_page, render_form_error
from saas_billing.routes.http_response.notices import notice_text
from saas_billing.routes.issuer_routes import router as issuer_router
from saas_billing.usecase.auth.manage_devices import ManageDevices

auth_router = APIRouter(prefix="/v1/auth", tags=["auth"])


# The most frequent request first: routes are matched in order, and each one tried costs a warm invoke.
@auth_router.get("/me", response_model=UserPublic, responses=errors(ServiceUnavailable))
async def me(user: CurrentUser, get_profile: GetAccountProfileDep) -> UserPublic:
    """The account, its Stripe customer and the subscription it is on now (from MongoDB, not Stripe)."""
    profile = get_profile.execute(user.user_id)
    return UserPublic.from_domain(profile.account, profile.subscription)


@auth_router.get("/signin", response_class=HTMLResponse)
async def signin_page(
    settings: SettingsDep, next: str | None = None, notice: NoticeQuery = None
) -> HTMLResponse:
    """The sign-in form; after signing in the browser goes to `next` (a same-site path)."""
    return render_auth_page(
        "signin",
        safe_next(next),
        min_password_length=settings.password_min_length,
        notice=notice_text(notice),
    )


@auth_router.get("/signup", response_class=HTMLResponse)
async def signup_page(settings: SettingsDep, next: str | None = None) -> HTMLResponse:
    """The sign-up form; after signing up the browser goes to `next` (a same-site path)."""
    return render_auth_page("signup", safe_next(next), min_password_length=settings.password_min_length)


@auth_router.post(
    "/register",
    status_code=201,
    response_model=UserPublic,
    responses=errors(*READS_BODY, PasswordTooShort, EmailAlreadyRegistered, SignupThrottled),
    openapi_extra=body(UserCreate, form=True),
)
async def register(
    request: Request,
    register_user: RegisterUserDep,
    start_session: StartSessionDep,
    verification: SendVerificationDep,
    base_url: PublicBaseUrl,
    settings: SettingsDep,
):
    """Creates an account (409 if the email is taken in any letter case) and mails its verification
    link. A form also signs in. Throttled per client IP (429), taken emails included: the 409 tells
    that an account exists."""
    entry = await read_entry(request)
    try:
        body = entry.parse(UserCreate)
        user = register_user.execute(body.email, body.password, client_ip=entry.client_ip)
        verification.after_signup(user, base_url)
    except HANDLED as error:
        if not entry.is_form:
            raise
        return render_form_error("signup", entry, error, min_password_length=settings.password_min_length)
    if entry.is_form:
        queue_session_cookies(
            request, start_session.execute(user, kind=entry.kind, user_agent=entry.user_agent), settings
        )
    return entry.done(UserPublic.from_domain(user), status_code=201, notice="signed-up")


@auth_router.post(
    "/login",
    response_model=TokenPublic,
    responses=errors(*READS_BODY, InvalidCredentials, LoginThrottled),
    openapi_extra=body(SessionCreate, form=True),
)
async def login(request: Request, login_user: LoginDep, devices: ManageDevicesDep, settings: SettingsDep):
    """Signs this device in: tokens in the body for JSON clients, HttpOnly cookies for everyone.
    A device still holding a live session of the account skips the account-wide slowdown."""
    entry = await read_entry(request)
    try:
        body = entry.parse(SessionCreate)
        _, tokens = login_user.execute(
            body.email,
            body.password,
            client_ip=entry.client_ip,
            user_agent=entry.user_agent,
            kind=entry.kind,
            signed_in_user_id=devices.holder_of(refresh_cookie(request, settings)),
        )
    except HANDLED as error:
        if not entry.is_form:
            raise
        return render_form_error("signin", entry, error, min_password_length=settings.password_min_length)
    queue_session_cookies(request, tokens, settings)
    return entry.done(TokenPublic.from_domain(tokens), notice="signed-in")


@auth_router.post(
    "/refresh",
    response_model=TokenPublic,
    responses={
        204: {"description": "Cookies rotated"},
        **errors(*READS_BODY, InvalidRefreshToken, RefreshTokenReused, RefreshRaceLost),
    },
    openapi_extra=body(RefreshCreate, required=False),
)
async def refresh(request: Request, rotation: RefreshRotationDep, settings: SettingsDep):
    """Rotates both tokens. The body's refresh_token, else the refresh cookie; a reused one signs out.
    From the cookie, the answer is a 204 with new cookies: no page script may read HttpOnly tokens."""
    entry = await read_entry(request)
    presented = entry.parse(RefreshCreate).refresh_token
    token = presented or refresh_cookie(request, settings)
    if not token:
        raise InvalidRefreshToken("No refresh token: send refresh_token, or log in again")
    try:
        _, tokens = rotation.refresh(token, get_clock().now())
    except AuthenticationFailed:
        if not presented:
            queue_cleared_cookies(request, settings)
        raise
    queue_session_cookies(request, tokens, settings)
    return entry.done(TokenPublic.from_domain(tokens) if presented else None)


@auth_router.post(
    "/logout",
    status_code=204,
    responses=errors(*READS_BODY),
    openapi_extra=body(RefreshCreate, form=NextPage, required=False),
)
async def logout(request: Request, user: OptionalUser, devices: ManageDevicesDep, settings: SettingsDep):
    """Signs this device out (cookies, bearer, or a refresh_token in the body); always succeeds."""
    entry = await read_entry(request, default_next=SIGNIN_PATH)
    refresh_token = None if entry.is_form else entry.parse(RefreshCreate).refresh_token
    if user is not None:
        devices.logout(user)
    elif refresh_token:
        devices.logout_by_refresh_token(refresh_token)
    queue_cleared_cookies(request, settings)
    return entry.done(notice="signed-out")


@auth_router.post(
    "/logout-all",
    status_code=204,
    responses=errors(*READS_BODY),
    openapi_extra=body(NextPage, form=True, json=False, required=False),
)
async def logout_all(request: Request, user: CurrentUser, devices: ManageDevicesDep, settings: SettingsDep):
    """Signs every device of this account out, this one included."""
    entry = await read_entry(request, default_next=SIGNIN_PATH)
    devices.logout_all(user)
    queue_cleared_cookies(request, settings)
    return entry.done()


@auth_router.get("/devices", response_model=DeviceListPublic, responses=errors(ServiceUnavailable))
async def list_devices(user: CurrentUser, devices: ManageDevicesDep) -> DeviceListPublic:
    """This account's signed-in devices, the one asking marked `current`."""
    return DeviceListPublic(data=[DevicePublic.from_domain(s, user.device_id) for s in devices.list(user)])


@auth_router.delete(
    "/devices/{device_id}",
    status_code=204,
    responses=errors(CrossSiteRequest, DeviceNotFound, ServiceUnavailable),
)
async def revoke_device(
    device_id: str, request: Request, user: CurrentUser, devices: ManageDevicesDep, settings: SettingsDep
) -> None:
    """Signs one of this account's devices out (404 for an unknown or someone else's device)."""
    _sign_out_device(request, user, devices, settings, device_id)


@auth_router.post(
    "/devices/{device_id}/logout",
    status_code=204,
    responses=errors(*READS_BODY, DeviceNotFound),
    openapi_extra=body(NextPage, form=True, json=False, required=False),
)
async def sign_out_device(
    device_id: str, request: Request, user: CurrentUser, devices: ManageDevicesDep, settings: SettingsDep
):
    """The account page's per-device button (DELETE for forms): signs that device out; its next request
    is a 401. A form goes back to the account page."""
    entry = await read_entry(request, default_next=ACCOUNT_PATH)
    _sign_out_device(request, user, devices, settings, device_id)
    return entry.done(notice="device-signed-out")


def _sign_out_device(
    request: Request, user: Principal, devices: ManageDevices, settings: AppSettings, device_id: str
) -> None:
    """Revokes the device; signing this very device out also clears its cookies."""
    devices.revoke(user, device_id)
    if device_id == user.device_id:
        queue_cleared_cookies(request, settings)


@auth_router.post(
    "/logout-others",
    status_code=204,
    responses=errors(*READS_BODY),
    openapi_extra=body(NextPage, form=True, json=False, required=False),
)
async def logout_others(request: Request, user: CurrentUser, devices: ManageDevicesDep):
    """Signs every other device of this account out; this one stays signed in."""
    entry = await read_entry(request, default_next=ACCOUNT_PATH)
    devices.logout_others(user)
    return entry.done(notice="others-signed-out")


# The function's routes, in matching order: accounts and sessions under /v1/auth; verification, password
# reset and credential changes (also under /v1/auth) after them, as less frequent; the issuer's documents
# under /.well-known. Included side by side into the app: FastAPI rebuilds every route of a router each
# time it is included in another, so nesting routers would build each route once per level.
routers = (auth_router, account_router, issuer_router)
