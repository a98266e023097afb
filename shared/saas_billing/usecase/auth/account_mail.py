"""The account messages: plain text plus simple HTML, with the product name. A link carries only a
token good for its one purpose; no message ever carries a password."""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from saas_billing.infra.external_api.interface.email_sender import EmailMessage, EmailSender

VERIFY_PATH = "/v1/auth/email/verify"
RESET_PATH = "/v1/auth/password/reset"


def link(base_url: str, path: str, token: str) -> str:
    return f"{base_url}{path}?token={quote(token, safe='')}"


class AccountMail:
    def __init__(self, sender: EmailSender, product: str) -> None:
        self._sender = sender
        self._product = product

    def verification(self, to: str, url: str) -> None:
        self._send(
            to,
            "Confirm your email",
            "Confirm that this is your email address:",
            url,
            "Confirm email",
            "The link works once, for 24 hours. If you did not sign up, ignore this message.",
        )

    def email_change(self, to: str, url: str) -> None:
        self._send(
            to,
            "Confirm your new email",
            "Confirm this address as your account's new email:",
            url,
            "Confirm new email",
            "The link works once, for 24 hours. If you did not ask, ignore it.",
        )

    def email_changed(self, to: str, new_email: str) -> None:
        self._send(
            to,
            "Your email was changed",
            f"Your account's email is now {new_email}.",
            None,
            None,
            "If you did not do this, reset your password and contact support.",
        )

    def reset(self, to: str, url: str) -> None:
        self._send(
            to,
            "Reset your password",
            "Choose a new password for your account:",
            url,
            "Reset password",
            "The link works once, for 30 minutes. If you did not ask, ignore this message.",
        )

    def password_changed(self, to: str) -> None:
        self._send(
            to,
            "Your password was changed",
            "Your account's password was just changed.",
            None,
            None,
            "If you did not do this, reset your password now and contact support.",
        )

    def _send(
        self, to: str, subject: str, lead: str, url: str | None, action: str | None, footer: str
    ) -> None:
        product = self._product
        text_lines = [lead, *([url] if url else []), "", footer, "", f"— {product}"]
        button = f'<p><a href="{escape(url)}">{escape(action or url)}</a></p>' if url else ""
        html = (
            f"<p>{escape(lead)}</p>{button}"
            + (f"<p>Or paste this address into your browser: {escape(url)}</p>" if url else "")
            + f"<p>{escape(footer)}</p><p>— {escape(product)}</p>"
        )
        self._sender.send(EmailMessage(to, f"{product}: {subject}", "\n".join(text_lines), html))
