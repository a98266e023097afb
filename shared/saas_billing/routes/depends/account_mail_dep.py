"""The account-mail use cases at the edge (verification, reset, credential changes): each a dependency
without sub-dependencies, assembled from per-container clients. Only the auth function imports this,
so only it can send mail (and load boto3, on its first message)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from saas_billing.infra.external_api.service.email.email_factory import get_email_sender
from saas_billing.infra.mixins.clock import get_clock
from saas_billing.infra.security.service.security_factory import get_password_hasher
from saas_billing.infra.settings.app_settings import AppSettings
from saas_billing.infra.settings.loader import get_settings
from saas_billing.routes.depends.auth_services_dep import (
    account_token_repo,
    device_session_repo,
    user_repo,
)
from saas_billing.routes.depends.auth_usecase_dep import build_login_throttle
from saas_billing.usecase.auth.account_mail import AccountMail
from saas_billing.usecase.auth.account_tokens import AccountTokens
from saas_billing.usecase.auth.change_credentials import ChangePassword, PasswordCheck, RequestEmailChange
from saas_billing.usecase.auth.email_verification import ConfirmEmail, SendVerification
from saas_billing.usecase.auth.password_reset import ForgotPassword, ResetPassword


def _mail(settings: AppSettings) -> AccountMail:
    return AccountMail(get_email_sender(settings), settings.product_name)


def _tokens(settings: AppSettings) -> AccountTokens:
    return AccountTokens(account_token_repo(settings), get_clock())


def _check(settings: AppSettings) -> PasswordCheck:
    return PasswordCheck(
        user_repo(settings), get_password_hasher(settings), build_login_throttle(settings), get_clock()
    )


async def send_verification_dependency() -> SendVerification:
    s = get_settings()
    return SendVerification(user_repo(s), _tokens(s), _mail(s), build_login_throttle(s), get_clock())


async def confirm_email_dependency() -> ConfirmEmail:
    s = get_settings()
    return ConfirmEmail(user_repo(s), device_session_repo(s), _tokens(s), _mail(s))


async def forgot_password_dependency() -> ForgotPassword:
    s = get_settings()
    return ForgotPassword(user_repo(s), _tokens(s), _mail(s), build_login_throttle(s), get_clock())


async def reset_password_dependency() -> ResetPassword:
    s = get_settings()
    return ResetPassword(
        user_repo(s),
        _tokens(s),
        device_session_repo(s),
        get_password_hasher(s),
        _mail(s),
        min_password_length=s.password_min_length,
    )


async def change_password_dependency() -> ChangePassword:
    s = get_settings()
    return ChangePassword(
        _check(s),
        user_repo(s),
        device_session_repo(s),
        _tokens(s),
        get_password_hasher(s),
        _mail(s),
        get_clock(),
        min_password_length=s.password_min_length,
    )


async def request_email_change_dependency() -> RequestEmailChange:
    s = get_settings()
    return RequestEmailChange(
        _check(s), user_repo(s), _tokens(s), _mail(s), build_login_throttle(s), get_clock()
    )


SendVerificationDep = Annotated[SendVerification, Depends(send_verification_dependency)]
ConfirmEmailDep = Annotated[ConfirmEmail, Depends(confirm_email_dependency)]
ForgotPasswordDep = Annotated[ForgotPassword, Depends(forgot_password_dependency)]
ResetPasswordDep = Annotated[ResetPassword, Depends(reset_password_dependency)]
ChangePasswordDep = Annotated[ChangePassword, Depends(change_password_dependency)]
RequestEmailChangeDep = Annotated[RequestEmailChange, Depends(request_email_change_dependency)]
