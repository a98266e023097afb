"""Signing and checking access tokens; the JWT implementation is imported only when used."""

from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import datetime

from saas_billing.domain.schemas.auth.tokens import AccessClaims


class TokenCodec(ABC):
    @abstractmethod
    def encode_access(self, claims: AccessClaims) -> str: ...

    @abstractmethod
    def decode_access(self, token: str, now: datetime) -> AccessClaims:
        """Raises AccessTokenExpired when only the expiry fails, InvalidAccessToken for anything else."""
