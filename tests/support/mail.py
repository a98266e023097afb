"""Reading account mail in tests: the local stage's outbox, and the token of a mailed link."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from saas_billing.infra.external_api.service.email.email_factory import get_email_sender
from saas_billing.infra.external_api.service.email.local_outbox import LocalOutbox
from saas_billing.infra.settings.loader import get_settings

LINK = re.compile(r"https?://[^\s\"<>]+")


def outbox() -> LocalOutbox:
    sender = get_email_sender(get_settings())
    assert isinstance(sender, LocalOutbox)
    return sender


def links(text: str) -> list[str]:
    return LINK.findall(text)


def token_of(url: str) -> str:
    return parse_qs(urlsplit(url).query)["token"][0]


def last_link(to: str) -> str:
    """The link of the newest message to this address, which must have one."""
    messages = outbox().to(to)
    assert messages, f"no mail to {to}"
    [url] = links(messages[-1].text)
    return url
