"""The Stripe subscription sync against a loopback server shaped like Stripe's API: the events listing
reconciliation relies on (filters, every page, oldest first) and a retrieve of a deleted subscription."""

from __future__ import annotations

import pytest

from saas_billing.domain.schemas.billing.reconciliation import ChangedSubscription
from saas_billing.infra.exception.errors import NotFound
from saas_billing.infra.external_api.service.stripe.gateway import StripeGateway, build_stripe_client
from tests.support.fake_stripe_server import running_fake_stripe, stripe_error, stripe_list
from tests.support.webhooks import T, subscription_object


@pytest.fixture
def fake():
    with running_fake_stripe() as fake:
        yield fake


def gateway_for(fake) -> StripeGateway:
    return StripeGateway(build_stripe_client("sk_test_123", api_base=fake.base_url, max_network_retries=0))


def event(event_id, subscription_id, created, kind="customer.subscription.updated"):
    obj = subscription_object(subscription_id=subscription_id)
    return {"id": event_id, "object": "event", "type": kind, "created": created, "data": {"object": obj}}


def test_every_page_of_subscription_events_since_the_time_is_read(fake):
    pages = {  # newest first, as Stripe lists
        None: stripe_list(
            "/v1/events", [event("evt_4", "sub_a", T + 40), event("evt_3", "sub_b", T + 30)], True
        ),
        "evt_3": stripe_list(
            "/v1/events", [event("evt_2", "sub_a", T + 20), event("evt_1", "sub_c", T + 10)]
        ),
    }
    fake.on("GET", "/v1/events", lambda request: (200, pages[request.param("starting_after")]))

    changes = gateway_for(fake).list_subscription_changes_since(T + 5.7)

    assert changes == [
        ChangedSubscription("sub_c", T + 10, T + 10),
        ChangedSubscription("sub_a", T + 20, T + 40),
        ChangedSubscription("sub_b", T + 30, T + 30),
    ]
    first, second = fake.requests
    assert first.param("type") == "customer.subscription.*"
    assert first.param("created[gte]") == str(T + 5) and first.param("limit") == "100"
    assert second.param("starting_after") == "evt_3" and second.param("created[gte]") == str(T + 5)


def test_a_deleted_subscription_reads_as_not_found(fake):
    message = "No such subscription: 'sub_gone'"
    fake.on("GET", "/v1/subscriptions/sub_gone", stripe_error("invalid_request_error", message), status=404)
    with pytest.raises(NotFound):
        gateway_for(fake).retrieve_subscription("sub_gone", observed_at=T)
