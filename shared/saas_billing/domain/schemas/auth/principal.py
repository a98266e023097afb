"""Who is calling and what the request presented, apart from the token schemas: every route's auth
dependency needs these at import, and a visitor's request needs nothing else of auth."""

from __future__ import annotations

from dataclasses import dataclass

from saas_billing.domain.schemas.auth.role import Role


@dataclass(frozen=True)
class Credentials:
    """What a request presented: cookies from a browser, or a bearer access token."""

    device_id: str | None = None
    access_token: str | None = None
    refresh_token: str | None = None
    bearer: bool = False


@dataclass(frozen=True)
class Principal:
    """The caller of an authenticated request."""

    user_id: str
    email: str
    role: Role
    device_id: str

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN
