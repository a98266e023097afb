"""Service API keys: how the team's own backends call us, e.g. to ask what an account may use.

A key reads `sbk_<key_id>_<secret>`. `sbk_` ("service billing key") is no Stripe prefix (sk_, pk_, rk_,
whsec_), so neither kind of key is mistaken for the other and a leaked one is easy to grep for; the public
`key_id` finds the stored record in one lookup; only the secret's hash is stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, get_args

KEY_PREFIX = "sbk_"
Scope = Literal["entitlements:read"]
SCOPES: tuple[str, ...] = get_args(Scope)
ENTITLEMENTS_READ: Scope = "entitlements:read"


@dataclass(frozen=True)
class ApiKey:
    """As stored: never the secret, only its hash. `last_used_at` is at most a minute behind."""

    key_id: str
    name: str
    scopes: tuple[str, ...]
    secret_hash: str
    created_at: datetime
    created_by: str
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None

    @property
    def prefix(self) -> str:
        """What identifies the key in a list or a log without revealing it."""
        return f"{KEY_PREFIX}{self.key_id}_"

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


@dataclass(frozen=True)
class IssuedApiKey:
    """A key just created: the only moment its full value exists outside the caller's hands."""

    api_key: ApiKey
    key: str = field(repr=False)
