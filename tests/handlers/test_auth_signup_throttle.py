"""Sign-ups through the auth handler are throttled per client IP, taken emails included."""

from __future__ import annotations

import pytest

from saas_billing.infra.settings.loader import reset_settings
from tests.support.auth_client import PASSWORD, load_auth_handler
from tests.support.browser import Browser


@pytest.fixture
def handler(mongo_client, clock):
    return load_auth_handler()


def test_sign_ups_per_ip_get_429_with_retry_after(handler, monkeypatch, clock):
    monkeypatch.setenv("LOGIN_MAX_FAILURES_PER_IP", "2")
    reset_settings()
    browser = Browser(handler, source_ip="198.51.100.31")
    taken = browser.post("/v1/auth/register", json={"email": "ada@example.com", "password": PASSWORD})
    assert taken.status == 409  # a taken email is still told apart, but only so many times
    grace = {"email": "grace@example.com", "password": PASSWORD}
    assert browser.post("/v1/auth/register", json=grace).status == 201
    clock.advance(minutes=1)
    refused = browser.post("/v1/auth/register", json={"email": "lin@example.com", "password": PASSWORD})
    assert refused.status == 429 and refused.headers["retry-after"] == str(14 * 60)
    form = browser.post("/v1/auth/register", form={"email": "lin@example.com", "password": PASSWORD})
    assert form.status == 429 and form.headers["retry-after"] and 'role="alert"' in form.text
    other = Browser(handler, source_ip="203.0.113.77")
    assert (
        other.post("/v1/auth/register", json={"email": "lin@example.com", "password": PASSWORD}).status == 201
    )
