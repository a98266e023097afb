"""`make dev` only: the local outbox, a page listing every account mail the local stage "sent" (newest
first) with its links, standing in for an inbox. Mounted by the dev server alone, like the Stripe
stand-ins, so no deployed stage can serve it."""

from __future__ import annotations

import re
from html import escape

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from saas_billing.infra.exception.errors import NotFound
from saas_billing.infra.external_api.service.email.email_factory import get_email_sender
from saas_billing.infra.external_api.service.email.local_outbox import LocalOutbox
from saas_billing.infra.settings.loader import get_settings

PATH = "/_local/outbox"
router = APIRouter(include_in_schema=False)
LINK = re.compile(r"https?://[^\s\"<>]+")


@router.get(PATH, response_class=HTMLResponse)
async def outbox_page() -> HTMLResponse:
    sender = get_email_sender(get_settings())
    if not isinstance(sender, LocalOutbox):
        raise NotFound("The local outbox only exists in the local stage")
    items = []
    for entry in reversed(sender.entries()):
        message = entry.message
        links = "".join(
            f'<li><a href="{escape(url)}">{escape(url)}</a></li>' for url in LINK.findall(message.text)
        )
        items.append(
            f'<article class="card"><h2>{escape(message.subject)}</h2>'
            f'<p class="muted">To {escape(message.to)} · {entry.sent_at:%H:%M:%S} UTC</p>'
            f'<pre style="white-space: pre-wrap">{escape(message.text)}</pre><ul>{links}</ul></article>'
        )
    body = "".join(items) or '<p class="notice">No mail yet.</p>'
    html = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Local outbox</title></head>'
        f'<body><main style="max-width: 960px; margin: 0 auto; padding: 1rem"><h1>Local outbox</h1>{body}'
        "</main></body></html>"
    )
    return HTMLResponse(html, headers={"Cache-Control": "no-store"})
