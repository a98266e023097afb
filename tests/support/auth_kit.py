"""The auth use cases wired to in-memory repositories, a fast hasher and a manual clock."""

from __future__ import annotations

from datetime import timedelta

from saas_billing.domain.schemas.auth.device_session import ClientKind, TokenPolicy
from saas_billing.domain.schemas.auth.principal import Credentials
from saas_billing.infra.security.service.jwt_codec import JwtTokenCodec
from saas_billing.usecase.auth.authenticate import Authenticate
from saas_billing.usecase.auth.login import Login
from saas_billing.usecase.auth.login_throttle import LoginThrottle, ThrottlePolicy
from saas_billing.usecase.auth.refresh_rotation import RefreshRotation
from saas_billing.usecase.auth.register_user import RegisterUser
from saas_billing.usecase.auth.start_session import StartSession
from saas_billing.usecase.auth.token_issuer import TokenIssuer
from tests.fakes.clock import FakeClock
from tests.support import signing_keys
from tests.support.auth_fakes import FakeFailures, FakeSessions, FakeUsers, PlainHasher

PASSWORD = "correct horse battery staple"
POLICY = TokenPolicy(access_ttl=timedelta(minutes=15), refresh_ttl=timedelta(days=30))


class Kit:
    def __init__(self, max_per_email=5, max_per_ip=30, failures=None, grants=None, sessions=None):
        self.clock = FakeClock()
        self.users, self.failures = FakeUsers(), failures or FakeFailures()
        self.sessions = sessions or FakeSessions()
        self.hasher = PlainHasher()
        codec = JwtTokenCodec(signing_keys.keys(), issuer="iss", audience="aud")
        issuer = TokenIssuer(codec, POLICY, grants)
        self.rotation = RefreshRotation(self.sessions, issuer, POLICY)
        throttle = LoginThrottle(
            self.failures, ThrottlePolicy(timedelta(minutes=15), max_per_email, max_per_ip)
        )
        self.register = RegisterUser(
            self.users, self.hasher, self.clock, min_password_length=10, throttle=throttle
        )
        start = StartSession(self.sessions, issuer, self.clock)
        self.login = Login(self.users, self.hasher, throttle, start, self.clock)
        self.authenticate = Authenticate(self.sessions, codec, self.rotation, POLICY, self.clock)

    def sign_in(self, email="ada@example.com", password=PASSWORD, ip="203.0.113.10"):
        _, tokens = self.login.execute(
            email, password, client_ip=ip, user_agent="test", kind=ClientKind.BROWSER
        )
        return tokens


def cookies(tokens):
    return Credentials(tokens.device_id, tokens.access_token, tokens.refresh_token)


def bearer(tokens):
    return Credentials(access_token=tokens.access_token, bearer=True)


def new_kit() -> Kit:
    kit = Kit()
    kit.register.execute("Ada@Example.com", PASSWORD)
    return kit
