"""RSA signing keys for tests, generated once per run (each takes tens of milliseconds)."""

from __future__ import annotations

from functools import cache

from saas_billing.infra.security.service.signing_keys import (
    SigningKey,
    generate_signing_key_pem,
    load_signing_keys,
)


@cache
def pem(name: str = "current") -> str:
    """A PKCS#8 PEM per name: "current", "retired", "stranger"... each a distinct key."""
    return generate_signing_key_pem()


def keys(*names: str) -> list[SigningKey]:
    """The keys of those names, in that order (the first signs), as the setting would give them."""
    return load_signing_keys("".join(pem(name) for name in names or ("current",)))
