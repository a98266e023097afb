"""Which secrets sign Stripe webhooks for this stage; there is never an "unsigned is fine" answer."""

from __future__ import annotations

from saas_billing.infra.settings.app_settings import PUBLIC_LOCAL_WEBHOOK_SECRET, AppSettings

# The documented local default: `make dev`, sam local invoke and the sample events in events/webhooks/
# are signed with it. Deployed stages must set STRIPE_WEBHOOK_SECRET (the loader refuses to start without).
LOCAL_WEBHOOK_SECRET = PUBLIC_LOCAL_WEBHOOK_SECRET


def webhook_secrets_for(settings: AppSettings) -> list[str]:
    """Configured secrets (comma-separated for rotation), else the local default in the local stage only.

    An empty list means no secret is configured: the webhook must refuse every delivery.
    """
    if settings.webhook_secrets:
        return settings.webhook_secrets
    return [LOCAL_WEBHOOK_SECRET] if settings.is_local else []
