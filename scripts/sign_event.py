"""Signs Stripe webhook events the way Stripe does, for tests, the bench and sam local invoke.

python -m scripts.sign_event stripe_event.json --out signed.json   # a Stripe event -> API Gateway v2 event
python -m scripts.sign_event events/webhooks/01_customer_subscription_updated.json --out signed.json
make sign-event EVENT=events/webhooks/04_invoice_paid.json SECRET=whsec_... OUT=signed.json

The input is a Stripe event (as `stripe events retrieve` or the dashboard shows it) or an API Gateway v2
event, whose body is re-signed. The secret is --secret, else STRIPE_WEBHOOK_SECRET (env or .env), else the
documented local default `whsec_local_development_secret` (which the function accepts only when APP_STAGE
is local; a deployed stage verifies against its STRIPE_WEBHOOK_SECRET).

Signatures are checked with a 300 s tolerance, so the committed events/webhooks/*.json (signed at a fixed
time) are refused as stale: re-sign one just before `sam local invoke -e`. Tests and `make bench` call
`sign_http_event` to sign at the current time.
"""

from __future__ import annotations

import argparse
import base64
import copy
import json
import sys
from pathlib import Path
from typing import Any

import stripe

from saas_billing.infra.settings.app_settings import AppSettings
from saas_billing.infra.settings.webhook_secrets import LOCAL_WEBHOOK_SECRET, webhook_secrets_for
from scripts.make_event import http_api_event

WEBHOOK_PATH = "/v1/webhooks/stripe"


def signature_header(payload: str, secret: str, timestamp: int | None = None) -> str:
    """`t=<timestamp>,v1=<hmac>` over the exact payload text; the current time when no timestamp is given."""
    return stripe.WebhookSignature.generate_signature_header(payload, secret, timestamp=timestamp)


def sign_http_event(
    event: dict[str, Any], secret: str = LOCAL_WEBHOOK_SECRET, timestamp: int | None = None
) -> dict[str, Any]:
    """A copy of an API Gateway v2 event with a fresh Stripe-Signature over its (possibly base64) body."""
    signed = copy.deepcopy(event)
    body = signed.get("body") or ""
    payload = base64.b64decode(body).decode() if signed.get("isBase64Encoded") else body
    signed.setdefault("headers", {})["stripe-signature"] = signature_header(payload, secret, timestamp)
    return signed


def stripe_event_to_http_event(
    payload: str,
    secret: str = LOCAL_WEBHOOK_SECRET,
    timestamp: int | None = None,
    base64_body: bool = False,
) -> dict[str, Any]:
    """A signed API Gateway v2 delivery of a Stripe event's JSON text, sent byte for byte as given."""
    headers = {"content-type": "application/json; charset=utf-8", "user-agent": "Stripe/1.0"}
    headers["stripe-signature"] = signature_header(payload, secret, timestamp)
    return http_api_event("POST", WEBHOOK_PATH, headers=headers, body=payload, base64_body=base64_body)


def default_secret() -> str:
    secrets = webhook_secrets_for(AppSettings())
    if not secrets:
        sys.exit("no webhook secret: pass --secret or set STRIPE_WEBHOOK_SECRET")
    return secrets[0]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("event", type=Path, help="a Stripe event or an API Gateway v2 event (JSON)")
    parser.add_argument("--secret", help="whsec_... (default: STRIPE_WEBHOOK_SECRET or the local default)")
    parser.add_argument("--out", type=Path, help="where to write the signed event (default: stdout)")
    parser.add_argument("--timestamp", type=int, help="signature time, epoch seconds (default: now)")
    args = parser.parse_args()
    text = args.event.read_text()
    secret = args.secret or default_secret()
    parsed = json.loads(text)
    if parsed.get("version") == "2.0" and "requestContext" in parsed:
        signed = sign_http_event(parsed, secret, args.timestamp)
    else:
        signed = stripe_event_to_http_event(text.strip(), secret, args.timestamp)
    output = json.dumps(signed, indent=2) + "\n"
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(output)
    else:
        sys.stdout.write(output)


if __name__ == "__main__":
    main()
