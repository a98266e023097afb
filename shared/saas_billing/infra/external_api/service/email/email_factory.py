"""One mail service per container: SES when deployed, the in-memory outbox in the local stage."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from saas_billing.infra.external_api.interface.email_sender import EmailSender
    from saas_billing.infra.settings.app_settings import AppSettings

_sender: EmailSender | None = None


def get_email_sender(settings: AppSettings) -> EmailSender:
    global _sender
    if _sender is None:
        _sender = build_email_sender(settings)
    return _sender


def build_email_sender(settings: AppSettings) -> EmailSender:
    if settings.is_local:
        from saas_billing.infra.external_api.service.email.local_outbox import LocalOutbox

        return LocalOutbox()
    from saas_billing.infra.external_api.service.email.ses_sender import SesEmailSender

    return SesEmailSender(settings.mail_from)  # without one, each send logs an error and fails


def set_email_sender(sender: EmailSender | None) -> None:
    """Tests install a sender here; None drops the cached one."""
    global _sender
    _sender = sender
