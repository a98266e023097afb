"""The auth use cases, assembled from their collaborators."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from saas_billing.routes.depends.auth_services_dep import (
    ClockDep,
    DeviceSessionRepoDep,
    LoginFailureRepoDep,
    PasswordHasherDep,
    ThrottlePolicyDep,
    TokenCodecDep,
    TokenPolicyDep,
    UserRepoDep,
)
from saas_billing.routes.depends.settings_dep import SettingsDep
from saas_billing.usecase.auth.accounts import GetAccount
from saas_billing.usecase.auth.authenticate import Authenticate
from saas_billing.usecase.auth.login import Login
from saas_billing.usecase.auth.login_throttle import LoginThrottle
from saas_billing.usecase.auth.manage_devices import ManageDevices
from saas_billing.usecase.auth.refresh_rotation import RefreshRotation
from saas_billing.usecase.auth.register_user import RegisterUser
from saas_billing.usecase.auth.start_session import StartSession
from saas_billing.usecase.auth.token_issuer import TokenIssuer


async def token_issuer_dependency(codec: TokenCodecDep, policy: TokenPolicyDep) -> TokenIssuer:
    return TokenIssuer(codec, policy)


TokenIssuerDep = Annotated[TokenIssuer, Depends(token_issuer_dependency)]


async def refresh_rotation_dependency(
    sessions: DeviceSessionRepoDep, issuer: TokenIssuerDep, policy: TokenPolicyDep
) -> RefreshRotation:
    return RefreshRotation(sessions, issuer, policy)


RefreshRotationDep = Annotated[RefreshRotation, Depends(refresh_rotation_dependency)]


async def authenticate_dependency(
    sessions: DeviceSessionRepoDep,
    codec: TokenCodecDep,
    rotation: RefreshRotationDep,
    policy: TokenPolicyDep,
    clock: ClockDep,
) -> Authenticate:
    return Authenticate(sessions, codec, rotation, policy, clock)


async def start_session_dependency(
    sessions: DeviceSessionRepoDep, issuer: TokenIssuerDep, clock: ClockDep
) -> StartSession:
    return StartSession(sessions, issuer, clock)


StartSessionDep = Annotated[StartSession, Depends(start_session_dependency)]


async def register_user_dependency(
    users: UserRepoDep, hasher: PasswordHasherDep, clock: ClockDep, settings: SettingsDep
) -> RegisterUser:
    return RegisterUser(users, hasher, clock, min_password_length=settings.password_min_length)


async def login_dependency(
    users: UserRepoDep,
    hasher: PasswordHasherDep,
    failures: LoginFailureRepoDep,
    policy: ThrottlePolicyDep,
    start_session: StartSessionDep,
    clock: ClockDep,
) -> Login:
    return Login(users, hasher, LoginThrottle(failures, policy), start_session, clock)


async def manage_devices_dependency(sessions: DeviceSessionRepoDep, clock: ClockDep) -> ManageDevices:
    return ManageDevices(sessions, clock)


async def get_account_dependency(users: UserRepoDep) -> GetAccount:
    return GetAccount(users)


AuthenticateDep = Annotated[Authenticate, Depends(authenticate_dependency)]
RegisterUserDep = Annotated[RegisterUser, Depends(register_user_dependency)]
LoginDep = Annotated[Login, Depends(login_dependency)]
ManageDevicesDep = Annotated[ManageDevices, Depends(manage_devices_dependency)]
GetAccountDep = Annotated[GetAccount, Depends(get_account_dependency)]
