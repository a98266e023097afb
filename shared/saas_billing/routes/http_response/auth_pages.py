"""The sign-in and sign-up pages: plain HTML forms posting to the auth API, no script at all."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import quote

from saas_billing.infra.fastapi_config.error_responses import http_failure
from saas_billing.routes.http_response.pages import render_page

if TYPE_CHECKING:
    from starlette.responses import HTMLResponse

    from saas_billing.domain.errors import DomainError
    from saas_billing.infra.exception.errors import AppError
    from saas_billing.routes.http_response.auth_forms import Entry

# The pages load nothing from anywhere, cannot be framed, and their forms post only to this site.
PAGE_HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}
TEMPLATES = {
    "signin": "auth_signin.html",
    "signup": "auth_signup.html",
    "forgot": "auth_forgot.html",
    "sent": "auth_sent.html",
    "reset": "auth_reset.html",
    "verify": "auth_verify.html",
}


def render_auth_page(
    page: str,
    next_path: str,
    *,
    min_password_length: int,
    error: str | None = None,
    email: str = "",
    status_code: int = 200,
    headers: dict[str, str] | None = None,
    **extra: str | None,
) -> HTMLResponse:
    return render_page(
        TEMPLATES[page],
        status_code=status_code,
        headers={**PAGE_HEADERS, **(headers or {})},
        next_path=next_path,
        next_query=quote(next_path, safe="/"),
        error=error,
        email=email,
        min_password_length=min_password_length,
        **extra,
    )


def render_form_error(
    page: str, entry: Entry, error: AppError | DomainError, *, min_password_length: int
) -> HTMLResponse:
    """The form again, with the error, its status and headers (Retry-After), and the email kept."""
    failure = http_failure(error)
    return render_auth_page(
        page,
        entry.next_path,
        min_password_length=min_password_length,
        error=failure.detail,
        email=str(entry.fields.get("email", ""))[:320],
        status_code=failure.status_code,
        headers=failure.headers,
        token=str(entry.fields.get("token", ""))[:256],
    )
