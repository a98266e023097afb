"""The next value of `jwt_signing_keys` when rotating: a new key first, the old ones kept (still
verifying tokens they signed and published in the JWKS) until they are retired.

Rotation runbook (README, Rotating the signing key): put a new key (`GENERATE_SIGNING_KEY=1`), publish
new versions; once every access token the old key signed has expired (access_token_ttl_minutes) and
verifiers have refetched the JWKS (API Gateway caches it up to two hours), `RETIRE_SIGNING_KEYS=1`
keeps only the signing key.
"""

from __future__ import annotations

from saas_billing.infra.security.service.signing_keys import (
    generate_signing_key_pem,
    load_signing_keys,
    pem_blocks,
)

PARAMETER = "jwt_signing_keys"


def next_signing_keys(current: str | None, *, generate: bool, retire: bool) -> str:
    """PEM blocks: with `generate` a new key first; with `retire` only the (new or current) signing key."""
    blocks = pem_blocks(current) if current else []
    if generate:
        blocks.insert(0, generate_signing_key_pem().strip())
    if retire:
        blocks = blocks[:1]
    if not blocks:
        raise ValueError(f"{PARAMETER} has no key to keep: generate one")
    text = "\n".join(blocks) + "\n"
    load_signing_keys(text)  # refuses what the functions would refuse
    return text


def kids(text: str) -> list[str]:
    """What to show an operator: the key ids, signing key first (never key material)."""
    return [key.kid for key in load_signing_keys(text)]
