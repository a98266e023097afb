"""Customer use cases on the in-memory gateway."""

from __future__ import annotations

import pytest

from saas_billing.domain.errors import BulkDeleteRefused, CustomerNotFound, InvalidId
from saas_billing.infra.fastapi_config.error_responses import status_of
from saas_billing.usecase.customers.delete_all_customers import DeleteAllCustomers
from saas_billing.usecase.customers.manage_customers import CreateCustomer, DeleteCustomer, ListCustomers
from tests.fakes.clock import FakeClock
from tests.support.stripe_http import recording_gateway


def test_a_retried_create_returns_the_first_customer_until_the_window_passes(gateway):
    clock = FakeClock()
    create = CreateCustomer(gateway, clock)
    first = create.execute("Ada", "ada@example.com")
    assert create.execute("Ada", "ada@example.com").id == first.id
    clock.advance(seconds=61)
    assert create.execute("Ada", "ada@example.com").id != first.id
    assert [e["type"] for e in gateway.state.events] == ["customer.created", "customer.created"]


def test_a_client_idempotency_key_wins_and_cannot_be_reused_for_other_parameters(gateway):
    create = CreateCustomer(gateway, FakeClock())
    first = create.execute("Ada", "ada@example.com", client_key="k1")
    assert create.execute("Ada", "ada@example.com", client_key="k1").id == first.id
    with pytest.raises(Exception, match="same parameters"):
        create.execute("Grace", "grace@example.com", client_key="k1")


def test_list_pages_newest_first_with_a_cursor(gateway):
    for i in range(3):
        gateway.create_customer(f"C{i}", f"c{i}@example.com", f"k{i}")
    listing = ListCustomers(gateway)
    first = listing.execute(2)
    assert [c.name for c in first.items] == ["C2", "C1"] and first.has_more
    second = listing.execute(2, starting_after=first.items[-1].id)
    assert [c.name for c in second.items] == ["C0"] and not second.has_more
    with pytest.raises(InvalidId, match="cus_"):
        listing.execute(2, starting_after="sub_1")


def test_delete_checks_the_prefix_and_the_id(gateway):
    with pytest.raises(InvalidId, match="'sub_1' is not a customer id"):
        DeleteCustomer(gateway).execute("sub_1")
    with pytest.raises(CustomerNotFound):
        DeleteCustomer(gateway).execute("cus_missing")


def test_deleting_a_customer_cancels_its_subscriptions_like_stripe(gateway):
    session = gateway.create_checkout_session(_request())
    gateway.complete_checkout(session.id, "ada@example.com")
    [subscription] = gateway.state.subscriptions.values()
    DeleteCustomer(gateway).execute(subscription["customer"])
    assert subscription["status"] == "canceled"
    assert [e["type"] for e in gateway.state.events][-3:] == [
        "customer.subscription.deleted",
        "entitlements.active_entitlement_summary.updated",
        "customer.deleted",
    ]


def test_delete_all_empties_a_test_account(gateway):
    for i in range(5):
        gateway.create_customer(f"C{i}", f"c{i}@example.com", f"k{i}")
    result = DeleteAllCustomers(gateway, FakeClock(), is_prod=False).execute()
    assert (result.deleted, result.has_more) == (5, False)
    assert gateway.state.customers == {}


def test_delete_all_is_refused_in_prod_and_with_a_live_key(gateway):
    with pytest.raises(BulkDeleteRefused, match="prod stage") as refused:
        DeleteAllCustomers(gateway, FakeClock(), is_prod=True).execute()
    assert status_of(refused.value) == 403
    live, http = recording_gateway("sk_live_123")
    with pytest.raises(BulkDeleteRefused, match="test-mode Stripe key"):
        DeleteAllCustomers(live, FakeClock(), is_prod=False).execute()
    assert http.requests == []


def test_delete_all_stops_at_its_time_budget(gateway):
    class SlowClock(FakeClock):
        def now(self):
            self.advance(seconds=4)
            return super().now()

    for i in range(5):
        gateway.create_customer(f"C{i}", f"c{i}@example.com", f"k{i}")
    result = DeleteAllCustomers(gateway, SlowClock(), is_prod=False).execute()
    assert result.has_more and 0 < result.deleted < 5


def _request():
    from saas_billing.domain.schemas.billing.checkout import CheckoutRequest

    return CheckoutRequest(
        "price_pro_monthly", "http://x/s?session_id={CHECKOUT_SESSION_ID}", "http://x/c", "k"
    )
