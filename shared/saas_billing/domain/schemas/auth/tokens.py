"""Tokens and the authenticated caller, independent of JWT and cookies."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from saas_billing.domain.schemas.auth.fingerprint import fingerprint
from saas_billing.domain.schemas.auth.principal import Principal
from saas_billing.domain.schemas.auth.role import Role


@dataclass(frozen=True)
class AccessClaims:
    subject: str  # user id
    device_id: str
    role: Role
    token_id: str  # jti
    issued_at: datetime
    expires_at: datetime
    grants: Grants | None = None  # what the account may use when the token was issued


@dataclass(frozen=True)
class Grants:
    """Entitlement claims of an access token, for services that verify it without calling us.

    Stale by at most the access token's lifetime, and not even that: a change marks the account's
    sessions, whose next request gets new tokens (cookies) or a 401 to refresh (bearer).
    """

    plan: str | None = None
    features: tuple[str, ...] = ()
    revision: int = 0

    @property
    def scopes(self) -> tuple[str, ...]:
        """OAuth scopes an API Gateway JWT authorizer can require per route: one per feature, except a
        feature whose lookup key holds whitespace (Stripe allows it), which the space-separated `scope`
        claim cannot carry; it stays in `features`."""
        return tuple(
            f"{FEATURE_SCOPE_PREFIX}{feature}"
            for feature in self.features
            if not any(c.isspace() for c in feature)
        )


FEATURE_SCOPE_PREFIX = "feature:"


@dataclass(frozen=True)
class IssuedTokens:
    device_id: str
    access_token: str
    access_jti: str
    refresh_token: str
    access_expiry: datetime
    refresh_expiry: datetime
    issued_at: datetime
    grants_revision: int | None = None  # the `ent_rev` claim; None when issued without grants

    @property
    def access_jti_hash(self) -> str:
        return fingerprint(self.access_jti)

    @property
    def refresh_token_hash(self) -> str:
        return fingerprint(self.refresh_token)


@dataclass(frozen=True)
class AuthOutcome:
    principal: Principal
    rotated: IssuedTokens | None = None  # set when this request refreshed the tokens
