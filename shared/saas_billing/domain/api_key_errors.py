"""Service API key outcomes; plain domain errors the edge maps to statuses (see domain/errors.py)."""

from __future__ import annotations

from saas_billing.domain.auth_errors import AuthenticationFailed, InvalidInput
from saas_billing.domain.errors import NotPermitted, ResourceNotFound, Throttled


class ApiKeyRequired(AuthenticationFailed):
    default_detail = "Send a service API key: Authorization: Bearer sbk_..."


class UserTokenNotAccepted(AuthenticationFailed):
    default_detail = "This route takes a service API key (Authorization: Bearer sbk_...), not a user's token"


class InvalidApiKey(AuthenticationFailed):
    """Unknown, malformed, wrong secret or revoked: the same answer, so a caller learns nothing more."""

    default_detail = "Invalid or revoked API key"


class ApiKeyScopeMissing(NotPermitted):
    default_detail = "This API key lacks the scope this route needs"

    def __init__(self, scope: str | None = None) -> None:
        super().__init__(f"This API key lacks the scope '{scope}'" if scope else None)


class ApiKeyThrottled(Throttled):
    default_detail = "Too many requests with this API key; try again later"


class ApiKeyNotFound(ResourceNotFound):
    default_detail = "API key not found"


class UnknownScope(InvalidInput):
    default_detail = "Unknown scope"


class AccountNotFound(ResourceNotFound):
    default_detail = "Account not found"
