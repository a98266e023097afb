"""Access tokens signed with the issuer's asymmetric keys (RS256, or ES256), each naming its key (`kid`).

A token is checked only with the key its `kid` names and only with that key's algorithm: `alg: none`,
HS256 keyed with a public key, or any other switch fails before a signature is checked. Time checks use
the injected clock, not the wall clock, so PyJWT's own exp/iat checks are off. `jwt` (and with it
`cryptography`, ~60 ms) is imported here, and this module only when a token is first signed or checked.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import jwt

from saas_billing.domain.auth_errors import AccessTokenExpired, InvalidAccessToken
from saas_billing.domain.schemas.auth.tokens import AccessClaims, Grants
from saas_billing.domain.schemas.auth.user import Role
from saas_billing.infra.security.interface.token_codec import TokenCodec
from saas_billing.infra.security.service.signing_keys import SigningKey, public_jwks

REQUIRED_CLAIMS = ["iss", "aud", "sub", "exp", "iat", "jti", "sid", "role"]


class JwtTokenCodec(TokenCodec):
    def __init__(self, keys: list[SigningKey], *, issuer: str, audience: str) -> None:
        if not keys:
            raise ValueError("at least one signing key")
        self._signing = keys[0]
        self._keys = {key.kid: key for key in keys}
        self._issuer = issuer
        self._audience = audience

    @property
    def algorithms(self) -> list[str]:
        return sorted({key.algorithm for key in self._keys.values()})

    def jwks(self) -> dict[str, Any]:
        return public_jwks(list(self._keys.values()))

    def encode_access(self, claims: AccessClaims) -> str:
        payload: dict[str, Any] = {
            "iss": self._issuer,
            "aud": self._audience,
            "sub": claims.subject,
            "sid": claims.device_id,
            "role": str(claims.role),
            "jti": claims.token_id,
            "iat": int(claims.issued_at.timestamp()),
            "exp": int(claims.expires_at.timestamp()),
        }
        if claims.grants is not None:
            payload |= {
                "plan": claims.grants.plan,
                "features": list(claims.grants.features),
                "ent_rev": claims.grants.revision,
                "scope": " ".join(claims.grants.scopes),
            }
        key = self._signing
        return jwt.encode(payload, key.private_key, algorithm=key.algorithm, headers={"kid": key.kid})

    def decode_access(self, token: str, now: datetime) -> AccessClaims:
        try:
            header = jwt.get_unverified_header(token)
            key = self._keys.get(header.get("kid") or "")
            if key is None or header.get("alg") != key.algorithm:
                raise InvalidAccessToken()
            payload = jwt.decode(
                token,
                key.public_key,
                algorithms=[key.algorithm],
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
                grants=_grants(payload),
            )
        except (jwt.PyJWTError, ValueError, TypeError, KeyError) as error:
            raise InvalidAccessToken() from error
        if claims.expires_at <= now:
            raise AccessTokenExpired()
        return claims


def _grants(payload: dict[str, Any]) -> Grants | None:
    if "ent_rev" not in payload:
        return None
    plan = payload.get("plan")
    return Grants(
        plan=str(plan) if plan is not None else None,
        features=tuple(str(feature) for feature in payload.get("features") or ()),
        revision=int(payload["ent_rev"]),
    )
