"""A signed-in user changing the password or the email; both need the current password, whose
checks count as sign-in attempts (LoginThrottle), so a stolen session cannot guess it freely."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from saas_billing.domain.auth_errors import (
    EmailAlreadyRegistered,
    EmailNotVerified,
    InvalidCredentials,
    PasswordTooShort,
    UserNotFound,
)
from saas_billing.domain.email_address import normalize_email
from saas_billing.domain.schemas.auth.account_token import TokenPurpose
from saas_billing.infra.external_api.interface.email_sender import EmailUnavailable
from saas_billing.usecase.auth.account_mail import VERIFY_PATH, AccountMail, link

if TYPE_CHECKING:
    from saas_billing.domain.schemas.auth.principal import Principal
    from saas_billing.domain.schemas.auth.user import User
    from saas_billing.infra.mixins.clock import Clock
    from saas_billing.infra.security.interface.password_hasher import PasswordHasher
    from saas_billing.repo.interface.device_session_repo import DeviceSessionRepository
    from saas_billing.repo.interface.user_repo import UserRepository
    from saas_billing.usecase.auth.account_tokens import AccountTokens
    from saas_billing.usecase.auth.login_throttle import LoginThrottle

PURPOSE = "change"
logger = logging.getLogger(__name__)


class PasswordCheck:
    def __init__(self, users: UserRepository, hasher: PasswordHasher, throttle: LoginThrottle, clock: Clock):
        self._users = users
        self._hasher = hasher
        self._throttle = throttle
        self._clock = clock

    def account(self, principal: Principal, password: str, client_ip: str | None) -> User:
        user = self._users.get(principal.user_id)
        if user is None:
            raise UserNotFound()
        attempt = self._throttle.admit(user.email, client_ip, self._clock.now(), trusted_device=True)
        if not self._hasher.verify(user.password_hash, password):
            raise InvalidCredentials("The current password is wrong")
        self._throttle.record_success(user.email, client_ip, attempt)
        return user


class ChangePassword:
    def __init__(
        self,
        check: PasswordCheck,
        users: UserRepository,
        sessions: DeviceSessionRepository,
        tokens: AccountTokens,
        hasher: PasswordHasher,
        mail: AccountMail,
        clock: Clock,
        *,
        min_password_length: int,
    ) -> None:
        self._check, self._users, self._sessions, self._tokens = check, users, sessions, tokens
        self._hasher, self._mail, self._clock = hasher, mail, clock
        self._min_password_length = min_password_length

    def execute(self, principal: Principal, current: str, new: str, client_ip: str | None) -> None:
        """Signs every other device of the account out (this one stays signed in) and voids every
        mailed link of the account."""
        if len(new) < self._min_password_length:
            raise PasswordTooShort(self._min_password_length)
        user = self._check.account(principal, current, client_ip)
        self._users.set_password_hash(user.id, self._hasher.hash(new))
        for session in self._sessions.list_for_user(user.id, self._clock.now()):
            if session.device_id != principal.device_id:
                self._sessions.delete(session.device_id, user_id=user.id)
        self._tokens.credentials_changed(self._users, user.id)
        try:
            self._mail.password_changed(user.email)
        except EmailUnavailable:  # the password is changed: say so, not 503
            logger.warning("password-changed notice not sent")


class RequestEmailChange:
    """Mails a link to the new address; the change happens when it is followed (ConfirmEmail), and the
    old address is told then.

    Only an account whose current email is verified may ask (EmailNotVerified): otherwise whoever
    signed up first with someone else's address could park a change link that outlives the owner's
    recovery of it. Throttled per client address and per account (429) before the new address is
    looked up, and answered the same whether or not that address is taken: for a taken one, or one
    past its own mail limit, nothing is sent to anyone (ConfirmEmail's unique index still protects).
    A mail the service refuses is logged, not a 503, which would tell the address is free.
    """

    def __init__(
        self,
        check: PasswordCheck,
        users: UserRepository,
        tokens: AccountTokens,
        mail: AccountMail,
        throttle: LoginThrottle,
        clock: Clock,
    ) -> None:
        self._check, self._users, self._tokens = check, users, tokens
        self._mail, self._throttle, self._clock = mail, throttle, clock

    def execute(
        self, principal: Principal, new_email: str, password: str, base_url: str, client_ip: str | None
    ) -> None:
        now = self._clock.now()
        self._throttle.admit_mail(PURPOSE, client_ip, now)
        user = self._check.account(principal, password, client_ip)
        if not user.email_verified:  # the same read as the password check: no race with a reset
            raise EmailNotVerified()
        self._throttle.admit_account_mail(PURPOSE, user.id, now)
        new_email = normalize_email(new_email)
        if new_email == user.email:
            raise EmailAlreadyRegistered("This is already your account's email")
        if not self._throttle.mail_allowed(PURPOSE, new_email, now):  # silently, like a taken address
            return
        if self._users.by_email(new_email) is not None:
            return
        raw = self._tokens.issue(user, TokenPurpose.CHANGE_EMAIL, new_email)
        try:
            self._mail.email_change(new_email, link(base_url, VERIFY_PATH, raw))
        except EmailUnavailable:
            logger.warning("email change mail not sent")
