"""The auth function's account routes: email verification, password reset and credential changes.

Mailed links open a page whose button posts the token (GET never spends it, so a mail scanner that
follows links cannot). Forms get pages or a 303; JSON clients get JSON, as in auth_routes.
"""

from __future__ import annotations

import asyncio
import time

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from saas_billing.domain.auth_errors import (
    EmailNotVerified,
    InvalidAccountToken,
    InvalidCredentials,
    MailThrottled,
    PasswordTooShort,
)
from saas_billing.infra.fastapi_config.error_responses import HANDLED
from saas_billing.infra.fastapi_config.openapi_declarations import body, errors
from saas_billing.models.schemas.auth.session_public import NextPage
from saas_billing.models.schemas.auth.user_public import (
    AcceptedPublic,
    EmailChange,
    EmailOnly,
    PasswordChange,
    PasswordReset,
    TokenOnly,
)
from saas_billing.routes.depends.account_mail_dep import (
    ChangePasswordDep,
    ConfirmEmailDep,
    ForgotPasswordDep,
    RequestEmailChangeDep,
    ResetPasswordDep,
    SendVerificationDep,
)
from saas_billing.routes.depends.auth_dep import CurrentUser
from saas_billing.routes.depends.request_dep import PublicBaseUrl
from saas_billing.routes.depends.settings_dep import SettingsDep
from saas_billing.routes.http_response.auth_forms import (
    NO_STORE,
    READS_BODY,
    SIGNIN_PATH,
    Entry,
    read_entry,
)
from saas_billing.routes.http_response.auth_pages import render_auth_page, render_form_error

# Served by the auth function next to its own /v1/auth routes.
router = APIRouter(prefix="/v1/auth", tags=["auth"])

FORGOT_SENT = "If an account uses this address, we have emailed it a link to choose a new password."
# Deployed, forgot-password answers no sooner than this, so sending a mail (an SES call) or not
# cannot be told apart by timing; locally nothing goes over a network.
FORGOT_FLOOR_SECONDS = 0.4
TokenQuery = Query(default="", max_length=256)


def _accepted(entry: Entry, detail: str, settings) -> Response:
    if entry.is_form:
        return render_auth_page(
            "sent", "/", min_password_length=settings.password_min_length, sent_detail=detail
        )
    return JSONResponse({"detail": detail}, status_code=202, headers=NO_STORE)


@router.get("/password/forgot", response_class=HTMLResponse)
async def forgot_page(settings: SettingsDep) -> HTMLResponse:
    """The form that asks for a password reset link."""
    return render_auth_page("forgot", "/", min_password_length=settings.password_min_length)


@router.post(
    "/password/forgot",
    status_code=202,
    response_model=AcceptedPublic,
    responses=errors(*READS_BODY, MailThrottled),
    openapi_extra=body(EmailOnly, form=True, redirects=False),  # a form gets the "sent" page
)
async def forgot_password(
    request: Request, forgot: ForgotPasswordDep, base_url: PublicBaseUrl, settings: SettingsDep
):
    """Always 202 with the same body, whether or not the email has an account; 429 per client IP."""
    started = time.monotonic()
    entry = await read_entry(request)
    try:
        forgot.execute(entry.parse(EmailOnly).email, base_url, entry.client_ip)
    except HANDLED as error:
        if not entry.is_form:
            raise
        return render_form_error("forgot", entry, error, min_password_length=settings.password_min_length)
    if not settings.is_local:
        await asyncio.sleep(max(0.0, FORGOT_FLOOR_SECONDS - (time.monotonic() - started)))
    return _accepted(entry, FORGOT_SENT, settings)


@router.get("/password/reset", response_class=HTMLResponse)
async def reset_page(settings: SettingsDep, token: str = TokenQuery) -> HTMLResponse:
    """The mailed reset link opens this form; its button posts the token with the new password."""
    return render_auth_page("reset", "/", min_password_length=settings.password_min_length, token=token)


