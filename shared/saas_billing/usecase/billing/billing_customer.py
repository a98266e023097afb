"""Each account has at most one Stripe customer: created on its first checkout, then stored and reused.

Two first checkouts racing (two tabs, a double click across the 10-second window) must not leave two
customers. Two guards make sure of it:
- the create call's idempotency key is derived from the account id (and the customer it replaces), so
  Stripe answers both racers with the same customer for 24 hours;
- storing it is a compare-and-set on the account, so whatever happens only one id is ever kept, and the
  loser adopts the winner's.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from saas_billing.domain.auth_errors import UserNotFound
from saas_billing.usecase.idempotency import derived_key

if TYPE_CHECKING:
    from saas_billing.infra.external_api.interface.customer_gateway import CustomerGateway
    from saas_billing.repo.interface.user_repo import UserRepository

logger = logging.getLogger(__name__)


def account_customer_key(account_id: str, replacing: str | None = None) -> str:
    """Stable per account; a replacement (the old customer was deleted) gets a key of its own."""
    return derived_key("account-customer", account_id, replacing or "")


class EnsureBillingCustomer:
    def __init__(self, users: UserRepository, customers: CustomerGateway) -> None:
        self._users = users
        self._customers = customers

    def execute(self, account_id: str) -> str:
        """The account's Stripe customer id, creating and storing it on first use."""
        user = self._users.get(account_id)
        if user is None:
            raise UserNotFound()
        if user.stripe_customer_id:
            return user.stripe_customer_id
        return self._create(account_id, user.email, account_customer_key(account_id), replacing=None)

    def replace(self, account_id: str, stale_customer_id: str) -> str:
        """A new customer for an account whose stored one no longer exists at Stripe (deleted by an admin)."""
        user = self._users.get(account_id)
        if user is None:
            raise UserNotFound()
        if user.stripe_customer_id and user.stripe_customer_id != stale_customer_id:
            return user.stripe_customer_id  # replaced meanwhile by a concurrent request
        key = account_customer_key(account_id, stale_customer_id)
        return self._create(account_id, user.email, key, replacing=user.stripe_customer_id)

    def _create(self, account_id: str, email: str, key: str, replacing: str | None) -> str:
        created = self._customers.create_customer(None, email, key, account_id=account_id)
        stored = self._users.claim_stripe_customer(account_id, created.id, replacing=replacing)
        if stored is None:
            raise UserNotFound()
        if stored != created.id:
            # Only possible past Stripe's 24-hour idempotency window; the stored one is kept everywhere.
            logger.warning(
                "an account's customer was created twice; the stored one is used",
                extra={"account_id": account_id, "unused_customer_id": created.id},
            )
        return stored
