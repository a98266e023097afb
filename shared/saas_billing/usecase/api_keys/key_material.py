"""Making, reading and checking a service API key's value (`sbk_<key_id>_<secret>`).

Stored as SHA-256, not argon2: a password is a few dozen bits a person chose, so its hash must be slow
to make guessing expensive; this secret is 256 random bits, which no amount of guessing reaches, so a
fast hash loses nothing and keeps every authenticated request cheap (argon2 costs ~0.1 s and 64 MiB per
check, on every call of a busy backend). The comparison is constant-time all the same.
"""

from __future__ import annotations

import hmac
import re
import secrets
import string

from saas_billing.domain.schemas.api_keys.api_key import KEY_PREFIX
from saas_billing.domain.schemas.auth.fingerprint import fingerprint

ALPHABET = string.ascii_letters + string.digits  # no `_` or `-`: the whole key selects with a double click
SECRET_LENGTH = 43  # 43 characters of 62: 256 bits
KEY_ID_LENGTH = 16  # public; random only so ids do not reveal how many keys exist
KEY_SHAPE = re.compile(rf"{KEY_PREFIX}([a-z0-9]{{{KEY_ID_LENGTH}}})_([A-Za-z0-9]{{{SECRET_LENGTH}}})")


def new_key() -> tuple[str, str]:
    """A fresh (key_id, full key value)."""
    key_id = "".join(secrets.choice(string.ascii_lowercase + string.digits) for _ in range(KEY_ID_LENGTH))
    secret = "".join(secrets.choice(ALPHABET) for _ in range(SECRET_LENGTH))
    return key_id, f"{KEY_PREFIX}{key_id}_{secret}"


def key_id_of(presented: str) -> str | None:
    """The key id of a well-formed key value, else None (nothing else is looked up)."""
    match = KEY_SHAPE.fullmatch(presented)
    return match.group(1) if match else None


def key_matches(presented: str, secret_hash: str) -> bool:
    return hmac.compare_digest(fingerprint(presented), secret_hash)
