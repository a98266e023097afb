"""Account and session outcomes; plain domain errors the edge maps to statuses (see domain/errors.py)."""

from __future__ import annotations

from saas_billing.domain.errors import (
    DomainError,
    InvalidRequest,
    NotPermitted,
    ResourceNotFound,
    StateConflict,
    Throttled,
)


class InvalidInput(DomainError):
    """A body that does not validate (422, like FastAPI's own)."""

    default_detail = "Invalid input"


class PasswordTooShort(InvalidInput):
    def __init__(self, min_length: int) -> None:
        super().__init__(f"Password must be at least {min_length} characters long")


class UnsupportedBody(DomainError):
    """A body in a media type we do not read (415)."""

    default_detail = "Send a JSON object (application/json) or a form"


class CrossSiteRequest(NotPermitted):
    default_detail = "Cross-site requests are refused"


class EmailAlreadyRegistered(StateConflict):
    default_detail = "An account with this email already exists"


class AuthenticationFailed(DomainError):
    """Who is calling is unknown or no longer valid; the edge adds how to authenticate (RFC 6750)."""

    default_detail = "Not authenticated"


class NotAuthenticated(AuthenticationFailed):
    default_detail = "Not authenticated; log in"


class InvalidCredentials(AuthenticationFailed):
    default_detail = "Invalid email or password"


class InvalidAccessToken(AuthenticationFailed):
    default_detail = "Invalid access token"


class AccessTokenExpired(InvalidAccessToken):
    default_detail = "Access token expired; refresh it or log in again"


class AccessTokenOutdated(AccessTokenExpired):
    """The account's plan or features changed after this token was issued: its claims are outdated."""

    default_detail = "Access token outdated: the account's entitlements changed; refresh it"


class SessionExpired(AuthenticationFailed):
    default_detail = "Session expired or signed out; log in again"


class InvalidRefreshToken(AuthenticationFailed):
    default_detail = "Invalid refresh token; log in again"


class RefreshTokenReused(AuthenticationFailed):
    default_detail = "Refresh token was already used; this device was signed out, log in again"


class RefreshRaceLost(StateConflict):
    """Another request (a second tab, a client's retry) rotated this token a moment ago: not a theft."""

    default_detail = (
        "This refresh token was just rotated by a concurrent request; retry with the newest tokens"
    )


class LoginThrottled(Throttled):
    default_detail = "Too many failed login attempts; try again later"


class SignupThrottled(Throttled):
    default_detail = "Too many sign-ups from this address; try again later"


class MailThrottled(Throttled):
    default_detail = "Too many emails asked for; try again later"


class InvalidAccountToken(InvalidRequest):
    """A verification or reset link that is unknown, used, replaced by a newer one, or expired."""

    default_detail = "This link is invalid or has expired; ask for a new one"


class EmailNotVerified(NotPermitted):
    """Changing the email needs the current one proven first (the link from sign-up, or a reset)."""

    default_detail = "Verify your current email first (use the link we sent, or ask for a new one)"


class AdminPromotionRefused(NotPermitted):
    """Only an account whose owner proved the email may become an administrator."""


class AdminRequired(NotPermitted):
    default_detail = "Administrator role required"


class DeviceNotFound(ResourceNotFound):
    default_detail = "Device not found"


class UserNotFound(ResourceNotFound):
    default_detail = "User not found"
