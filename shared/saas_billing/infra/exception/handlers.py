"""The one place that turns exceptions into JSON responses."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from starlette.responses import JSONResponse

from saas_billing.infra.exception.errors import AppError
from saas_billing.infra.metrics import count

if TYPE_CHECKING:
    from fastapi import FastAPI, Request

logger = logging.getLogger(__name__)
# Outcomes worth a CloudWatch metric, counted where every one of them ends: here.
METRIC_OF_ERROR = {
    "InvalidCredentials": "LoginFailures",
    "LoginThrottled": "LoginThrottles",
    "SignupThrottled": "SignupThrottles",
    "InvalidWebhookSignature": "WebhookSignatureFailures",
    "WebhookProcessingFailed": "WebhookFailed",
}


async def app_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AppError)
    metric = METRIC_OF_ERROR.get(type(exc).__name__)
    if metric:
        count(metric)
    if exc.status_code >= 500:
        logger.warning("request failed", extra={"status": exc.status_code, "error": type(exc).__name__})
    return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(AppError, app_error_handler)
