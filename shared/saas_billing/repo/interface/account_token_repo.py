"""Where mailed one-purpose tokens are kept (hashes only). Reads take `now`: an expired token is never
returned, whether or not the store has swept it yet."""

from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from saas_billing.domain.schemas.auth.account_token import AccountToken, TokenPurpose


class AccountTokenRepository(ABC):
    @abstractmethod
    def replace(self, token: AccountToken) -> None:
        """Stores the account's one token of this purpose, atomically replacing any earlier one."""

    @abstractmethod
    def consume(
        self, token_hash: str, purposes: tuple[TokenPurpose, ...], now: datetime
    ) -> AccountToken | None:
        """Atomically deletes and returns the live token with this hash and one of these purposes."""

    @abstractmethod
    def delete_for_user(self, user_id: str, purpose: TokenPurpose) -> None: ...

    @abstractmethod
    def delete_all_for_user(self, user_id: str) -> None:
        """Every outstanding token of the account, whatever its purpose: after a credential change
        (password reset or change, admin promotion, a completed email change) no earlier link works."""
