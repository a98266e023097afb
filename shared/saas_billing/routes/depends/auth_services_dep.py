"""Collaborators of the auth use cases, built per request from per-container clients."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import Depends

from saas_billing.domain.schemas.auth.device_session import TokenPolicy
from saas_billing.infra.db.mongo_client import get_database
from saas_billing.infra.mixins.clock import Clock, get_clock
from saas_billing.infra.security.interface.password_hasher import PasswordHasher
from saas_billing.infra.security.interface.token_codec import TokenCodec
from saas_billing.infra.security.service.security_factory import get_password_hasher, get_token_codec
from saas_billing.repo.interface.device_session_repo import DeviceSessionRepository
from saas_billing.repo.interface.login_failure_repo import LoginFailureRepository
from saas_billing.repo.interface.user_repo import UserRepository
from saas_billing.repo.mongodb.device_session_repo import MongoDeviceSessionRepository
from saas_billing.repo.mongodb.login_failure_repo import MongoLoginFailureRepository
from saas_billing.repo.mongodb.user_repo import MongoUserRepository
from saas_billing.routes.depends.settings_dep import SettingsDep
from saas_billing.usecase.auth.login_throttle import ThrottlePolicy


async def clock_dependency() -> Clock:
    return get_clock()


async def token_policy_dependency(settings: SettingsDep) -> TokenPolicy:
    return TokenPolicy(
        access_ttl=timedelta(minutes=settings.access_token_ttl_minutes),
        refresh_ttl=timedelta(days=settings.refresh_token_ttl_days),
        reuse_grace=timedelta(seconds=settings.refresh_reuse_grace_seconds),
    )


async def throttle_policy_dependency(settings: SettingsDep) -> ThrottlePolicy:
    return ThrottlePolicy(
        window=timedelta(minutes=settings.login_failure_window_minutes),
        max_per_email=settings.login_max_failures_per_email,
        max_per_ip=settings.login_max_failures_per_ip,
    )


async def token_codec_dependency(settings: SettingsDep) -> TokenCodec:
    return get_token_codec(settings)


async def password_hasher_dependency(settings: SettingsDep) -> PasswordHasher:
    return get_password_hasher(settings)


async def user_repo_dependency(settings: SettingsDep) -> UserRepository:
    return MongoUserRepository(get_database(settings))


async def device_session_repo_dependency(settings: SettingsDep) -> DeviceSessionRepository:
    return MongoDeviceSessionRepository(get_database(settings))


async def login_failure_repo_dependency(settings: SettingsDep) -> LoginFailureRepository:
    return MongoLoginFailureRepository(get_database(settings))


ClockDep = Annotated[Clock, Depends(clock_dependency)]
TokenPolicyDep = Annotated[TokenPolicy, Depends(token_policy_dependency)]
ThrottlePolicyDep = Annotated[ThrottlePolicy, Depends(throttle_policy_dependency)]
TokenCodecDep = Annotated[TokenCodec, Depends(token_codec_dependency)]
PasswordHasherDep = Annotated[PasswordHasher, Depends(password_hasher_dependency)]
UserRepoDep = Annotated[UserRepository, Depends(user_repo_dependency)]
DeviceSessionRepoDep = Annotated[DeviceSessionRepository, Depends(device_session_repo_dependency)]
LoginFailureRepoDep = Annotated[LoginFailureRepository, Depends(login_failure_repo_dependency)]
