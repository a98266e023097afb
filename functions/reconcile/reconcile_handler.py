"""Lambda entry point of the scheduled reconciliation (an EventBridge schedule; no HTTP, so no FastAPI).

The event's content is not used: each run starts from the checkpoint stored in MongoDB, and stops taking
new subscriptions at a deadline before the Lambda timeout, so it always gets to save how far it got.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import saas_billing.infra.mixins.lean_pydantic  # first: pydantic without what no function uses
import saas_billing.infra.snapstart.priming  # noqa: F401  its import registers the SnapStart hooks
from saas_billing.infra.db.mongo_client import get_database
from saas_billing.infra.external_api.service.gateway_factory import get_payment_gateway
from saas_billing.infra.fastapi_config.logging_setup import configure_logging, request_id
from saas_billing.infra.metrics import count
from saas_billing.infra.mixins.clock import get_clock
from saas_billing.infra.settings.app_settings import AppSettings
from saas_billing.infra.settings.loader import get_settings
from saas_billing.repo.mongodb.customer_account_repository import MongoCustomerAccountRepository
from saas_billing.repo.mongodb.device_session_repo import MongoDeviceSessionRepository
from saas_billing.repo.mongodb.entitlement_repository import MongoEntitlementRepository
from saas_billing.repo.mongodb.subscription_repository import MongoSubscriptionRepository
from saas_billing.repo.mongodb.sync_checkpoint_repository import MongoSyncCheckpointRepository
from saas_billing.usecase.billing.reconcile_subscriptions import ReconcileSubscriptions
from saas_billing.usecase.entitlements.record_entitlements import RecordEntitlements
from saas_billing.usecase.entitlements.refresh_sessions_on_change import RefreshSessionsOnChange
from saas_billing.usecase.entitlements.sync_entitlements import SyncEntitlements

# A subscription started just before the deadline may still take a Stripe read with retries (3 x 8 s), a
# MongoDB write, then the checkpoint save; a timeout shorter than the template's still gets half its time.
SAFETY_MARGIN = timedelta(seconds=30)


def run_deadline(context: Any, now: datetime) -> datetime:
    remaining = timedelta(milliseconds=context.get_remaining_time_in_millis())
    return now + max(remaining - SAFETY_MARGIN, remaining / 2)


def build_reconciliation(settings: AppSettings) -> ReconcileSubscriptions:
    database = get_database(settings)
    gateway, clock = get_payment_gateway(settings), get_clock()
    return ReconcileSubscriptions(
        gateway=gateway,
        repository=MongoSubscriptionRepository(database),
        checkpoints=MongoSyncCheckpointRepository(database),
        clock=clock,
        entitlement_sync=SyncEntitlements(
            gateway,
            RecordEntitlements(
                MongoEntitlementRepository(database),
                clock,
                on_change=RefreshSessionsOnChange(MongoDeviceSessionRepository(database)).on_change,
            ),
            MongoCustomerAccountRepository(database),
            clock,
        ),
    )


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Returns the run's figures; an error fails the invocation so Lambda's async retries apply."""
    settings = get_settings()
    configure_logging(settings.log_level)
    token = request_id.set(getattr(context, "aws_request_id", None))
    try:
        reconciliation = build_reconciliation(settings)
        figures = reconciliation.execute(deadline=run_deadline(context, get_clock().now())).as_dict()
        count("ReconcileRepairs", figures["repaired"])
        count("ReconcileSucceeded")  # an alarm fires when two schedule periods pass without one
        return figures
    finally:
        request_id.reset(token)
