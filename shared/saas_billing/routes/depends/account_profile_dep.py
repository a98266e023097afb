"""The `/v1/auth/me` use case at the edge."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from saas_billing.infra.db.mongo_client import get_repository
from saas_billing.infra.settings.loader import get_settings
from saas_billing.usecase.auth.account_profile import GetAccountProfile


async def get_account_profile_dependency() -> GetAccountProfile:
    profiles = get_repository("account_profile_repository:MongoAccountProfileRepository", get_settings())
    return GetAccountProfile(profiles)


GetAccountProfileDep = Annotated[GetAccountProfile, Depends(get_account_profile_dependency)]
