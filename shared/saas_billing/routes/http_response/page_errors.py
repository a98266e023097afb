"""A failed page or form answered as a page: the error's status and message, and a way back.

A browser's request that fails outside a route's own handling (its sign-in, a path parameter, a device
already gone) is answered here too: a page of the same status, or sign-in and back for a 401.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlencode

from starlette.responses import RedirectResponse

from saas_billing.infra.fastapi_config.error_responses import HttpFailure, http_failure
from saas_billing.routes.http_response.auth_forms import ACCOUNT_PATH, HOME_PATH, NO_STORE, SIGNIN_PATH
from saas_billing.routes.http_response.pages import render_page

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, Response

    from saas_billing.domain.errors import DomainError
    from saas_billing.infra.exception.errors import AppError

TITLES = {400: "Please check your request", 404: "Not found", 503: "Please try again shortly"}
# Where a failed browser request offers to go: the forms that need a session are the account page's.
FORMS_PAGE = (ACCOUNT_PATH, "Back to your account")
PAGES_HOME = (HOME_PATH, "Back to pricing")


def message_page(
    error: AppError | DomainError, back_url: str, back_label: str = "Back to pricing", **context
) -> HTMLResponse:
    return failure_page(http_failure(error), back_url, back_label, **context)


def failure_page(
    failure: HttpFailure,
    back_url: str,
    back_label: str = "Back to pricing",
    headers: dict[str, str] | None = None,
    **context,
) -> HTMLResponse:
    status = failure.status_code
    return render_page(
        "message.html",
        status_code=status,
        headers={**failure.headers, **NO_STORE, **(headers or {})},
        title=TITLES.get(status, "Something went wrong" if status >= 500 else "Sorry"),
        detail=failure.detail,
        back_url=back_url,
        back_label=back_label,
        **context,
    )


def browser_failure(request: Request, failure: HttpFailure) -> Response:
    """A 401 goes to sign-in (303) and back to the page, or to the account page after a form; any other
    failure is a page of its status. Only our own detail is shown (the same as a JSON client's)."""
    page_read = request.method in ("GET", "HEAD")
    if failure.status_code == 401:
        page = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        next_path = page if page_read else FORMS_PAGE[0]
        signin = f"{SIGNIN_PATH}?{urlencode({'next': next_path}, safe='/')}"
        return RedirectResponse(signin, status_code=303, headers=NO_STORE)
    from saas_billing.routes.http_response.auth_pages import PAGE_HEADERS  # loads nothing, never framed

    return failure_page(failure, *(PAGES_HOME if page_read else FORMS_PAGE), headers=PAGE_HEADERS)
