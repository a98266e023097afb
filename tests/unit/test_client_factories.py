"""Stand-ins only ever serve the local stage; deployed stages get the real clients or fail loudly."""

from __future__ import annotations

import sys

import mongomock
import pymongo
import pytest

from saas_billing.infra.db.mongo_client import get_mongo_client
from saas_billing.infra.exception.errors import SettingsError
from saas_billing.infra.external_api.service.gateway_factory import build_payment_gateway, get_payment_gateway
from saas_billing.infra.external_api.service.in_memory.gateway import InMemoryGateway
from saas_billing.infra.external_api.service.stripe.gateway import StripeGateway
from saas_billing.infra.settings.app_settings import AppSettings


def test_local_stage_without_keys_uses_the_stand_ins(on_wire):
    settings = AppSettings()
    assert isinstance(build_payment_gateway(settings), InMemoryGateway)
    # The test run's embedded database: mongomock, or on the wire tier the test server.
    assert isinstance(get_mongo_client(settings), pymongo.MongoClient if on_wire else mongomock.MongoClient)


def test_without_mongomock_the_local_stage_asks_for_a_database(monkeypatch, on_wire):
    if on_wire:
        pytest.skip("the wire tier replaces the embedded database with its server")
    monkeypatch.setitem(sys.modules, "mongomock", None)  # as in the deployed layers, which do not ship it
    with pytest.raises(SettingsError, match="MONGODB_URI"):
        get_mongo_client(AppSettings())


def test_local_stage_with_keys_uses_the_real_clients():
    settings = AppSettings(stripe_api_key="sk_test_1", mongodb_uri="mongodb://127.0.0.1:9/")
    assert isinstance(build_payment_gateway(settings), StripeGateway)
    client = get_mongo_client(settings)
    assert isinstance(client, pymongo.MongoClient)
    client.close()


@pytest.mark.parametrize("stage", ["dev", "prod"])
def test_a_deployed_stage_never_falls_back_to_a_stand_in(stage):
    settings = AppSettings(app_stage=stage)
    with pytest.raises(SettingsError, match="stripe_api_key"):
        build_payment_gateway(settings)
    with pytest.raises(SettingsError, match="mongodb_uri"):
        get_mongo_client(settings)


def test_the_gateway_is_built_once_per_container():
    settings = AppSettings()
    assert get_payment_gateway(settings) is get_payment_gateway(settings)


def test_the_mongo_pool_is_sized_for_one_request_at_a_time():
    """Connections grow with containers: each holds at most 2, and drops them when idle (README arithmetic)."""
    from saas_billing.infra.db.mongo_client import connect

    settings = AppSettings(mongodb_timeout_ms=1500)
    client = connect("mongodb://127.0.0.1:9/?connect=false", settings)
    try:
        pool = client.options.pool_options
        assert pool.max_pool_size == 2
        assert pool.min_pool_size == 0
        assert pool.max_idle_time_seconds == 60
        assert client.options.server_selection_timeout == 1.5
    finally:
        client.close()
