"""A signed-in user changing the password or the email; both need the current password, whose
checks count as sign-in attempts (LoginThrottle), so a stolen session cannot guess it freely."""

from __future__ import annotations

from saas_billing.domain.auth_errors import (
    EmailAlreadyRegistered,
    InvalidCredentials,
    MailThrottled,
    PasswordTooShort,
    UserNotFound,
)
from saas_billing.domain.email_address import normalize_email
from saas_billing.domain.schemas.auth.account_token import TokenPurpose
from saas_billing.domain.schemas.auth.tokens import Principal
from saas_billing.domain.schemas.auth.user import User
from saas_billing.infra.mixins.clock import Clock
from saas_billing.infra.security.interface.password_hasher import PasswordHasher
from saas_billing.repo.interface.device_session_repo import DeviceSessionRepository
from saas_billing.repo.interface.user_repo import UserRepository
from saas_billing.usecase.auth.account_mail import VERIFY_PATH, AccountMail, link
from saas_billing.usecase.auth.account_tokens import AccountTokens
from saas_billing.usecase.auth.login_throttle import LoginThrottle


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
        hasher: PasswordHasher,
        mail: AccountMail,
        clock: Clock,
        *,
        min_password_length: int,
    ) -> None:
        self._check, self._users, self._sessions = check, users, sessions
        self._hasher, self._mail, self._clock = hasher, mail, clock
        self._min_password_length = min_password_length

    def execute(self, principal: Principal, current: str, new: str, client_ip: str | None) -> None:
        """Signs every other device of the account out; this one stays signed in."""
        if len(new) < self._min_password_length:
            raise PasswordTooShort(self._min_password_length)
        user = self._check.account(principal, current, client_ip)
        self._users.set_password_hash(user.id, self._hasher.hash(new))
        for session in self._sessions.list_for_user(user.id, self._clock.now()):
            if session.device_id != principal.device_id:
                self._sessions.delete(session.device_id, user_id=user.id)
        self._mail.password_changed(user.email)


class RequestEmailChange:
    """Mails a link to the new address; the change happens when it is followed (ConfirmEmail), and the
    old address is told then."""

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
        user = self._check.account(principal, password, client_ip)
        new_email = normalize_email(new_email)
        if new_email == user.email or self._users.by_email(new_email) is not None:
            raise EmailAlreadyRegistered()
        if not self._throttle.mail_allowed("change", new_email, self._clock.now()):
            raise MailThrottled(retry_after_seconds=15 * 60)
        raw = self._tokens.issue(user, TokenPurpose.CHANGE_EMAIL, new_email)
        self._mail.email_change(new_email, link(base_url, VERIFY_PATH, raw))
