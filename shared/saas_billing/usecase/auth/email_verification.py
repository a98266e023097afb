"""Proving an account's email: the link sent at sign-up (and on "resend"), and redeeming it, which
also completes an email change (the new address is proven before it replaces the old one).

Unverified accounts may sign in and subscribe (Stripe collects the email at checkout anyway);
admin promotion and email change rely on verification.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from saas_billing.domain.auth_errors import InvalidAccountToken, MailThrottled, UserNotFound
from saas_billing.domain.schemas.auth.account_token import TokenPurpose
from saas_billing.infra.external_api.interface.email_sender import EmailUnavailable
from saas_billing.usecase.auth.account_mail import VERIFY_PATH, AccountMail, link
from saas_billing.usecase.auth.account_tokens import AccountTokens

if TYPE_CHECKING:
    from saas_billing.domain.schemas.auth.user import User
    from saas_billing.infra.mixins.clock import Clock
    from saas_billing.repo.interface.device_session_repo import DeviceSessionRepository
    from saas_billing.repo.interface.user_repo import UserRepository
    from saas_billing.usecase.auth.login_throttle import LoginThrottle

PURPOSE = "verify"
logger = logging.getLogger(__name__)


class SendVerification:
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

    def after_signup(self, user: User, base_url: str) -> None:
        """Sign-up is throttled on its own; one account is created once. A mail service outage does not
        undo the sign-up: the banner's "resend" can send the link later."""
        try:
            self._send(user, base_url)
        except EmailUnavailable:
            logger.warning("verification mail not sent at sign-up")

    def resend(self, user_id: str, base_url: str, client_ip: str | None) -> bool:
        """False when already verified (nothing sent); MailThrottled past the limits."""
        user = self._users.get(user_id)
        if user is None:
            raise UserNotFound()
        if user.email_verified:
            return False
        now = self._clock.now()
        self._throttle.admit_mail(PURPOSE, client_ip, now)
        if not self._throttle.mail_allowed(PURPOSE, user.email, now):
            raise MailThrottled(retry_after_seconds=15 * 60)
        self._send(user, base_url)
        return True

    def _send(self, user: User, base_url: str) -> None:
        raw = self._tokens.issue(user, TokenPurpose.VERIFY_EMAIL)
        self._mail.verification(user.email, link(base_url, VERIFY_PATH, raw))


class ConfirmEmail:
    def __init__(
        self,
        users: UserRepository,
        sessions: DeviceSessionRepository,
        tokens: AccountTokens,
        mail: AccountMail,
    ) -> None:
        self._users = users
        self._sessions = sessions
        self._tokens = tokens
        self._mail = mail

    def execute(self, raw_token: str) -> User:
        token = self._tokens.redeem(raw_token, TokenPurpose.VERIFY_EMAIL, TokenPurpose.CHANGE_EMAIL)
        user = self._users.get(token.user_id)
        if user is None or AccountTokens.issued_before_change(token, user):
            raise InvalidAccountToken()
        if token.purpose is TokenPurpose.VERIFY_EMAIL:
            if not self._users.mark_verified(user.id, token.email):  # the address changed since
                raise InvalidAccountToken()
            return self._users.get(user.id) or user
        self._users.change_email(user.id, token.email)  # EmailAlreadyRegistered if taken meanwhile
        self._sessions.set_email_for_user(user.id, token.email)
        self._tokens.credentials_changed(self._users, user.id)  # a reset link sent to the old address
        try:
            self._mail.email_changed(user.email, token.email)
        except EmailUnavailable:  # the change is done: say so, not 503
            logger.warning("email-changed notice not sent")
        return self._users.get(user.id) or user