@router.post(
    "/password/reset",
    status_code=204,
    responses=errors(*READS_BODY, InvalidAccountToken, PasswordTooShort),
    openapi_extra=body(PasswordReset, form=True),
)
async def reset_password(request: Request, reset: ResetPasswordDep, settings: SettingsDep):
    """Sets a new password with the mailed link's token (single use, 30 min); signs every device out."""
    entry = await read_entry(request, default_next=SIGNIN_PATH)
    try:
        body = entry.parse(PasswordReset)
        reset.execute(body.token, body.password)
    except HANDLED as error:
        if not entry.is_form:
            raise
        return render_form_error("reset", entry, error, min_password_length=settings.password_min_length)
    return entry.done()


@router.post(
    "/password",
    status_code=204,
    responses=errors(*READS_BODY, InvalidCredentials, PasswordTooShort),
    openapi_extra=body(PasswordChange, form=True),
)
async def change_password(request: Request, user: CurrentUser, change: ChangePasswordDep):
    """Needs the current password; every other device of the account is signed out."""
    entry = await read_entry(request)
    body = entry.parse(PasswordChange)
    change.execute(user, body.current_password, body.new_password, entry.client_ip)
    return entry.done()


@router.get("/email/verify", response_class=HTMLResponse)
async def verify_page(settings: SettingsDep, token: str = TokenQuery) -> HTMLResponse:
    """The mailed verification link opens this page; its button posts the token (GET never spends it)."""
    return render_auth_page("verify", "/", min_password_length=settings.password_min_length, token=token)


@router.post(
    "/email/verify",
    status_code=204,
    responses=errors(*READS_BODY, InvalidAccountToken),
    openapi_extra=body(TokenOnly, form=True),
)
async def verify_email(request: Request, confirm: ConfirmEmailDep, settings: SettingsDep):
    """Redeems a verification or email-change link (single use, 24 h); no sign-in needed."""
    entry = await read_entry(request)
    try:
        confirm.execute(entry.parse(TokenOnly).token)
    except HANDLED as error:
        if not entry.is_form:
            raise
        return render_form_error("verify", entry, error, min_password_length=settings.password_min_length)
    return entry.done()


@router.post(
    "/email/verification",
    status_code=202,
    response_model=AcceptedPublic,
    responses=errors(*READS_BODY, MailThrottled),
    openapi_extra=body(NextPage, form=True, json=False, required=False),
)
async def resend_verification(
    request: Request, user: CurrentUser, verification: SendVerificationDep, base_url: PublicBaseUrl
):
    """Mails a new verification link (the previous one stops working); throttled (429)."""
    entry = await read_entry(request)
    sent = verification.resend(user.user_id, base_url, entry.client_ip)
    if entry.is_form:
        return entry.done()
    detail = "We have emailed you a new link." if sent else "Your email is already verified."
    return JSONResponse({"detail": detail}, status_code=202, headers=NO_STORE)


@router.post(
    "/email",
    status_code=202,
    response_model=AcceptedPublic,
    responses=errors(*READS_BODY, InvalidCredentials, EmailNotVerified, MailThrottled),
    openapi_extra=body(EmailChange, form=True),
)
async def change_email(
    request: Request, user: CurrentUser, change: RequestEmailChangeDep, base_url: PublicBaseUrl
):
    """Needs the current password and a verified current email (403). Always 202 with the same body
    (429 per client address and per account): a free new address gets a link, which replaces the old
    one only when followed, and the old address is told then; a taken one gets nothing."""
    entry = await read_entry(request)
    body = entry.parse(EmailChange)
    change.execute(user, body.new_email, body.password, base_url, entry.client_ip)
    detail = "We have emailed a link to the new address; the change happens when it is followed."
    if entry.is_form:
        return entry.done()
    return JSONResponse({"detail": detail}, status_code=202, headers=NO_STORE)
