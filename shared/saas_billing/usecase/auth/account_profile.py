"""`/v1/auth/me`: the account and the subscription it is on now (from MongoDB, never Stripe)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from saas_billing.domain.auth_errors import UserNotFound

if TYPE_CHECKING:
    from saas_billing.repo.interface.account_profile_repository import (
        AccountProfile,
        AccountProfileRepository,
    )


class GetAccountProfile:
    def __init__(self, profiles: AccountProfileRepository) -> None:
        self._profiles = profiles

    def execute(self, user_id: str) -> AccountProfile:
        profile = self._profiles.get(user_id)
        if profile is None:
            raise UserNotFound()
        return profile
