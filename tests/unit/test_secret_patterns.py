"""Generated secrets always pass the deployed-stage checks; anything a person typed or patterned fails."""

from __future__ import annotations

import base64
import secrets

import pytest

from saas_billing.infra.settings.secret_patterns import human_pattern
from saas_billing.infra.settings.secret_strength import webhook_secret_problems

SAMPLES = 20_000
# Bytes that repeat 20 bytes apart: not a multiple of 3, so their base64 text shows no repeat of its own.
REPEAT_OUT_OF_STEP = bytes.fromhex("8f019a02") + bytes.fromhex("c3a1f07d29e48b5516ca0f93e27b48d1a6305ecf") * 2
GENERATED_WEBHOOK_SECRETS = {  # the Dashboard's whsec_ + 32 base64 characters, `stripe listen`'s 64 hex
    "whsec_ + 32 base64": lambda: "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode(),
    "whsec_ + 32 url-safe base64": lambda: "whsec_" + secrets.token_urlsafe(24),
    "whsec_ + 64 hex": lambda: "whsec_" + secrets.token_hex(32),
}


@pytest.mark.parametrize("kind", sorted(GENERATED_WEBHOOK_SECRETS))
def test_generated_webhook_secrets_always_pass(kind):
    generate = GENERATED_WEBHOOK_SECRETS[kind]
    refused = [
        (value, problems)
        for value in (generate() for _ in range(SAMPLES))
        if (problems := webhook_secret_problems("stripe_webhook_secret", [value]))
    ]
    assert refused == []


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("insecure-dev-only-jwt-signing-key-do-not-use-in-prod", "is made of words"),
        ("Replace-Me-With-A-Generated-Token-Before-Deploy", "is made of words"),
        ("MyStripeWebhookSigningSecretForTheStagingServer", "is made of words"),
        ("k9Xq2ZqwertyuiP7m4Lw8Rt5Vb3Nc6Jh1Gf0Ds", "contains a keyboard or alphabet sequence"),
        ("k9Xq2ZP7m4Lw8POIUYTREWt5Vb3Nc6Jh1Gf0Ds", "contains a keyboard or alphabet sequence"),
        ("k9Xq2ZP7m4Lw80123456789t5Vb3Nc6Jh1Gf0Ds", "contains a keyboard or alphabet sequence"),
        ("k9Xq2ZP7m4Lw8Rt5Vb3Nk9Xq2ZP7m4Lw8Rt5Vb3N!", "repeats itself"),
        ("k9Xq2ZP7m4Lw8Rt5k9Xq2ZP7m4Lw8Rt6", "repeats itself"),
        (base64.b64encode(b"The quick brown fox jumps over the lazy dog").decode(), "is base64 of text"),
        (base64.b64encode(REPEAT_OUT_OF_STEP).decode(), "is base64 of text or of a repeated pattern"),
    ],
)
def test_each_human_pattern_is_named(value, reason):
    assert (human_pattern(value) or "").startswith(reason)


def test_a_single_word_in_a_generated_token_is_chance_not_a_phrase():
    assert human_pattern("k9Xq2ZP7m4Lw8Rt5TESTVb3Nc6Jh1Gf0Ds-aZ81") is None
