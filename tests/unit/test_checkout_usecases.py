"""Creating and confirming a subscription Checkout on the in-memory gateway and MongoDB (either tier)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import timedelta

import pytest

from saas_billing.domain.errors import InactivePrice, InvalidId, NotASubscriptionCheckout, PriceNotFound
from saas_billing.domain.schemas.billing.issued_checkout import ISSUED_CHECKOUT_RETENTION
from saas_billing.infra.exception.errors import BadRequest
from saas_billing.repo.mongodb.checkout_session_repository import MongoCheckoutSessionRepository
from saas_billing.repo.mongodb.subscription_repository import MongoSubscriptionRepository
from saas_billing.usecase.billing.confirm_checkout import ConfirmCheckout
from saas_billing.usecase.billing.create_checkout_session import CheckoutInput, CreateCheckoutSession
from saas_billing.usecase.billing.record_subscription import RecordSubscription
from tests.fakes.checkout_session_repository import InMemoryCheckoutSessionRepository
from tests.fakes.clock import FakeClock
from tests.support.subscriptions import snapshot

SUCCESS = "http://127.0.0.1:8000/v1/checkout/success?session_id={CHECKOUT_SESSION_ID}"
CANCEL = "http://127.0.0.1:8000/v1/checkout/cancel"


def checkout(price_id="price_pro_monthly", **overrides):
    values = {"price_id": price_id, "success_url": SUCCESS, "cancel_url": CANCEL, "client_token": "tab-1"}
    return CheckoutInput(**{**values, **overrides})


OWNER = "acct_ada"


def creator(gateway, clock=None, database=None):
    """Sessions are recorded in MongoDB (either tier) when the test confirms them, else in the fake."""
    sessions = MongoCheckoutSessionRepository(database) if database is not None else None
    return CreateCheckoutSession(
        gateway, gateway, clock or FakeClock(), sessions=sessions or InMemoryCheckoutSessionRepository()
    )


def confirm(gateway, database, clock=None):
    clock = clock or FakeClock()
    repository = MongoSubscriptionRepository(database)
    return ConfirmCheckout(
        gateway,
        RecordSubscription(repository, clock),
        clock,
        MongoCheckoutSessionRepository(database),
    )


def test_a_double_click_gets_the_same_session_and_another_tab_or_a_later_click_a_new_one(gateway):
    clock = FakeClock()
    create = creator(gateway, clock)
    first = create.execute(checkout(email="ada@example.com"))
    assert create.execute(checkout(email="ada@example.com")).id == first.id
    assert create.execute(checkout(email="ada@example.com", client_token="tab-2")).id != first.id
    clock.advance(seconds=10)
    assert create.execute(checkout(email="ada@example.com")).id != first.id
    assert first.url == f"http://127.0.0.1:8000/_local/stripe/checkout/{first.id}"


def test_unknown_inactive_and_one_time_prices_are_refused_before_checkout(gateway):
    create = creator(gateway)
    with pytest.raises(PriceNotFound):
        create.execute(checkout("price_nope"))
    gateway.state.prices["price_pro_yearly"]["active"] = False
    with pytest.raises(InactivePrice, match="no longer offered"):
        create.execute(checkout("price_pro_yearly"))
    gateway.state.add_price("prod_pro", 5000, None, "price_once")
    with pytest.raises(BadRequest, match="recurring"):
        create.execute(checkout("price_once"))
    assert gateway.state.checkout_sessions == {}


def test_paying_creates_customer_subscription_and_stripe_events(gateway):
    session = creator(gateway).execute(checkout(email="ada@example.com"))
    event = gateway.complete_checkout(session.id)
    assert event["type"] == "checkout.session.completed"
    assert [e["type"] for e in gateway.state.events] == [
        "customer.created",
        "customer.subscription.created",
        "entitlements.active_entitlement_summary.updated",
        "invoice.paid",
        "checkout.session.completed",
    ]
    [subscription] = gateway.state.subscriptions.values()
    item = subscription["items"]["data"][0]
    assert item["price"]["id"] == "price_pro_monthly" and item["price"]["product"] == "prod_pro"
    assert item["current_period_end"] > subscription["created"]
    assert event["data"]["object"]["subscription"] == subscription["id"]
    assert gateway.complete_checkout(session.id) is event, "paying twice changes nothing"


def test_the_success_page_records_one_document_however_often_it_loads(gateway, database):
    session = creator(gateway, database=database).execute(checkout(email="ada@example.com", account_id=OWNER))
    gateway.complete_checkout(session.id)
    clock = FakeClock()
    for _ in range(2):
        confirmation = confirm(gateway, database, clock).execute(session.id, OWNER)
        clock.advance(seconds=1)
    saved = confirmation.subscription
    assert (saved.status, saved.price_id, saved.customer_email) == (
        "active",
        "price_pro_monthly",
        "ada@example.com",
    )
    assert database["subscriptions"].count_documents({}) == 1


def test_the_success_page_racing_webhooks_from_8_threads_leaves_one_document(gateway, database):
    session = creator(gateway, database=database).execute(checkout(email="ada@example.com", account_id=OWNER))
    gateway.complete_checkout(session.id)
    sub_id = next(iter(gateway.state.subscriptions))
    repository = MongoSubscriptionRepository(database)
    record = RecordSubscription(repository, FakeClock())
    webhook = replace(snapshot(observed_at=1.0), id=sub_id)

    def work(i):
        if i % 2:
            return record.execute(replace(webhook, observed_at=1.0 + i))
        return confirm(gateway, database).execute(session.id, OWNER)

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(work, range(16)))
    assert database["subscriptions"].count_documents({}) == 1
    # The success page's fetch time (now) is newer than any of these webhook views, so it wins.
    assert repository.get(sub_id).customer_email == "ada@example.com"


def test_an_unpaid_session_records_nothing(gateway, database):
    session = creator(gateway, database=database).execute(checkout(account_id=OWNER))
    confirmation = confirm(gateway, database).execute(session.id, OWNER)
    assert confirmation.subscription is None and confirmation.session.status == "open"
    assert database["subscriptions"].count_documents({}) == 0


def test_bad_ids_and_non_subscription_sessions_are_refused(gateway, database):
    with pytest.raises(InvalidId, match="checkout session"):
        confirm(gateway, database).execute(None, OWNER)
    with pytest.raises(InvalidId):
        confirm(gateway, database).execute("sub_123", OWNER)
    session = creator(gateway, database=database).execute(checkout(account_id=OWNER))
    gateway.state.checkout_sessions[session.id]["mode"] = "payment"
    with pytest.raises(NotASubscriptionCheckout):
        confirm(gateway, database).execute(session.id, OWNER)


def test_an_account_links_the_subscription_through_metadata(gateway, database):
    session = creator(gateway, database=database).execute(checkout(account_id="acct_7"))
    gateway.complete_checkout(session.id, "ada@example.com")
    assert confirm(gateway, database).execute(session.id, "acct_7").subscription.account_id == "acct_7"


def test_the_same_idempotency_key_header_from_two_accounts_never_meets_at_stripe(gateway):
    create = creator(gateway)
    ada = create.execute(checkout(client_key="1", account_id="user_ada", email="ada@example.com"))
    bob = create.execute(checkout(client_key="1", account_id="user_bob", email="bob@example.com"))
    assert ada.id != bob.id
    assert (
        create.execute(checkout(client_key="1", account_id="user_ada", email="ada@example.com")).id == ada.id
    )


class CountingReads:
    """The gateway, counting session reads: each one is a call to Stripe in production."""

    def __init__(self, gateway):
        self.gateway, self.reads = gateway, []

    def retrieve_checkout_session(self, session_id, observed_at):
        self.reads.append(session_id)
        return self.gateway.retrieve_checkout_session(session_id, observed_at)


def confirm_counting(gateway, database):
    reads = CountingReads(gateway)
    return confirm(reads, database), reads


def test_only_the_owner_gets_the_details_and_nobody_else_causes_a_stripe_call(gateway, database):
    session = creator(gateway, database=database).execute(checkout(account_id=OWNER))
    gateway.complete_checkout(session.id, "ada@example.com")
    page, reads = confirm_counting(gateway, database)
    assert page.execute(session.id, None) is None, "anyone holding the URL"
    assert page.execute(session.id, "acct_mallory") is None, "another account"
    assert reads.reads == []
    assert page.execute(session.id, OWNER).subscription.customer_email == "ada@example.com"
    assert reads.reads == [session.id]


def test_ids_we_never_issued_or_of_another_shape_never_reach_stripe(gateway, database):
    page, reads = confirm_counting(gateway, database)
    assert page.execute("cs_test_a1B2c3NeverIssued", OWNER) is None
    for malformed in ("cs_test_", "cs_test_../../v1/customers", "cs_other_abc", "cs_test_abc?x=1", "cs_x"):
        with pytest.raises(InvalidId):
            page.execute(malformed, OWNER)
    assert reads.reads == []


def test_a_replayed_create_keeps_the_first_owner_and_time(gateway, database):
    clock = FakeClock()
    create = creator(gateway, clock, database)
    first = create.execute(checkout(account_id=OWNER, client_key="k"))
    clock.advance(seconds=5)
    assert create.execute(checkout(account_id=OWNER, client_key="k")).id == first.id
    record = MongoCheckoutSessionRepository(database).get(first.id, clock.now())
    assert (record.account_id, record.created) == (OWNER, clock.now() - timedelta(seconds=5))
    assert database["checkout_sessions"].count_documents({}) == 1


def test_an_expired_record_shows_the_generic_page(gateway, database):
    clock = FakeClock()
    session = creator(gateway, clock, database).execute(checkout(account_id=OWNER))
    clock.advance(seconds=ISSUED_CHECKOUT_RETENTION.total_seconds() + 1)
    assert confirm(gateway, database, clock).execute(session.id, OWNER) is None
