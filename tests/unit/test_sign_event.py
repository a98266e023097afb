"""scripts/sign_event: what tests, the bench and `make sign-event` use to sign deliveries."""

from __future__ import annotations

import base64
import json
import sys
import time

import stripe

from saas_billing.infra.settings.webhook_secrets import LOCAL_WEBHOOK_SECRET
from scripts import sign_event
from tests.support.lambda_events import EVENTS_DIR, load_event


def verifies(event: dict, secret: str = LOCAL_WEBHOOK_SECRET) -> bool:
    body = event["body"]
    payload = base64.b64decode(body).decode() if event.get("isBase64Encoded") else body
    return stripe.WebhookSignature.verify_header(payload, event["headers"]["stripe-signature"], secret, 300)


def test_sign_http_event_re_signs_a_committed_sample_at_the_current_time():
    sample = load_event("webhooks/01_customer_subscription_updated.json")
    signed = sign_event.sign_http_event(sample)
    assert verifies(signed)
    assert (
        signed["body"] == sample["body"]
        and sample["headers"]["stripe-signature"] != signed["headers"]["stripe-signature"]
    )


def test_sign_http_event_signs_the_decoded_bytes_of_a_base64_body():
    plain = sign_event.stripe_event_to_http_event('{"id": "evt_1"}', base64_body=True)
    assert verifies(sign_event.sign_http_event(plain, "whsec_x", int(time.time())), "whsec_x")


def test_the_cli_signs_a_stripe_event_file_with_the_given_secret(tmp_path, monkeypatch):
    source = tmp_path / "event.json"
    source.write_text(json.dumps({"id": "evt_cli", "object": "event", "type": "invoice.paid"}, indent=2))
    out = tmp_path / "signed.json"
    monkeypatch.setattr(sys, "argv", ["sign_event", str(source), "--secret", "whsec_cli", "--out", str(out)])
    sign_event.main()
    signed = json.loads(out.read_text())
    assert signed["routeKey"] == "POST /v1/webhooks/stripe" and verifies(signed, "whsec_cli")
    assert signed["body"] == source.read_text().strip()


def test_the_cli_defaults_to_stripe_webhook_secret_then_the_local_secret(tmp_path, monkeypatch, capsys):
    sample = str(EVENTS_DIR / "webhooks/01_customer_subscription_updated.json")
    monkeypatch.setattr(sys, "argv", ["sign_event", sample])
    sign_event.main()
    assert verifies(json.loads(capsys.readouterr().out))
    monkeypatch.setenv("STRIPE_WEBHOOK_SECRET", "whsec_env_first,whsec_env_second")
    sign_event.main()
    assert verifies(json.loads(capsys.readouterr().out), "whsec_env_first")
