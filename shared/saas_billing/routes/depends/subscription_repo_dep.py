"""The subscription repository and the record use case, built directly (not dependencies: a node costs
~20 µs a warm invoke); `CurrentSubscriptionDep` is the edge. None of them import stripe."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from fastapi import Depends

from saas_billing.infra.db.mongo_client import get_repository
from saas_billing.infra.mixins.clock import get_clock
from saas_billing.infra.settings.loader import get_settings
from saas_billing.usecase.billing.current_subscription import CurrentSubscription

if TYPE_CHECKING:
    from saas_billing.infra.settings.app_settings import AppSettings
    from saas_billing.repo.interface.subscription_repository import SubscriptionRepository
    from saas_billing.usecase.billing.record_subscription import RecordSubscription


def subscription_repository(settings: AppSettings) -> SubscriptionRepository:
    return get_repository("subscription_repository:MongoSubscriptionRepository", settings)


def record_subscription(repository: SubscriptionRepository) -> RecordSubscription:
    from saas_billing.usecase.billing.record_subscription import RecordSubscription  # only changes record

    return RecordSubscription(repository, get_clock())


async def current_subscription_dependency() -> CurrentSubscription:
    return CurrentSubscription(subscription_repository(get_settings()))


CurrentSubscriptionDep = Annotated[CurrentSubscription, Depends(current_subscription_dependency)]
