"""Reading an account, and making one an administrator (the CLI is the only way in)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from saas_billing.domain.auth_errors import UserNotFound
from saas_billing.domain.email_address import normalize_email
from saas_billing.domain.schemas.auth.user import Role, User
from saas_billing.repo.interface.device_session_repo import DeviceSessionRepository
from saas_billing.repo.interface.user_repo import UserRepository
from saas_billing.usecase.auth.register_user import RegisterUser


class GetAccount:
    def __init__(self, users: UserRepository) -> None:
        self._users = users

    def execute(self, user_id: str) -> User:
        user = self._users.get(user_id)
        if user is None:
            raise UserNotFound()
        return user


class CreateAdmin:
    """Promotes an existing account, or creates one as admin; asks for a password only when creating."""

    def __init__(
        self, users: UserRepository, sessions: DeviceSessionRepository, register: RegisterUser
    ) -> None:
        self._users = users
        self._sessions = sessions
        self._register = register

    def execute(self, email: str, ask_password: Callable[[], str]) -> tuple[User, bool]:
        """The account and whether it was created."""
        existing = self._users.by_email(normalize_email(email))
        if existing is None:
            return self._register.execute(email, ask_password(), role=Role.ADMIN), True
        if not existing.is_admin:
            self._users.set_role(existing.id, Role.ADMIN)
            self._sessions.set_role_for_user(existing.id, Role.ADMIN)
        return replace(existing, role=Role.ADMIN), False
