"""Is a configured secret random enough for a deployed stage? Placeholders pass a length check, not this.

Each check returns a reason naming the setting, never the value. The thresholds sit far below what
Stripe's signing secrets give (`whsec_` + 32 base64 characters, or 64 hex from `stripe listen`) and far
above what a human placeholder reaches. What a person makes (words, keyboard walks, repeats, base64 of
text) is refused by secret_patterns.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from itertools import pairwise

from saas_billing.infra.settings.secret_patterns import human_pattern

WEBHOOK_SECRET_PREFIX = "whsec_"
# Stripe's signing secrets are whsec_ + 32 base64 characters (the Dashboard) or 64 hex (`stripe listen`).
WEBHOOK_SECRET_MIN_LENGTH = 32
# A random 32-character base64 payload scores ~120 or more, even 32 hex characters ~90.
WEBHOOK_SECRET_MIN_BITS = 80
WEBHOOK_SECRET_ALPHABET = re.compile(r"[A-Za-z0-9+/=_-]+")
# Share of neighbouring characters that are equal or adjacent ("abcd", "1111"): ~5-20% when random.
MAX_SEQUENTIAL_SHARE = 0.6


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
        problem = _predictability(payload)
        if problem:
            problems.append(f"{where} (after whsec_) {problem}")
    return problems


def _predictability(value: str) -> str | None:
    """Why a payload of the webhook alphabet (no whitespace, checked first) would not pass for random."""
    if len(value) < WEBHOOK_SECRET_MIN_LENGTH:
        return f"must be at least {WEBHOOK_SECRET_MIN_LENGTH} characters"
    pattern = human_pattern(value)
    if pattern:
        return pattern
    if _sequential_share(value) > MAX_SEQUENTIAL_SHARE or _entropy_bits(value) < WEBHOOK_SECRET_MIN_BITS:
        return "has too little variety to be random"
    return None


def _sequential_share(value: str) -> float:
    pairs = list(pairwise(value))
    return sum(abs(ord(a) - ord(b)) <= 1 for a, b in pairs) / len(pairs)


def _entropy_bits(value: str) -> float:
    """Length times the Shannon entropy of the character frequencies: an estimate of random bits."""
    length = len(value)
    return -sum(count * math.log2(count / length) for count in Counter(value).values())
