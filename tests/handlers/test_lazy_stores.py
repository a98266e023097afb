"""A request builds only the stores it touches: a JSON sign-up no device-session store, a webhook that is no
trial notice no notice store, a portal for the account's own customer no subscription store."""

from __future__ import annotations

import json
import time

import pytest

from saas_billing.infra.db import mongo_client as app_mongo
from saas_billing.infra.mixins.lazy import lazy
from saas_billing.repo.mongodb.billing_notice_repository import MongoBillingNoticeRepository
from saas_billing.repo.mongodb.device_session_repo import MongoDeviceSessionRepository
from saas_billing.repo.mongodb.subscription_repository import MongoSubscriptionRepository
from scripts.make_event import http_api_event
from tests.support.accounts import access_token, auth_handler, subscribe
from tests.support.auth_client import PASSWORD
from tests.support.lambda_events import invoke
from tests.support.webhooks import delivery, stripe_event, subscription_object


def built() -> set[type]:
    return {type(repository) for repository in app_mongo._repositories.values()}


def fresh_container() -> None:
    app_mongo._repositories.clear()  # the client stays; every store is built again on use


def test_lazy_builds_on_first_use_and_once():
    builds = []
    target = lazy(lambda: builds.append(1) or "abc")
    assert builds == []
    assert target.upper() == "ABC" and target.startswith("a")
    assert builds == [1]


@pytest.mark.parametrize(("form", "sessions_built"), [(False, False), (True, True)])
def test_a_json_sign_up_builds_no_device_session_store(mongo_client, form, sessions_built):
    handler = auth_handler()
    fresh_container()
    body = {"email": "ada@example.com", "password": PASSWORD}
    headers = {"content-type": "application/x-www-form-urlencoded" if form else "application/json"}
    raw = "&".join(f"{k}={v}" for k, v in body.items()) if form else json.dumps(body)
    response = invoke(handler, http_api_event("POST", "/v1/auth/register", headers=headers, body=raw))
    assert response.status in (201, 303), response.text
    assert (MongoDeviceSessionRepository in built()) is sessions_built


@pytest.mark.parametrize(
    ("event_type", "notices_built"),
    [("customer.subscription.updated", False), ("customer.subscription.trial_will_end", True)],
)
def test_only_a_trial_notice_builds_the_notice_store(gateway, mongo_client, event_type, notices_built):
    from webhooks_handler import handler

    fresh_container()
    obj = subscription_object("trialing", trial_end=int(time.time()) + 3 * 86_400)  # Stripe: 3 days ahead
    assert invoke(handler, delivery(stripe_event(event_type, obj))).status == 200
    assert (MongoBillingNoticeRepository in built()) is notices_built


@pytest.mark.parametrize(("named", "subscriptions_built"), [(False, False), (True, True)])
def test_the_portal_builds_the_subscription_store_only_to_check_a_named_customer(
    gateway, mongo_client, named, subscriptions_built
):
    from subscriptions_handler import handler

    token = access_token("ada@example.com")
    subscribe(gateway, token)  # the account has its own customer
    fresh_container()
    body = json.dumps({"customer_id": "cus_someone_else"}) if named else None
    headers = {"authorization": f"Bearer {token}", "content-type": "application/json"}
    response = invoke(handler, http_api_event("POST", "/v1/billing/portal", headers=headers, body=body))
    assert response.status == (404 if named else 200), response.text
    assert (MongoSubscriptionRepository in built()) is subscriptions_built


def test_a_stand_in_says_whether_it_was_built():
    target = lazy(lambda: "abc")
    assert repr(target) == "lazy(<not built yet>)"
    assert target.upper() == "ABC"
    assert repr(target) == "lazy('abc')"
