"""Forgotten passwords: a mailed single-use link (30 min) that sets a new one.

`ForgotPassword` answers the same whether or not the email has an account: it raises only for the
caller's own address (MailThrottled per IP); an email past its mail limit is silently skipped, and a
mail the service refuses (EmailUnavailable) is logged, not answered with a 503.
A successful reset signs every device out, voids every other mailed link of the account (an email
change asked before it, above all), marks the email verified (the link proved it) and sends a "your
password was changed" notice.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from saas_billing.domain.auth_errors import InvalidAccountToken, PasswordTooShort
from saas_billing.domain.email_address import normalize_email
from saas_billing.domain.schemas.auth.account_token import TokenPurpose
from saas_billing.infra.external_api.interface.email_sender import EmailUnavailable
from saas_billing.usecase.auth.account_mail import RESET_PATH, AccountMail, link

if TYPE_CHECKING:
    from saas_billing.infra.mixins.clock import Clock
    from saas_billing.infra.security.interface.password_hasher import PasswordHasher
    from saas_billing.repo.interface.device_session_repo import DeviceSessionRepository
    from saas_billing.repo.interface.user_repo import UserRepository
    from saas_billing.usecase.auth.account_tokens import AccountTokens
    from saas_billing.usecase.auth.login_throttle import LoginThrottle

PURPOSE = "reset"
logger = logging.getLogger(__name__)


class ForgotPassword:
    def __init__(
        self,
        users: UserRepository,
        tokens: AccountTokens,
        mail: AccountMail,
        throttle: LoginThrottle,
        clock: Clock,
    ) -> None:
        self._users = users
        self._tokens = tokens
        self._mail = mail
        self._throttle = throttle
        self._clock = clock

    def execute(self, email: str, base_url: str, client_ip: str | None) -> None:
        now = self._clock.now()
        email = normalize_email(email)
        self._throttle.admit_mail(PURPOSE, client_ip, now)
        allowed = self._throttle.mail_allowed(PURPOSE, email, now)  # counted for unknown emails too
        user = self._users.by_email(email)
        if user is None or not allowed:
            return
        raw = self._tokens.issue(user, TokenPurpose.RESET_PASSWORD)
        try:
            self._mail.reset(user.email, link(base_url, RESET_PATH, raw))
        except EmailUnavailable:  # a 503 here, and only here, would tell that the account exists
            logger.warning("password reset mail not sent")


class ResetPassword:
    def __init__(
        self,
        users: UserRepository,
        tokens: AccountTokens,
        sessions: DeviceSessionRepository,
        hasher: PasswordHasher,
        mail: AccountMail,
        *,
        min_password_length: int,
    ) -> None:
        self._users = users
        self._tokens = tokens
        self._sessions = sessions
        self._hasher = hasher
        self._mail = mail
        self._min_password_length = min_password_length

    def execute(self, raw_token: str, new_password: str) -> None:
        if len(new_password) < self._min_password_length:  # checked first: a typo does not spend the link
            raise PasswordTooShort(self._min_password_length)
        token = self._tokens.redeem(raw_token, TokenPurpose.RESET_PASSWORD)
        user = self._users.get(token.user_id)
        if user is None or user.email != token.email:  # the account's address changed since
            raise InvalidAccountToken()
        self._users.set_password_hash(user.id, self._hasher.hash(new_password))
        self._sessions.delete_for_user(user.id)
        self._tokens.credentials_changed(self._users, user.id)  # e.g. an email change asked before
        self._users.mark_verified(user.id, user.email)
        try:
            self._mail.password_changed(user.email)
        except EmailUnavailable:  # the password is changed: say so, not 503
            logger.warning("password-changed notice not sent after a reset")
