"""The token codec as requests see it: the JWT codec (jwt and cryptography, ~70 ms to import) is built on
the first token that must really be signed or verified. A bearer value not even shaped like one of our
tokens (a placeholder, a Stripe key pasted by mistake, garbage) is refused with the standard library,
so it costs a cold start nothing.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from saas_billing.domain.auth_errors import InvalidAccessToken
from saas_billing.domain.schemas.auth.tokens import AccessClaims
from saas_billing.infra.security.interface.token_codec import TokenCodec

SIGNING_ALGORITHMS = frozenset({"RS256", "ES256"})


def shaped_like_ours(token: str) -> bool:
    """Three base64url segments whose header names a kid and one of our signing algorithms."""
    parts = token.split(".")
    if len(parts) != 3 or not all(parts[:2]):
        return False
    try:
        header = json.loads(base64.urlsafe_b64decode(parts[0] + "=" * (-len(parts[0]) % 4)))
    except (binascii.Error, ValueError):
        return False
    return isinstance(header, dict) and header.get("alg") in SIGNING_ALGORITHMS and bool(header.get("kid"))


class LazyTokenCodec(TokenCodec):
    def __init__(self, build: Callable[[], TokenCodec]) -> None:
        self._build = build
        self._codec: TokenCodec | None = None

    def _real(self) -> TokenCodec:
        if self._codec is None:
            self._codec = self._build()
        return self._codec

    def encode_access(self, claims: AccessClaims) -> str:
        return self._real().encode_access(claims)

    def decode_access(self, token: str, now: datetime) -> AccessClaims:
        if not shaped_like_ours(token):
            raise InvalidAccessToken()
        return self._real().decode_access(token, now)

    def jwks(self) -> dict[str, Any]:
        return self._real().jwks()

    @property
    def algorithms(self) -> list[str]:
        return self._real().algorithms
