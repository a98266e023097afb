"""Account and session outcomes, each an AppError subclass so the one handler maps it to its status."""

from __future__ import annotations

from saas_billing.infra.exception.errors import (
    AppError,
    Conflict,
    Forbidden,
    NotFound,
    TooManyRequests,
    Unauthorized,
)


class InvalidInput(AppError):
    status_code = 422
    default_detail = "Invalid input"


class PasswordTooShort(InvalidInput):
    def __init__(self, min_length: int) -> None:
        super().__init__(f"Password must be at least {min_length} characters long")


class UnsupportedBody(AppError):
    status_code = 415
    default_detail = "Send a JSON object (application/json) or a form"


class CrossSiteRequest(Forbidden):
    default_detail = "Cross-site requests are refused"


class EmailAlreadyRegistered(Conflict):
    default_detail = "An account with this email already exists"


class AuthenticationFailed(Unauthorized):
    """Every 401 tells a bearer client how to authenticate (RFC 6750)."""

    def __init__(self, detail: str | None = None) -> None:
        super().__init__(detail, headers={"WWW-Authenticate": "Bearer"})


class NotAuthenticated(AuthenticationFailed):
    default_detail = "Not authenticated; log in"


class InvalidCredentials(AuthenticationFailed):
    default_detail = "Invalid email or password"


class InvalidAccessToken(AuthenticationFailed):
    default_detail = "Invalid access token"


class AccessTokenExpired(InvalidAccessToken):
    default_detail = "Access token expired; refresh it or log in again"


class SessionExpired(AuthenticationFailed):
    default_detail = "Session expired or signed out; log in again"


class InvalidRefreshToken(AuthenticationFailed):
    default_detail = "Invalid refresh token; log in again"


class RefreshTokenReused(AuthenticationFailed):
    default_detail = "Refresh token was already used; this device was signed out, log in again"


class LoginThrottled(TooManyRequests):
    default_detail = "Too many failed login attempts; try again later"


class SignupThrottled(TooManyRequests):
    default_detail = "Too many sign-ups from this address; try again later"


class AdminRequired(Forbidden):
    default_detail = "Administrator role required"


class DeviceNotFound(NotFound):
    default_detail = "Device not found"


class UserNotFound(NotFound):
    default_detail = "User not found"
