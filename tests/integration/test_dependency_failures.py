"""A failing Stripe or MongoDB answers 502/503 with a JSON detail, quickly, through the real handler."""

from __future__ import annotations

import json
import logging

import pytest
from fastapi import APIRouter

from saas_billing.infra.db.mongo_client import get_database, get_mongo_client
from saas_billing.infra.db.mongo_errors import DatabaseUnavailable
from saas_billing.infra.exception.errors import ServiceUnavailable
from saas_billing.infra.fastapi_config.app_factory import create_app
from saas_billing.infra.fastapi_config.logging_setup import JsonFormatter
from saas_billing.infra.settings.loader import get_settings
from saas_billing.repo.mongodb.subscription_repository import MongoSubscriptionRepository
from tests.support.lambda_events import invoke, load_event


def test_unreachable_stripe_gives_502_with_a_detail(monkeypatch):
    monkeypatch.setenv("STRIPE_API_KEY", "sk_test_unreachable")
    monkeypatch.setenv("STRIPE_API_BASE", "http://127.0.0.1:9")
    monkeypatch.setenv("STRIPE_MAX_NETWORK_RETRIES", "0")
    from catalog_handler import handler

    response = invoke(handler, load_event("catalog/list_products.json"))
    assert response.status == 502
    assert response.json() == {"detail": "Could not reach the payment provider"}


def test_unreachable_mongodb_is_a_quick_503(monkeypatch):
    monkeypatch.setenv("MONGODB_URI", "mongodb://127.0.0.1:9/?directConnection=true")
    monkeypatch.setenv("MONGODB_TIMEOUT_MS", "300")
    client = get_mongo_client(get_settings())
    assert client.options.server_selection_timeout == 0.3, "far inside the Lambda timeout"
    with pytest.raises(DatabaseUnavailable) as error:
        MongoSubscriptionRepository(client["saas_billing"]).get("sub_1")
    assert error.value.status_code == 503
    assert error.value.detail == "The database is unavailable; retry shortly"


def test_an_unexpected_error_is_a_json_500_and_logged_with_the_request_id(caplog):
    router = APIRouter()

    @router.get("/boom")
    async def boom() -> None:
        raise RuntimeError("secret internals")

    from mangum import Mangum

    from scripts.make_event import http_api_event

    handler = Mangum(create_app(router), lifespan="off")
    with caplog.at_level(logging.ERROR):
        response = invoke(handler, http_api_event("GET", "/boom"))
    assert response.status == 500
    assert response.json() == {"detail": "Internal server error"}
    record = next(r for r in caplog.records if r.getMessage() == "unhandled error")
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "test-request-id"
    assert "secret internals" in line["exception"], "the log keeps what the client must not see"


def test_log_lines_are_json_and_carry_extra_fields():
    record = logging.makeLogRecord(
        {"msg": "hello %s", "args": ("world",), "levelname": "INFO", "outcome": "ok"}
    )
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "hello world" and line["outcome"] == "ok" and line["level"] == "INFO"


def test_a_mongodb_srv_uri_whose_dns_fails_is_a_503(monkeypatch):
    monkeypatch.setenv("MONGODB_URI", "mongodb+srv://cluster.invalid/")
    from pymongo.errors import ConfigurationError

    def dns_fails(*_args, **_kwargs):
        raise ConfigurationError("The DNS query name does not exist: _mongodb._tcp.cluster.invalid.")

    monkeypatch.setattr("pymongo.MongoClient", dns_fails)
    with pytest.raises(ServiceUnavailable) as error:
        get_database(get_settings())
    assert error.value.status_code == 503 and "cluster.invalid" not in error.value.detail
