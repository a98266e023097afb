"""One exception hierarchy: each error carries its HTTP status and a message safe to show a client."""

from __future__ import annotations


class SettingsError(RuntimeError):
    """Raised at cold start so a misconfigured function fails loudly instead of serving errors."""


class AppError(Exception):
    status_code = 500
    default_detail = "Internal server error"

    def __init__(self, detail: str | None = None, *, headers: dict[str, str] | None = None) -> None:
        self.detail = detail or self.default_detail
        self.headers = headers or {}
        super().__init__(self.detail)


class BadRequest(AppError):
    status_code = 400
    default_detail = "Bad request"


class Unauthorized(AppError):
    status_code = 401
    default_detail = "Not authenticated"


class Forbidden(AppError):
    status_code = 403
    default_detail = "Forbidden"


class NotFound(AppError):
    status_code = 404
    default_detail = "Not found"


class Conflict(AppError):
    status_code = 409
    default_detail = "Conflict"


class TooManyRequests(AppError):
    status_code = 429
    default_detail = "Too many requests"

    def __init__(self, detail: str | None = None, *, retry_after_seconds: int) -> None:
        super().__init__(detail, headers={"Retry-After": str(max(1, retry_after_seconds))})


class UpstreamError(AppError):
    """The payment provider failed or could not be reached."""

    status_code = 502
    default_detail = "Payment provider error"


class ServiceUnavailable(AppError):
    """A dependency we own (the database) is unreachable; retrying later may succeed."""

    status_code = 503
    default_detail = "Service temporarily unavailable"
