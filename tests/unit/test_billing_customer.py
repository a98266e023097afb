"""One Stripe customer per account, however first checkouts race."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from saas_billing.domain.auth_errors import UserNotFound
from saas_billing.domain.schemas.auth.user import Role, User
from saas_billing.infra.external_api.service.in_memory.gateway import InMemoryGateway
from saas_billing.usecase.billing.billing_customer import EnsureBillingCustomer, account_customer_key
from tests.support.auth_fakes import FakeUsers


@pytest.fixture
def users():
    users = FakeUsers()
    users.add(User("acct_1", "ada@example.com", "h", Role.USER, datetime.now(UTC)))
    return users


class StaleReads(FakeUsers):
    """Every racer read the account before anyone stored a customer (the window the guards close)."""

    def __init__(self, users):
        super().__init__()
        self.users = users.users
        self._first_view = dict(users.users)

    def get(self, user_id):
        return self._first_view.get(user_id)


class ForgetfulGateway(InMemoryGateway):
    """Past Stripe's 24-hour idempotency window: every create makes a new customer."""

    def create_customer(self, name, email, idempotency_key, account_id=None):
        return super().create_customer(
            name, email, f"{idempotency_key}-{len(self.state.customers)}", account_id
        )


def test_the_first_use_creates_and_stores_then_every_use_reuses(users):
    gateway = InMemoryGateway()
    ensure = EnsureBillingCustomer(users, gateway)
    first = ensure.execute("acct_1")
    assert ensure.execute("acct_1") == first and users.get("acct_1").stripe_customer_id == first
    assert list(gateway.state.customers) == [first]
    assert gateway.state.customers[first]["metadata"] == {"account_id": "acct_1"}


def test_racing_first_checkouts_make_one_customer_through_the_idempotency_key(users):
    gateway = InMemoryGateway()
    ensure = EnsureBillingCustomer(StaleReads(users), gateway)
    start = threading.Barrier(8)

    def first_checkout(_):
        start.wait()
        return ensure.execute("acct_1")

    with ThreadPoolExecutor(8) as pool:
        ids = set(pool.map(first_checkout, range(8)))
    assert len(ids) == 1 and list(gateway.state.customers) == list(ids)


def test_without_the_key_the_compare_and_set_still_keeps_one(users):
    gateway = ForgetfulGateway()
    ensure = EnsureBillingCustomer(StaleReads(users), gateway)
    ids = {ensure.execute("acct_1") for _ in range(3)}
    assert len(gateway.state.customers) == 3, "three were created at Stripe"
    assert ids == {users.get("acct_1").stripe_customer_id}, "but every checkout uses the one stored"


def test_the_key_is_per_account_and_per_replaced_customer():
    keys = {account_customer_key("a"), account_customer_key("b"), account_customer_key("a", "cus_old")}
    assert len(keys) == 3 and account_customer_key("a") == account_customer_key("a")


def test_a_replacement_is_stored_once_and_a_concurrent_one_is_adopted(users):
    gateway = InMemoryGateway()
    ensure = EnsureBillingCustomer(users, gateway)
    old = ensure.execute("acct_1")
    new = ensure.replace("acct_1", old)
    assert new != old and users.get("acct_1").stripe_customer_id == new
    assert ensure.replace("acct_1", old) == new, "already replaced: nothing new is created"
    assert len(gateway.state.customers) == 2


def test_an_unknown_account_is_refused(users):
    ensure = EnsureBillingCustomer(users, InMemoryGateway())
    with pytest.raises(UserNotFound):
        ensure.execute("acct_missing")
    users.users["acct_1"] = replace(users.get("acct_1"), stripe_customer_id="cus_1")
    with pytest.raises(UserNotFound):
        ensure.replace("acct_missing", "cus_1")
