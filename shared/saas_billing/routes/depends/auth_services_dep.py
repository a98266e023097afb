"""Collaborators of the auth use cases: plain functions over per-container clients, not dependencies.

Flat on purpose: every node FastAPI solves costs a warm invoke ~20 µs, so only the use cases and the
callers (auth_dep) are dependencies, and they call these directly. The Mongo repositories (pymongo,
~60-120 ms to import) are imported on first use, so a request that needs no database (a visitor, a 401)
does not pay for them on a cold start.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from saas_billing.infra.db.mongo_client import get_repository

if TYPE_CHECKING:
    from saas_billing.domain.schemas.auth.device_session import TokenPolicy
    from saas_billing.infra.settings.app_settings import AppSettings
    from saas_billing.repo.interface.account_token_repo import AccountTokenRepository
    from saas_billing.repo.interface.device_session_repo import DeviceSessionRepository
    from saas_billing.repo.interface.login_failure_repo import LoginFailureRepository
    from saas_billing.repo.interface.user_repo import UserRepository
    from saas_billing.usecase.auth.login_throttle import ThrottlePolicy


_token_policy: tuple[AppSettings, TokenPolicy] | None = None


def token_policy(settings: AppSettings) -> TokenPolicy:
    """Built once per settings object (a container loads them once): every authenticated request uses it."""
    global _token_policy
    if _token_policy is None or _token_policy[0] is not settings:
        # Imported here: a visitor's request (no token to check) never needs the session schemas.
        from saas_billing.domain.schemas.auth.device_session import TokenPolicy

        policy = TokenPolicy(
            access_ttl=timedelta(minutes=settings.access_token_ttl_minutes),
            refresh_ttl=timedelta(days=settings.refresh_token_ttl_days),
            reuse_grace=timedelta(seconds=settings.refresh_reuse_grace_seconds),
            max_session_lifetime=timedelta(days=settings.session_max_lifetime_days),
        )
        _token_policy = (settings, policy)
    return _token_policy[1]


def throttle_policy(settings: AppSettings) -> ThrottlePolicy:
    from saas_billing.usecase.auth.login_throttle import ThrottlePolicy  # only the password routes throttle

    return ThrottlePolicy(
        window=timedelta(minutes=settings.login_failure_window_minutes),
        max_per_email=settings.login_max_failures_per_email,
        max_per_ip=settings.login_max_failures_per_ip,
        slow_after_per_account=settings.login_slow_after_failures_per_account,
        max_delay_seconds=settings.login_max_delay_seconds,
        max_mails_per_email=settings.mail_max_per_email,
    )


def user_repo(settings: AppSettings) -> UserRepository:
    return get_repository("user_repo:MongoUserRepository", settings)


def device_session_repo(settings: AppSettings) -> DeviceSessionRepository:
    return get_repository("device_session_repo:MongoDeviceSessionRepository", settings)


def account_token_repo(settings: AppSettings) -> AccountTokenRepository:
    return get_repository("account_token_repo:MongoAccountTokenRepository", settings)


def login_failure_repo(settings: AppSettings) -> LoginFailureRepository:
    return get_repository("login_failure_repo:MongoLoginFailureRepository", settings)
