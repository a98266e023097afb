"""Issuing and redeeming mailed one-purpose tokens (see domain/schemas/auth/account_token.py)."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from saas_billing.domain.auth_errors import InvalidAccountToken
from saas_billing.domain.schemas.auth.account_token import LIFETIMES, AccountToken, TokenPurpose
from saas_billing.domain.schemas.auth.fingerprint import fingerprint

if TYPE_CHECKING:
    from saas_billing.domain.schemas.auth.user import User
    from saas_billing.infra.mixins.clock import Clock
    from saas_billing.repo.interface.account_token_repo import AccountTokenRepository
    from saas_billing.repo.interface.user_repo import UserRepository

MAX_TOKEN_LENGTH = 256


class AccountTokens:
    def __init__(self, tokens: AccountTokenRepository, clock: Clock) -> None:
        self._tokens = tokens
        self._clock = clock

    def issue(self, user: User, purpose: TokenPurpose, email: str | None = None) -> str:
        """A new raw token for the link; the account's earlier one of this purpose stops working."""
        raw = secrets.token_urlsafe(32)
        now = self._clock.now()
        self._tokens.replace(
            AccountToken(
                user.id, purpose, fingerprint(raw), email or user.email, now, now + LIFETIMES[purpose]
            )
        )
        return raw

    def credentials_changed(self, users: UserRepository, user_id: str) -> None:
        """After a password reset or change, an admin promotion or a completed email change: every
        outstanding link of the account stops working. The time is stamped first, so a link issued
        concurrently (after the deletion) is still refused by `issued_before_change`."""
        users.mark_credentials_changed(user_id, self._clock.now())
        self._tokens.delete_all_for_user(user_id)

    @staticmethod
    def issued_before_change(token: AccountToken, user: User) -> bool:
        changed = user.credentials_changed_at
        return changed is not None and token.created_at < changed

    def redeem(self, raw: str, *purposes: TokenPurpose) -> AccountToken:
        """Spends the token: of two concurrent redemptions, one gets it and the other InvalidAccountToken."""
        if not raw or len(raw) > MAX_TOKEN_LENGTH:
            raise InvalidAccountToken()
        token = self._tokens.consume(fingerprint(raw), purposes, self._clock.now())
        if token is None:
            raise InvalidAccountToken()
        return token
