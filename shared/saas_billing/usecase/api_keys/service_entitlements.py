"""What an account may use, asked by one of the team's backends: GetEntitlements's view of any account
that exists (a service is not the account's owner, so the account is looked up first: 404 if unknown)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from saas_billing.domain.api_key_errors import AccountNotFound

if TYPE_CHECKING:
    from saas_billing.domain.schemas.entitlements.account_entitlements import EntitlementView
    from saas_billing.repo.interface.user_repo import UserRepository
    from saas_billing.usecase.entitlements.get_entitlements import GetEntitlements


class ServiceEntitlements:
    def __init__(self, users: UserRepository, get_entitlements: GetEntitlements) -> None:
        self._users = users
        self._get_entitlements = get_entitlements

    def execute(self, account_id: str) -> EntitlementView:
        if self._users.get(account_id) is None:
            raise AccountNotFound()
        return self._get_entitlements.execute(account_id)
