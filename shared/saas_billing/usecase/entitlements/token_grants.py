"""The entitlement claims an access token carries, read when tokens are issued (sign-in and refresh)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from saas_billing.domain.schemas.auth.tokens import Grants

if TYPE_CHECKING:
    from saas_billing.usecase.entitlements.get_entitlements import GetEntitlements


class TokenGrants:
    def __init__(self, entitlements: GetEntitlements) -> None:
        self._entitlements = entitlements

    def for_account(self, account_id: str) -> Grants:
        view = self._entitlements.execute(account_id)
        return Grants(plan=view.plan, features=view.features, revision=view.revision)

    def revision(self, account_id: str) -> int:
        return self._entitlements.revision(account_id)
