"""Domain errors carry no status: the one mapping at the edge gives each kind, subclasses included, its
status, a safe detail and its headers (Retry-After, WWW-Authenticate)."""

from __future__ import annotations

import importlib
import inspect

import pytest
from fastapi import APIRouter
from mangum import Mangum

from saas_billing.domain import auth_errors, errors, webhook_errors
from saas_billing.domain.auth_errors import LoginThrottled, NotAuthenticated, PasswordTooShort
from saas_billing.domain.errors import DomainError, SubscriptionNotFound, Throttled
from saas_billing.infra.fastapi_config.app_factory import create_app
from saas_billing.infra.fastapi_config.error_responses import status_of
from scripts.make_event import http_api_event
from tests.support.lambda_events import invoke

# Every domain error and the status clients saw before domain errors stopped carrying one.
STATUSES = {
    "PriceNotFound": 404,
    "InactivePrice": 400,
    "InvalidId": 400,
    "CustomerNotFound": 404,
    "SubscriptionNotFound": 404,
    "CheckoutSessionNotFound": 404,
    "NotASubscriptionCheckout": 400,
    "BulkDeleteRefused": 403,
    "InvalidCursor": 400,
    "InvalidInput": 422,
    "PasswordTooShort": 422,
    "UnsupportedBody": 415,
    "CrossSiteRequest": 403,
    "EmailAlreadyRegistered": 409,
    "AuthenticationFailed": 401,
    "NotAuthenticated": 401,
    "InvalidCredentials": 401,
    "InvalidAccessToken": 401,
    "AccessTokenExpired": 401,
    "SessionExpired": 401,
    "InvalidRefreshToken": 401,
    "RefreshTokenReused": 401,
    "LoginThrottled": 429,
    "SignupThrottled": 429,
    "MailThrottled": 429,
    "InvalidAccountToken": 400,
    "AdminPromotionRefused": 403,
    "AdminRequired": 403,
    "DeviceNotFound": 404,
    "UserNotFound": 404,
    "InvalidWebhookSignature": 400,
    "InvalidWebhookPayload": 400,
    "WebhookNotConfigured": 500,
    "EventInProgress": 409,
    "WebhookProcessingFailed": 500,
}


def domain_errors() -> dict[str, type[DomainError]]:
    found = {}
    for module in (errors, auth_errors, webhook_errors):
        for name, value in inspect.getmembers(importlib.import_module(module.__name__), inspect.isclass):
            if issubclass(value, DomainError) and value.__module__ == module.__name__:
                found[name] = value
    return found


def build(kind: type[DomainError]) -> DomainError:
    if issubclass(kind, Throttled):
        return kind(retry_after_seconds=5)
    if kind is PasswordTooShort:
        return kind(10)
    return kind()


@pytest.mark.parametrize("name", sorted(STATUSES))
def test_each_domain_error_keeps_its_status(name):
    assert status_of(build(domain_errors()[name])) == STATUSES[name]


def test_no_domain_error_carries_a_status_or_headers_and_each_maps_to_one():
    for kind in domain_errors().values():
        assert not hasattr(kind, "status_code") and not hasattr(kind, "headers"), kind
        assert 400 <= status_of(build(kind)) <= 599


class PlanRetired(SubscriptionNotFound):
    """A subclass nobody mapped: it answers like the kind it derives from."""


class TooFast(LoginThrottled):
    pass


router = APIRouter()


@router.get("/retired")
async def retired() -> dict:
    raise PlanRetired("That plan is retired")


@router.get("/too-fast")
async def too_fast() -> dict:
    raise TooFast(retry_after_seconds=42)


@router.get("/signed-out")
async def signed_out() -> dict:
    raise NotAuthenticated()


@pytest.fixture
def handler():
    return Mangum(create_app(router, title="test"), lifespan="off")


def test_a_subclass_answers_like_its_kind_with_its_own_detail(handler):
    response = invoke(handler, http_api_event("GET", "/retired"))
    assert (response.status, response.json()) == (404, {"detail": "That plan is retired"})


def test_throttles_tell_when_to_retry_and_401s_how_to_authenticate(handler):
    slow = invoke(handler, http_api_event("GET", "/too-fast"))
    assert slow.status == 429 and slow.headers["retry-after"] == "42"
    assert slow.json() == {"detail": "Too many failed login attempts; try again later"}
    out = invoke(handler, http_api_event("GET", "/signed-out"))
    assert out.status == 401 and out.headers["www-authenticate"] == "Bearer"
    assert out.json() == {"detail": "Not authenticated; log in"}
