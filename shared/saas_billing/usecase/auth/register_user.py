"""Creates an account; the store's unique email index, not a prior lookup, is what prevents duplicates.

A taken email is reported (409), which tells whether an account exists; with a client IP the
attempt first passes the per-IP sign-up throttle, so that answer cannot be harvested in bulk.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from saas_billing.domain.auth_errors import PasswordTooShort
from saas_billing.domain.email_address import normalize_email
from saas_billing.domain.schemas.auth.role import Role

if TYPE_CHECKING:
    from saas_billing.domain.schemas.auth.user import User
    from saas_billing.infra.mixins.clock import Clock
    from saas_billing.infra.security.interface.password_hasher import PasswordHasher
    from saas_billing.repo.interface.user_repo import UserRepository
    from saas_billing.usecase.auth.login_throttle import LoginThrottle


class RegisterUser:
    def __init__(
        self,
        users: UserRepository,
        hasher: PasswordHasher,
        clock: Clock,
        *,
        min_password_length: int,
        throttle: LoginThrottle | None = None,
    ) -> None:
        self._users = users
        self._hasher = hasher
        self._clock = clock
        self._min_password_length = min_password_length
        self._throttle = throttle

    def execute(
        self, email: str, password: str, *, role: Role = Role.USER, client_ip: str | None = None
    ) -> User:
        if len(password) < self._min_password_length:
            raise PasswordTooShort(self._min_password_length)
        if self._throttle is not None:
            self._throttle.admit_signup(client_ip, self._clock.now())
        from saas_billing.domain.schemas.auth.user import User  # the auth function's other routes build none

        user = User(
            id=str(uuid.uuid4()),
            email=normalize_email(email),
            password_hash=self._hasher.hash(password),
            role=role,
            created_at=self._clock.now(),
        )
        self._users.add(user)
        return user
