"""The subscription repository and the record use case at the edge; they never import stripe."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from saas_billing.infra.db.mongo_client import get_database
from saas_billing.infra.mixins.clock import get_clock
from saas_billing.repo.interface.subscription_repository import SubscriptionRepository
from saas_billing.repo.mongodb.errors import mongo_errors
from saas_billing.repo.mongodb.subscription_repository import MongoSubscriptionRepository
from saas_billing.routes.depends.settings_dep import SettingsDep
from saas_billing.usecase.billing.current_subscription import CurrentSubscription
from saas_billing.usecase.billing.record_subscription import RecordSubscription


async def subscription_repository_dependency(settings: SettingsDep) -> SubscriptionRepository:
    with mongo_errors():
        return MongoSubscriptionRepository(get_database(settings))


SubscriptionRepositoryDep = Annotated[SubscriptionRepository, Depends(subscription_repository_dependency)]


async def record_subscription_dependency(repository: SubscriptionRepositoryDep) -> RecordSubscription:
    return RecordSubscription(repository, get_clock())


RecordSubscriptionDep = Annotated[RecordSubscription, Depends(record_subscription_dependency)]


async def current_subscription_dependency(repository: SubscriptionRepositoryDep) -> CurrentSubscription:
    return CurrentSubscription(repository)


CurrentSubscriptionDep = Annotated[CurrentSubscription, Depends(current_subscription_dependency)]
