"""HS256 access tokens (PyJWT, no `cryptography` needed) with a `kid` so the secret can rotate.

Only HS256 is ever accepted: `alg: none` and every other algorithm fail before any key is used.
Time checks use the injected clock, not the wall clock, so PyJWT's own exp/iat checks are off.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import jwt

from saas_billing.domain.auth_errors import AccessTokenExpired, InvalidAccessToken
from saas_billing.domain.schemas.auth.tokens import AccessClaims
from saas_billing.domain.schemas.auth.user import Role
from saas_billing.infra.security.interface.token_codec import TokenCodec

ALGORITHM = "HS256"
REQUIRED_CLAIMS = ["iss", "aud", "sub", "exp", "iat", "jti", "sid", "role"]


def key_id(secret: str) -> str:
    """A short, stable name for a secret; reveals nothing usable about a 32+ character secret."""
    return hashlib.sha256(b"kid:" + secret.encode()).hexdigest()[:16]


class JwtTokenCodec(TokenCodec):
    def __init__(
        self, secret: str, *, issuer: str, audience: str, previous_secret: str | None = None
    ) -> None:
        self._current_kid = key_id(secret)
        self._secret = secret
        self._keys = {self._current_kid: secret}
        if previous_secret:
            self._keys[key_id(previous_secret)] = previous_secret
        self._issuer = issuer
        self._audience = audience

    def encode_access(self, claims: AccessClaims) -> str:
        payload = {
            "iss": self._issuer,
            "aud": self._audience,
            "sub": claims.subject,
            "sid": claims.device_id,
            "role": str(claims.role),
            "jti": claims.token_id,
            "iat": int(claims.issued_at.timestamp()),
            "exp": int(claims.expires_at.timestamp()),
        }
        return jwt.encode(payload, self._secret, algorithm=ALGORITHM, headers={"kid": self._current_kid})

    def decode_access(self, token: str, now: datetime) -> AccessClaims:
        try:
            header = jwt.get_unverified_header(token)
            key = self._keys.get(header.get("kid", ""))
            if header.get("alg") != ALGORITHM or key is None:
                raise InvalidAccessToken()
            payload = jwt.decode(
                token,
                key,
                algorithms=[ALGORITHM],
                audience=self._audience,
                issuer=self._issuer,
                options={
                    "require": REQUIRED_CLAIMS,
                    "verify_exp": False,
                    "verify_iat": False,
                    "verify_nbf": False,
                },
            )
            claims = AccessClaims(
                subject=payload["sub"],
                device_id=str(payload["sid"]),
                role=Role(payload["role"]),
                token_id=payload["jti"],
                issued_at=datetime.fromtimestamp(int(payload["iat"]), UTC),
                expires_at=datetime.fromtimestamp(int(payload["exp"]), UTC),
            )
        except (jwt.PyJWTError, ValueError, TypeError, KeyError) as error:
            raise InvalidAccessToken() from error
        if claims.expires_at <= now:
            raise AccessTokenExpired()
        return claims
