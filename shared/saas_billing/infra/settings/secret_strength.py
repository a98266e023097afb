"""Is a configured secret random enough for a deployed stage? Placeholders pass a length check, not this.

Each check returns a reason naming the setting, never the value. The thresholds sit far below what a
token generator gives (`secrets.token_urlsafe(32)` or `token_hex(32)` for a JWT secret, Stripe's
`whsec_` + 32 base64 characters for a webhook secret) and far above what a human placeholder reaches.
What a person makes (words, keyboard walks, repeats, base64 of text) is refused by secret_patterns.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from itertools import pairwise

from saas_billing.infra.settings.secret_patterns import human_pattern

# 32 random bytes as a URL-safe token (secrets.token_urlsafe(32)) is 43 characters.
JWT_SECRET_MIN_LENGTH = 43
# length x Shannon entropy of the characters: token_urlsafe(32) never scores below ~180, token_hex(32) ~210.
JWT_SECRET_MIN_BITS = 160
WEBHOOK_SECRET_PREFIX = "whsec_"
# Stripe's signing secrets are whsec_ + 32 base64 characters (the Dashboard) or 64 hex (`stripe listen`).
WEBHOOK_SECRET_MIN_LENGTH = 32
# A random 32-character base64 payload scores ~120 or more, even 32 hex characters ~90.
WEBHOOK_SECRET_MIN_BITS = 80
WEBHOOK_SECRET_ALPHABET = re.compile(r"[A-Za-z0-9+/=_-]+")
# Share of neighbouring characters that are equal or adjacent ("abcd", "1111"): ~5-20% when random.
MAX_SEQUENTIAL_SHARE = 0.6


def jwt_secret_problem(name: str, value: str) -> str | None:
    """Why `value` cannot sign tokens in a deployed stage, or None when it can."""
    hint = "generate one with: python -c 'import secrets; print(secrets.token_urlsafe(48))'"
    problem = _predictability(value, JWT_SECRET_MIN_LENGTH, JWT_SECRET_MIN_BITS)
    return f"{name} {problem}; {hint}" if problem else None


def webhook_secret_problems(name: str, entries: list[str]) -> list[str]:
    """Every entry must look like a signing secret Stripe issued; an empty list is a problem too."""
    if not entries:
        return [f"{name} lists no secret; use the whsec_... secret Stripe shows for the endpoint"]
    problems = []
    for position, secret in enumerate(entries, start=1):
        where = f"{name} entry {position} of {len(entries)}"
        payload = secret.removeprefix(WEBHOOK_SECRET_PREFIX)
        if not secret.startswith(WEBHOOK_SECRET_PREFIX) or not WEBHOOK_SECRET_ALPHABET.fullmatch(payload):
            problems.append(f"{where} is not a Stripe signing secret (whsec_ then base64 characters)")
            continue
        problem = _predictability(payload, WEBHOOK_SECRET_MIN_LENGTH, WEBHOOK_SECRET_MIN_BITS)
        if problem:
            problems.append(f"{where} (after whsec_) {problem}")
    return problems


def _predictability(value: str, min_length: int, min_bits: float) -> str | None:
    if not value.strip() or any(char.isspace() or not char.isprintable() for char in value):
        return "must not contain whitespace or control characters"
    if len(value) < min_length:
        return f"must be at least {min_length} characters"
    pattern = human_pattern(value)
    if pattern:
        return pattern
    if _sequential_share(value) > MAX_SEQUENTIAL_SHARE or _entropy_bits(value) < min_bits:
        return "has too little variety to be random"
    return None


def _sequential_share(value: str) -> float:
    pairs = list(pairwise(value))
    return sum(abs(ord(a) - ord(b)) <= 1 for a, b in pairs) / len(pairs)


def _entropy_bits(value: str) -> float:
    """Length times the Shannon entropy of the character frequencies: an estimate of random bits."""
    length = len(value)
    return -sum(count * math.log2(count / length) for count in Counter(value).values())
