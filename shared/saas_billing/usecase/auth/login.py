"""Checks an email and password and signs the device in.

Unknown email and wrong password fail identically, and an unknown email still pays for one hash
verification, so neither the answer nor its timing tells whether an account exists. A string that is
no email address is such an unknown email: the same 401 after the same dummy verification. Past the
account-wide failure figure the attempt waits (LoginThrottle) before its password is checked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from saas_billing.domain.auth_errors import InvalidCredentials
from saas_billing.domain.email_address import InvalidEmail, fold_email, normalize_email

if TYPE_CHECKING:
    from saas_billing.domain.schemas.auth.device_session import ClientKind
    from saas_billing.domain.schemas.auth.tokens import IssuedTokens
    from saas_billing.domain.schemas.auth.user import User
    from saas_billing.infra.mixins.clock import Clock
    from saas_billing.infra.security.interface.password_hasher import PasswordHasher
    from saas_billing.repo.interface.user_repo import UserRepository
    from saas_billing.usecase.auth.login_throttle import LoginThrottle
    from saas_billing.usecase.auth.start_session import StartSession


class Login:
    def __init__(
        self,
        users: UserRepository,
        hasher: PasswordHasher,
        throttle: LoginThrottle,
        start_session: StartSession,
        clock: Clock,
    ) -> None:
        self._users = users
        self._hasher = hasher
        self._throttle = throttle
        self._start_session = start_session
        self._clock = clock

    def execute(
        self,
        email: str,
        password: str,
        *,
        client_ip: str | None,
        user_agent: str | None,
        kind: ClientKind,
        signed_in_user_id: str | None = None,
    ) -> tuple[User, IssuedTokens]:
        """`signed_in_user_id`: the account of a valid session this device holds, if any."""
        try:
            email, is_address = normalize_email(email), True
        except InvalidEmail:
            email, is_address = fold_email(email), False  # still counted against this string and the IP
        now = self._clock.now()
        user = self._users.by_email(email) if is_address else None
        trusted = user is not None and user.id == signed_in_user_id
        # Recorded before any password is checked.
        attempt = self._throttle.admit(email, client_ip, now, trusted_device=trusted)
        if attempt.delay_seconds:
            self._clock.sleep(attempt.delay_seconds)
        if user is None:
            self._hasher.verify_dummy(password)
        if user is None or not self._hasher.verify(user.password_hash, password):
            raise InvalidCredentials()  # the recorded attempt stays as the failure
        self._throttle.record_success(email, client_ip, attempt)
        if self._hasher.needs_rehash(user.password_hash):
            self._users.set_password_hash(user.id, self._hasher.hash(password))
        return user, self._start_session.execute(user, kind=kind, user_agent=user_agent)
