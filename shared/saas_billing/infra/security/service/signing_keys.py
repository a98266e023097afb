"""The issuer's signing keys: an ordered set, the first signs, the rest are retired but still verify.

Read from the `jwt_signing_keys` setting: PEM private keys one after another, or a JSON private JWK or
JWK Set (`{"keys": [...]}`). Each key's `kid` is its RFC 7638 thumbprint, so it needs no bookkeeping and
changes only with the key. RS256 (RSA, 2048 bits or more) is what we generate: API Gateway HTTP API JWT
authorizers verify RSA signatures only; ES256 (P-256) keys are accepted too. Importing this module loads
`cryptography` (~60 ms): only the token codec does, when a token is first signed or checked.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jwt.algorithms import ECAlgorithm, RSAAlgorithm
from jwt.exceptions import InvalidKeyError

from saas_billing.infra.exception.errors import SettingsError

MIN_RSA_BITS = 2048
_PEM_BLOCK = re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----.+?-----END [A-Z ]*PRIVATE KEY-----", re.DOTALL)
# RFC 7638: the required members of each key type, in lexicographic order, are what the thumbprint hashes.
_THUMBPRINT_MEMBERS = {"RSA": ("e", "kty", "n"), "EC": ("crv", "kty", "x", "y")}


@dataclass(frozen=True)
class SigningKey:
    kid: str
    algorithm: str
    private_key: Any  # an RSA or EC private key of `cryptography`
    public_jwk: dict[str, str]

    @property
    def public_key(self) -> Any:
        return self.private_key.public_key()


def load_signing_keys(text: str) -> list[SigningKey]:
    """The keys in setting order; raises SettingsError (naming no key material) when none is usable."""
    text = text.strip()
    if not text:
        raise SettingsError("jwt_signing_keys is empty")
    try:
        keys = _from_jwk_text(text) if text.startswith("{") else _from_pem_text(text)
    except (ValueError, TypeError, KeyError, InvalidKeyError) as error:
        raise SettingsError(f"jwt_signing_keys could not be read: {type(error).__name__}") from None
    if not keys:
        raise SettingsError("jwt_signing_keys holds no private key (PEM or JWK)")
    if len({key.kid for key in keys}) != len(keys):
        raise SettingsError("jwt_signing_keys lists the same key twice")
    return keys


def generate_signing_key_pem() -> str:
    """A new RSA key (PKCS#8 PEM) for `jwt_signing_keys`: put it first to sign with it."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=MIN_RSA_BITS)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


def public_jwks(keys: list[SigningKey]) -> dict[str, list[dict[str, str]]]:
    """The JWK Set verifiers fetch: public members only, each with kid, use=sig and alg."""
    return {"keys": [dict(key.public_jwk) for key in keys]}


def pem_blocks(text: str) -> list[str]:
    """The PEM private keys in the setting's text, in order (JWK text: convert it to PEM to rotate)."""
    if text.strip().startswith("{"):
        raise ValueError("rotate a PEM setting; this one is a JWK Set")
    return _PEM_BLOCK.findall(text)


def _from_pem_text(text: str) -> list[SigningKey]:
    blocks = pem_blocks(text)
    # Our own keys, from SSM: skipping RSA's slow consistency check saves ~35 ms per key at first use.
    return [
        _signing_key(
            serialization.load_pem_private_key(
                block.encode(), password=None, unsafe_skip_rsa_key_validation=True
            )
        )
        for block in blocks
    ]


def _from_jwk_text(text: str) -> list[SigningKey]:
    document = json.loads(text)
    jwks = document.get("keys", [document])
    keys = []
    for jwk in jwks:
        reader = RSAAlgorithm if jwk.get("kty") == "RSA" else ECAlgorithm
        keys.append(_signing_key(reader.from_jwk(jwk)))
    return keys


def _signing_key(private_key: Any) -> SigningKey:
    if isinstance(private_key, rsa.RSAPrivateKey):
        if private_key.key_size < MIN_RSA_BITS:
            raise ValueError("RSA signing keys need at least 2048 bits")
        algorithm, jwk = "RS256", RSAAlgorithm.to_jwk(private_key.public_key(), as_dict=True)
    elif isinstance(private_key, ec.EllipticCurvePrivateKey) and isinstance(private_key.curve, ec.SECP256R1):
        algorithm, jwk = "ES256", ECAlgorithm.to_jwk(private_key.public_key(), as_dict=True)
    else:
        raise TypeError("signing keys must be RSA (RS256) or P-256 (ES256)")
    public = {name: jwk[name] for name in _THUMBPRINT_MEMBERS[jwk["kty"]]}
    kid = thumbprint(public)
    return SigningKey(kid, algorithm, private_key, {**public, "kid": kid, "use": "sig", "alg": algorithm})


def thumbprint(public_members: dict[str, str]) -> str:
    """RFC 7638 JWK thumbprint (SHA-256, base64url without padding)."""
    canonical = json.dumps(public_members, sort_keys=True, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(hashlib.sha256(canonical).digest()).rstrip(b"=").decode()
