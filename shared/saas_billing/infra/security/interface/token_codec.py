"""Signing and checking access tokens; the JWT implementation is imported only when used."""

from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from saas_billing.domain.schemas.auth.tokens import AccessClaims


class TokenCodec(ABC):
    @abstractmethod
    def encode_access(self, claims: AccessClaims) -> str: ...

    @abstractmethod
    def decode_access(self, token: str, now: datetime) -> AccessClaims:
        """Raises AccessTokenExpired when only the expiry fails, InvalidAccessToken for anything else."""

    @abstractmethod
    def jwks(self) -> dict[str, Any]:
        """The public keys that verify our tokens (a JWK Set), for `/.well-known/jwks.json`."""

    @property
    @abstractmethod
    def algorithms(self) -> list[str]:
        """The signing algorithms of those keys."""
