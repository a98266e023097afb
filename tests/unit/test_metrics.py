"""Business metrics are EMF lines CloudWatch can parse, carrying the request id, from the outcomes that matter."""

from __future__ import annotations

import asyncio
import json
import logging

import pytest
from starlette.requests import Request

from saas_billing.domain.auth_errors import InvalidCredentials, LoginThrottled
from saas_billing.domain.webhook_errors import InvalidWebhookSignature
from saas_billing.infra.fastapi_config.error_responses import error_handler
from saas_billing.infra.fastapi_config.logging_setup import JsonFormatter, configure_logging, request_id
from saas_billing.infra.metrics import count


@pytest.fixture
def emf_lines(caplog, monkeypatch):
    monkeypatch.setenv("APP_NAME", "saas-billing")
    monkeypatch.setenv("APP_STAGE", "dev")
    root = logging.getLogger()
    monkeypatch.setattr(root, "level", root.level)  # restored after the test
    configure_logging("WARNING")  # metrics survive a quiet log level

    def lines() -> list[dict]:
        formatter = JsonFormatter()
        return [json.loads(formatter.format(r)) for r in caplog.records if r.name == "saas_billing.metrics"]

    return lines


def test_a_count_is_one_emf_line_with_the_request_id(emf_lines):
    token = request_id.set("req-123")
    try:
        count("CheckoutSessionsCreated")
    finally:
        request_id.reset(token)
    [line] = emf_lines()
    directive = line["_aws"]["CloudWatchMetrics"][0]
    assert directive["Namespace"] == "saas-billing/dev"
    assert directive["Metrics"] == [{"Name": "CheckoutSessionsCreated", "Unit": "Count"}]
    assert directive["Dimensions"] == [[]]
    assert line["CheckoutSessionsCreated"] == 1
    assert line["request_id"] == "req-123"
    assert isinstance(line["_aws"]["Timestamp"], int)


def test_nothing_is_written_for_zero(emf_lines):
    count("ReconcileRepairs", 0)
    assert emf_lines() == []


@pytest.mark.parametrize(
    ("error", "metric"),
    [
        (InvalidCredentials(), "LoginFailures"),
        (LoginThrottled(retry_after_seconds=60), "LoginThrottles"),
        (InvalidWebhookSignature(), "WebhookSignatureFailures"),
    ],
)
def test_the_error_handler_counts_outcomes_worth_an_alarm(emf_lines, error, metric):
    # Its own loop: asyncio.run would unset the thread's loop, which Mangum in later tests relies on.
    loop = asyncio.new_event_loop()
    try:
        api_client = Request({"type": "http", "method": "POST", "path": "/", "headers": []})
        loop.run_until_complete(error_handler(api_client, error))
    finally:
        loop.close()
    assert [line for line in emf_lines() if metric in line]
