"""The one place errors become HTTP answers: each domain error kind gets its status here, at the edge.

Domain errors carry only a safe message; infra errors (AppError: the database, Stripe) carry their own
status. A subclass answers like the nearest kind it derives from, so a new domain error needs no entry.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from starlette.responses import JSONResponse, Response

from saas_billing.domain.auth_errors import AuthenticationFailed, InvalidInput, UnsupportedBody
from saas_billing.domain.errors import (
    DomainError,
    InvalidRequest,
    NotPermitted,
    ResourceNotFound,
    StateConflict,
    Throttled,
)
from saas_billing.infra.exception.errors import AppError
from saas_billing.infra.metrics import count

if TYPE_CHECKING:
    from fastapi import FastAPI, Request

logger = logging.getLogger(__name__)

# Nearest class in the error's MRO wins; DomainError itself is the fallback (a kind nobody classified).
STATUSES: dict[type[DomainError], int] = {
    DomainError: 500,
    InvalidRequest: 400,
    AuthenticationFailed: 401,
    NotPermitted: 403,
    ResourceNotFound: 404,
    StateConflict: 409,
    UnsupportedBody: 415,
    InvalidInput: 422,
    Throttled: 429,
}

HANDLED = (AppError, DomainError)
# Outcomes worth a CloudWatch metric, counted where every answered failure passes: http_failure.
METRIC_OF_ERROR = {
    "InvalidCredentials": "LoginFailures",
    "LoginThrottled": "LoginThrottles",
    "SignupThrottled": "SignupThrottles",
    "InvalidWebhookSignature": "WebhookSignatureFailures",
    "WebhookProcessingFailed": "WebhookFailed",
}


@dataclass(frozen=True)
class HttpFailure:
    status_code: int
    detail: str
    headers: dict[str, str] = field(default_factory=dict)


def status_of(error: DomainError) -> int:
    return status_of_kind(type(error))


def status_of_kind(kind: type[DomainError]) -> int:
    return next(STATUSES[base] for base in kind.__mro__ if base in STATUSES)


def http_failure(error: AppError | DomainError) -> HttpFailure:
    """Status, client-safe detail and headers (Retry-After, WWW-Authenticate) for an error we raise. JSON
    answers and the pages' own error answers both come here, so each failure is counted once."""
    metric = METRIC_OF_ERROR.get(type(error).__name__)
    if metric:
        count(metric)
    if isinstance(error, AppError):
        return HttpFailure(error.status_code, error.detail, dict(error.headers))
    headers: dict[str, str] = {}
    if isinstance(error, AuthenticationFailed):
        headers["WWW-Authenticate"] = "Bearer"
    if isinstance(error, Throttled):
        headers["Retry-After"] = str(error.retry_after_seconds)
    return HttpFailure(status_of(error), error.detail, headers)


async def error_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HANDLED)
    failure = http_failure(exc)
    if failure.status_code >= 500:
        logger.warning("request failed", extra={"status": failure.status_code, "error": type(exc).__name__})
    return answer(request, failure)


def answer(request: Request, failure: HttpFailure) -> Response:
    """JSON `{"detail"}` for API clients; a browser's page or form gets a page (or sign-in for a 401).
    The page modules (jinja2) are imported only for a browser's failure."""
    from saas_billing.routes.depends.body_dep import is_browser_request

    if is_browser_request(request):
        from saas_billing.routes.http_response.page_errors import browser_failure

        return browser_failure(request, failure)
    return JSONResponse({"detail": failure.detail}, status_code=failure.status_code, headers=failure.headers)


def install_error_handlers(app: FastAPI) -> None:
    for kind in HANDLED:
        app.add_exception_handler(kind, error_handler)
