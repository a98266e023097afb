"""`/v1/auth/me`'s one read (MongoDB, either tier): the account and the subscription it is on now, the same
as reading the account and the newest subscription that has not ended separately."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from saas_billing.domain.auth_errors import UserNotFound
from saas_billing.domain.schemas.auth.user import Role, User
from saas_billing.repo.mongodb.account_profile_repository import MongoAccountProfileRepository
from saas_billing.repo.mongodb.subscription_repository import MongoSubscriptionRepository
from saas_billing.repo.mongodb.user_repo import MongoUserRepository
from saas_billing.usecase.auth.account_profile import GetAccountProfile
from saas_billing.usecase.billing.current_subscription import CurrentSubscription
from tests.support.subscriptions import snapshot

NOW = datetime.now(UTC)


def account(user_id: str, email: str) -> User:
    return User(id=user_id, email=email, password_hash="x", role=Role.USER, created_at=NOW)


@pytest.fixture
def stores(database):
    users, subscriptions = MongoUserRepository(database), MongoSubscriptionRepository(database)
    users.add(account("u_ada", "ada@example.com"))
    users.add(account("u_bob", "bob@example.com"))
    return users, subscriptions, GetAccountProfile(MongoAccountProfileRepository(database))


@pytest.mark.parametrize(
    ("written", "current"),
    [
        ([], None),
        ([("sub_a", "canceled")], None),
        ([("sub_a", "active"), ("sub_b", "canceled")], "sub_a"),
        ([("sub_a", "past_due"), ("sub_b", "active"), ("sub_c", "incomplete_expired")], "sub_b"),
    ],
)
def test_the_profile_holds_the_account_and_its_newest_subscription_not_ended(stores, written, current):
    users, subscriptions, profiles = stores
    for subscription_id, status in written:
        subscriptions.apply(snapshot(id=subscription_id, status=status, account_id="u_ada"), NOW)
    subscriptions.apply(snapshot(id="sub_bob", account_id="u_bob"), NOW)
    profile = profiles.execute("u_ada")
    assert profile.account == users.get("u_ada")
    assert profile.subscription == CurrentSubscription(subscriptions).execute("u_ada")
    assert (profile.subscription.id if profile.subscription else None) == current


def test_an_unknown_account_is_user_not_found(stores):
    with pytest.raises(UserNotFound):
        stores[2].execute("u_nobody")
