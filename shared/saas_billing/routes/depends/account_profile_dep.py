"""The `/v1/auth/me` use case at the edge; pymongo is imported on first use, like the other repositories."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from saas_billing.infra.db.mongo_client import get_repository
from saas_billing.infra.settings.loader import get_settings
from saas_billing.usecase.auth.account_profile import GetAccountProfile


async def get_account_profile_dependency() -> GetAccountProfile:
    from saas_billing.repo.mongodb.account_profile_repository import MongoAccountProfileRepository

    return GetAccountProfile(get_repository(MongoAccountProfileRepository, get_settings()))


GetAccountProfileDep = Annotated[GetAccountProfile, Depends(get_account_profile_dependency)]
