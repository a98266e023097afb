"""Short confirmations after an action: the redirect names one by key, and the page shows our own text.

Only known keys are shown, so a crafted link can put no words of its own on a page, and the redirect
target stays the same-site path it was (see auth_forms.safe_next).
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

NOTICES = {
    "signed-up": "Welcome! Your account is ready.",
    "signed-in": "You are signed in.",
    "signed-out": "You are signed out.",
    "canceled": "Your subscription is canceled: it ends at the end of the paid period.",
    "resumed": "Your subscription is back on: it renews as usual.",
    "switched": "Your plan is changed.",
    "device-signed-out": "That device is signed out.",
    "others-signed-out": "Every other device is signed out.",
    "already-subscribed": "You already have a subscription: you can change its plan here.",
}


def notice_text(key: str | None) -> str | None:
    return NOTICES.get(key or "")


def with_notice(path: str, key: str | None) -> str:
    """`path` with `notice=<key>` added to its query (before any `#fragment`); an unknown key adds nothing."""
    if key not in NOTICES:
        return path
    parts = urlsplit(path)
    query = f"{parts.query}&notice={key}" if parts.query else f"notice={key}"
    return urlunsplit(parts._replace(query=query))
