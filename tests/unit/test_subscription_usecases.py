"""Listing, reading, canceling subscriptions and opening the portal, with the account seam."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from saas_billing.domain.errors import CustomerNotFound, InvalidId, SubscriptionNotFound
from saas_billing.domain.schemas.auth.user import Role, User
from saas_billing.usecase.billing.cancel_subscription import CancelSubscription
from saas_billing.usecase.billing.open_billing_portal import OpenBillingPortal
from saas_billing.usecase.billing.record_subscription import RecordSubscription
from saas_billing.usecase.billing.subscriptions import GetSubscription, ListSubscriptions
from tests.fakes.clock import FakeClock
from tests.support.auth_fakes import FakeUsers
from tests.support.subscriptions import subscribe


def cancel(gateway, repository, clock=None):
    clock = clock or FakeClock()
    return CancelSubscription(gateway, repository, RecordSubscription(repository, clock), clock)


def test_list_validates_filters_and_cursor(repository):
    listing = ListSubscriptions(repository)
    with pytest.raises(Exception, match="status must be one of"):
        listing.execute(limit=10, status="live")
    with pytest.raises(InvalidId):
        listing.execute(limit=10, customer_id="sub_1")
    with pytest.raises(InvalidId):
        listing.execute(limit=10, starting_after="cus_1")
    assert listing.execute(limit=10, status="active").items == []


def test_an_account_sees_only_its_own_subscriptions(gateway, repository):
    mine = subscribe(gateway, repository, account_id="acct_me", key="k1")
    theirs = subscribe(gateway, repository, account_id="acct_other", key="k2")
    listing = ListSubscriptions(repository)
    assert [s.id for s in listing.execute(limit=10, account_id="acct_me").items] == [mine]
    assert {s.id for s in listing.execute(limit=10).items} == {mine, theirs}
    assert GetSubscription(repository).execute(mine, "acct_me").id == mine
    with pytest.raises(SubscriptionNotFound):
        GetSubscription(repository).execute(theirs, "acct_me")
    with pytest.raises(SubscriptionNotFound):
        cancel(gateway, repository).execute(theirs, at_period_end=False, account_id="acct_me")
    assert gateway.state.subscriptions[theirs]["status"] == "active"


def test_cancel_at_period_end_then_now_is_stored(gateway, repository):
    sub_id = subscribe(gateway, repository)
    clock = FakeClock()
    later = cancel(gateway, repository, clock).execute(sub_id, at_period_end=True)
    assert (later.status, later.cancel_at_period_end, later.customer_email) == (
        "active",
        True,
        "ada@example.com",
    )
    clock.advance(seconds=1)
    now = cancel(gateway, repository, clock).execute(sub_id, at_period_end=False)
    assert now.status == "canceled"
    types = [e["type"] for e in gateway.state.events]
    assert types[-3:] == [
        "customer.subscription.updated",  # cancel at period end: the features stay, no summary
        "customer.subscription.deleted",
        "entitlements.active_entitlement_summary.updated",
    ]
    assert gateway.state.events[-3]["data"]["previous_attributes"] == {
        "cancel_at_period_end": False,
        "cancel_at": None,
    }
    # Like Stripe, canceling at the period end also sets `cancel_at` to that end.
    period_end = gateway.state.subscriptions[sub_id]["items"]["data"][0]["current_period_end"]
    assert later.cancel_at == later.ends_at == later.current_period_end
    assert gateway.state.subscriptions[sub_id]["cancel_at"] == period_end


def test_cancel_of_an_unknown_subscription_is_not_found(gateway, repository):
    with pytest.raises(SubscriptionNotFound):
        cancel(gateway, repository).execute("sub_missing", at_period_end=False)


def test_portal_checks_the_id_and_with_an_account_the_owner(gateway, repository):
    subscribe(gateway, repository, account_id="acct_me")
    customer_id = next(iter(gateway.state.customers))
    portal = OpenBillingPortal(gateway, repository, FakeUsers())
    with pytest.raises(InvalidId, match="cus_"):
        portal.execute("acct_me", "http://x/pricing", "sub_1")
    with pytest.raises(CustomerNotFound):
        portal.execute("acct_other", "http://x/pricing", customer_id)
    assert portal.execute("acct_other", "http://x/pricing", customer_id, unrestricted=True).url
    session = portal.execute("acct_me", "http://x/pricing", customer_id)
    assert session.url.startswith("http://x/_local/stripe/portal/bps_")


def test_portal_without_a_customer_id_opens_the_accounts_stored_customer(gateway, repository):
    users = FakeUsers()
    users.add(User("acct_me", "ada@example.com", "h", Role.USER, datetime.now(UTC)))
    portal = OpenBillingPortal(gateway, repository, users)
    with pytest.raises(CustomerNotFound, match="subscribe to a plan first"):
        portal.execute("acct_me", "http://x/pricing")
    customer = gateway.create_customer(None, "ada@example.com", "k")
    users.claim_stripe_customer("acct_me", customer.id)
    assert portal.execute("acct_me", "http://x/pricing").url
    assert portal.execute("acct_me", "http://x/pricing", customer.id).url  # stored, no subscription needed
    assert [s["customer"] for s in gateway.state.portal_sessions.values()] == [customer.id] * 2


def test_portal_without_a_stored_customer_opens_the_current_subscriptions(gateway, repository):
    users = FakeUsers()
    users.add(User("acct_me", "ada@example.com", "h", Role.USER, datetime.now(UTC)))
    subscribe(gateway, repository, account_id="acct_me")  # linked by the webhook; no customer stored
    customer_id = next(iter(gateway.state.customers))
    portal = OpenBillingPortal(gateway, repository, users)
    assert portal.execute("acct_me", "http://x/account").url
    assert [s["customer"] for s in gateway.state.portal_sessions.values()] == [customer_id]
    users.add(User("acct_other", "bo@example.com", "h", Role.USER, datetime.now(UTC)))
    with pytest.raises(CustomerNotFound, match="subscribe to a plan first"):
        portal.execute("acct_other", "http://x/account")  # another account's subscription is not theirs
