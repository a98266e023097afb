"""The verified Stripe event and the use case that receives it: one dependency node each, building their
collaborators directly from per-container clients (every node FastAPI solves costs a warm invoke ~20 µs).

The event dependency comes first in the route, so a bad signature is refused before the database is touched.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Request

from saas_billing.domain.schemas.webhooks.stripe_event import StripeEvent
from saas_billing.domain.webhook_errors import WebhookNotConfigured
from saas_billing.infra.db.mongo_client import get_repository
from saas_billing.infra.external_api.interface.webhook_verifier import WebhookVerifier
from saas_billing.infra.external_api.service.gateway_factory import get_payment_gateway
from saas_billing.infra.external_api.service.stripe_object_reader import StripeShapeReader
from saas_billing.infra.mixins.clock import Clock, get_clock
from saas_billing.infra.mixins.lazy import lazy
from saas_billing.infra.settings.app_settings import AppSettings
from saas_billing.infra.settings.loader import get_settings
from saas_billing.infra.settings.webhook_secrets import webhook_secrets_for
from saas_billing.routes.depends.entitlement_dep import entitlement_repository
from saas_billing.routes.depends.subscription_repo_dep import subscription_repository
from saas_billing.usecase.billing.record_subscription import RecordSubscription
from saas_billing.usecase.webhooks.apply_stripe_event import ApplyStripeEvent
from saas_billing.usecase.webhooks.receive_stripe_event import ReceiveStripeEvent

if TYPE_CHECKING:
    from saas_billing.usecase.entitlements.sync_entitlements import SyncEntitlements


def webhook_verifier(settings: AppSettings) -> WebhookVerifier:
    secrets = webhook_secrets_for(settings)
    if not secrets:
        raise WebhookNotConfigured()
    from saas_billing.infra.external_api.service.stripe.webhook_verifier import StripeWebhookVerifier

    return StripeWebhookVerifier(secrets)


async def verified_stripe_event_dependency(request: Request) -> StripeEvent:
    """The exact bytes API Gateway delivered (Mangum has already decoded a base64 body)."""
    verifier = webhook_verifier(get_settings())
    return verifier.verify(await request.body(), request.headers.get("stripe-signature"))


VerifiedStripeEventDep = Annotated[StripeEvent, Depends(verified_stripe_event_dependency)]


def entitlement_sync(settings: AppSettings, clock: Clock) -> SyncEntitlements:
    """A change of an account's features marks its sessions for refresh (their next request gets new claims).

    Imported when built: only the entitlement event needs it (see receive_stripe_event_dependency)."""
    from saas_billing.routes.depends.token_grants_dep import refresh_sessions_on_change
    from saas_billing.usecase.entitlements.record_entitlements import RecordEntitlements
    from saas_billing.usecase.entitlements.sync_entitlements import SyncEntitlements

    return SyncEntitlements(
        get_payment_gateway(settings),
        RecordEntitlements(
            entitlement_repository(settings), clock, on_change=refresh_sessions_on_change(settings).on_change
        ),
        get_repository("customer_account_repository:MongoCustomerAccountRepository", settings),
        clock,
    )


async def receive_stripe_event_dependency() -> ReceiveStripeEvent:
    settings = get_settings()
    clock = get_clock()
    subscriptions = subscription_repository(settings)
    apply = ApplyStripeEvent(
        record=RecordSubscription(subscriptions, clock),
        subscriptions=subscriptions,
        notices=get_repository("billing_notice_repository:MongoBillingNoticeRepository", settings),
        gateway=lazy(lambda: get_payment_gateway(settings)),  # read only by a completed checkout or a tie
        reader=StripeShapeReader(),
        clock=clock,
        entitlements=lazy(lambda: entitlement_sync(settings, clock)),  # one event type: built when it arrives
    )
    events = get_repository("webhook_event_repository:MongoWebhookEventRepository", settings)
    return ReceiveStripeEvent(events, apply, clock)


ReceiveStripeEventDep = Annotated[ReceiveStripeEvent, Depends(receive_stripe_event_dependency)]
