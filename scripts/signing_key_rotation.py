"""The next value of `jwt_signing_keys` when rotating, in two phases so no verifier meets an unknown kid.

A canary deployment shifts each function separately, and API Gateway authorizers cache the JWKS: a key
that signs the moment it is deployed would be unknown to old containers and cached key sets. So a new key
is first only published (second in the list: it verifies and is in the JWKS, the current key still
signs); once that is everywhere, `promote` makes it the signing key; once the old key's tokens have
expired, `retire` keeps only the signing key (README, Rotating the signing key). A stage with no key gets
its first one signing at once.
"""

from __future__ import annotations

from saas_billing.infra.security.service.signing_keys import (
    generate_signing_key_pem,
    load_signing_keys,
    pem_blocks,
)

PARAMETER = "jwt_signing_keys"


def next_signing_keys(current: str | None, *, generate: bool, retire: bool, promote: bool = False) -> str:
    """PEM blocks: `generate` publishes a new key (second; first only when there is none), `promote` makes
    the newest published key sign, `retire` keeps only the signing key. Applied in that order, so
    generate + promote + retire at once replaces a leaked key immediately."""
    blocks = pem_blocks(current) if current else []
    if generate:
        blocks.insert(1 if blocks else 0, generate_signing_key_pem().strip())
    if promote:
        if len(blocks) < 2:
            raise ValueError(f"{PARAMETER} has no published key to promote: generate one first")
        blocks.insert(0, blocks.pop(1))
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
