"""A failed page or form answered as a page: the error's status and message, and a way back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from saas_billing.infra.fastapi_config.error_responses import http_failure
from saas_billing.routes.http_response.pages import render_page

if TYPE_CHECKING:
    from starlette.responses import HTMLResponse

    from saas_billing.domain.errors import DomainError
    from saas_billing.infra.exception.errors import AppError

NO_STORE = {"Cache-Control": "no-store"}
TITLES = {400: "Please check your request", 404: "Not found", 503: "Please try again shortly"}


def message_page(
    error: AppError | DomainError, back_url: str, back_label: str = "Back to pricing", **context
) -> HTMLResponse:
    failure = http_failure(error)
    status = failure.status_code
    return render_page(
        "message.html",
        status_code=status,
        headers={**failure.headers, **NO_STORE},
        title=TITLES.get(status, "Something went wrong" if status >= 500 else "Sorry"),
        detail=failure.detail,
        back_url=back_url,
        back_label=back_label,
        **context,
    )
