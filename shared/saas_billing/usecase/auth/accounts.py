"""Making an account an administrator (the CLI is the only way in).

Sign-up is public from the moment of deploy, so an account that already holds an email proves
nothing about who typed it. Granting admin to an existing account therefore needs the operator's
explicit consent (`promote_existing`) and an email its owner has verified, and it revokes every
session the account has, so whoever holds them must sign in again, and every mailed link it has. `GrantAdmin` is the one path that
grants the role; anything else that ever does must go through it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from saas_billing.domain.auth_errors import AdminPromotionRefused
from saas_billing.domain.email_address import normalize_email
from saas_billing.domain.schemas.auth.user import Role, User
from saas_billing.infra.mixins.clock import Clock
from saas_billing.repo.interface.device_session_repo import DeviceSessionRepository
from saas_billing.repo.interface.user_repo import UserRepository
from saas_billing.usecase.auth.account_tokens import AccountTokens
from saas_billing.usecase.auth.register_user import RegisterUser


@dataclass(frozen=True)
class AccountSummary:
    """What an operator sees before promoting an account that someone else may have created."""

    user: User
    device_count: int


class GrantAdmin:
    def __init__(
        self, users: UserRepository, sessions: DeviceSessionRepository, tokens: AccountTokens, clock: Clock
    ) -> None:
        self._users = users
        self._sessions = sessions
        self._tokens = tokens
        self._clock = clock

    def summary(self, email: str) -> AccountSummary | None:
        user = self._users.by_email(normalize_email(email))
        if user is None:
            return None
        return AccountSummary(user, len(self._sessions.list_for_user(user.id, self._clock.now())))

    def execute(self, user: User) -> User:
        """Refuses an unverified account; revokes every session and every mailed link (an email change
        someone asked before the owner recovered the address) of the one it promotes."""
        if not user.email_verified:
            raise AdminPromotionRefused(
                f"{user.email} has not verified its email: whoever signed up with it may not own it"
            )
        self._sessions.delete_for_user(user.id)
        self._tokens.credentials_changed(self._users, user.id)
        self._users.set_role(user.id, Role.ADMIN)
        return replace(user, role=Role.ADMIN)


class CreateAdmin:
    """Creates a new admin with a prompted password; an existing account only with `promote_existing`."""

    def __init__(self, users: UserRepository, register: RegisterUser, grant: GrantAdmin) -> None:
        self._users = users
        self._register = register
        self._grant = grant

    def execute(
        self,
        email: str,
        ask_password: Callable[[], str],
        *,
        promote_existing: bool = False,
        show: Callable[[AccountSummary], None] = lambda summary: None,
    ) -> tuple[User, bool]:
        """The account and whether it was created. `show` sees an existing account before any decision."""
        summary = self._grant.summary(email)
        if summary is None:
            return self._register.execute(email, ask_password(), role=Role.ADMIN), True
        show(summary)
        if not promote_existing:
            raise AdminPromotionRefused(
                f"{summary.user.email} already has an account, which anyone could have created; "
                "nothing was changed (--promote-existing promotes it once its owner has verified the email)"
            )
        if summary.user.is_admin:
            return summary.user, False
        return self._grant.execute(summary.user), False
