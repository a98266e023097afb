"""Register, login, silent refresh, rotation and reuse detection against in-memory repositories."""

from __future__ import annotations

from datetime import timedelta

import pytest

from saas_billing.domain.auth_errors import (
    AccessTokenExpired,
    EmailAlreadyRegistered,
    InvalidAccessToken,
    InvalidCredentials,
    InvalidRefreshToken,
    LoginThrottled,
    NotAuthenticated,
    PasswordTooShort,
    RefreshTokenReused,
    SessionExpired,
)
from saas_billing.domain.schemas.auth.device_session import ClientKind, TokenPolicy
from saas_billing.domain.schemas.auth.tokens import Credentials
from saas_billing.infra.security.service.jwt_codec import JwtTokenCodec
from saas_billing.usecase.auth.authenticate import Authenticate
from saas_billing.usecase.auth.login import Login
from saas_billing.usecase.auth.login_throttle import LoginThrottle, ThrottlePolicy
from saas_billing.usecase.auth.refresh_rotation import RefreshRotation
from saas_billing.usecase.auth.register_user import RegisterUser
from saas_billing.usecase.auth.start_session import StartSession
from saas_billing.usecase.auth.token_issuer import TokenIssuer
from tests.support.auth_fakes import FakeFailures, FakeSessions, FakeUsers, PlainHasher
from tests.support.clock import ManualClock

PASSWORD = "correct horse battery staple"
POLICY = TokenPolicy(access_ttl=timedelta(minutes=15), refresh_ttl=timedelta(days=30))


class Kit:
    def __init__(self, max_per_email=5, max_per_ip=30):
        self.clock = ManualClock()
        self.users, self.sessions, self.failures = FakeUsers(), FakeSessions(), FakeFailures()
        self.hasher = PlainHasher()
        codec = JwtTokenCodec("k" * 40, issuer="iss", audience="aud")
        issuer = TokenIssuer(codec, POLICY)
        self.rotation = RefreshRotation(self.sessions, issuer, POLICY)
        self.register = RegisterUser(self.users, self.hasher, self.clock, min_password_length=10)
        throttle = LoginThrottle(
            self.failures, ThrottlePolicy(timedelta(minutes=15), max_per_email, max_per_ip)
        )
        start = StartSession(self.sessions, issuer, self.clock)
        self.login = Login(self.users, self.hasher, throttle, start, self.clock)
        self.authenticate = Authenticate(self.sessions, codec, self.rotation, POLICY, self.clock)

    def sign_in(self, email="ada@example.com", password=PASSWORD, ip="203.0.113.10"):
        return self.login.execute(email, password, client_ip=ip, user_agent="test", kind=ClientKind.BROWSER)[
            1
        ]


def cookies(tokens):
    return Credentials(tokens.device_id, tokens.access_token, tokens.refresh_token)


@pytest.fixture
def kit():
    kit = Kit()
    kit.register.execute("Ada@Example.com", PASSWORD)
    return kit


def test_register_normalizes_the_email_and_makes_a_plain_user(kit):
    user = kit.users.by_email("ada@example.com")
    assert user is not None and user.role == "user" and not user.is_admin
    assert kit.hasher.verify(user.password_hash, PASSWORD)


def test_register_refuses_a_taken_email_in_any_case_and_short_passwords(kit):
    with pytest.raises(EmailAlreadyRegistered):
        kit.register.execute("ADA@example.COM", "another long one")
    with pytest.raises(PasswordTooShort, match="at least 10 characters"):
        kit.register.execute("lin@example.com", "123456789")


def test_unknown_email_and_wrong_password_fail_alike_and_both_cost_a_verification(kit):
    with pytest.raises(InvalidCredentials) as wrong_password:
        kit.sign_in(password="nope nope nope")
    with pytest.raises(InvalidCredentials) as unknown:
        kit.sign_in(email="nobody@example.com")
    assert wrong_password.value.detail == unknown.value.detail
    assert kit.hasher.dummy_verifications == 1


def test_login_is_case_insensitive_and_stores_hashes_only(kit):
    tokens = kit.sign_in(email="ADA@EXAMPLE.COM")
    session = kit.sessions.sessions[tokens.device_id]
    assert session.refresh_token_hash == tokens.refresh_token_hash != tokens.refresh_token
    assert session.access_jti_hash == tokens.access_jti_hash != tokens.access_jti
    assert session.token_type is ClientKind.BROWSER
    assert session.refresh_expiry == kit.clock.now().replace(microsecond=0) + timedelta(days=30)


def test_failures_per_email_lock_with_a_retry_after_then_unlock(kit):
    for _ in range(5):
        with pytest.raises(InvalidCredentials):
            kit.sign_in(password="wrong password")
    kit.clock.advance(minutes=5)
    with pytest.raises(LoginThrottled) as locked:
        kit.sign_in()  # even the right password
    assert locked.value.headers["Retry-After"] == str(10 * 60)
    kit.clock.advance(minutes=10)
    assert kit.sign_in().device_id


def test_failures_per_ip_lock_across_emails():
    kit = Kit(max_per_ip=3)
    for n in range(3):
        with pytest.raises(InvalidCredentials):
            kit.sign_in(email=f"user{n}@example.com")
    with pytest.raises(LoginThrottled):
        kit.sign_in(email="someone.else@example.com")
    with pytest.raises(InvalidCredentials):
        kit.sign_in(email="someone.else@example.com", ip="198.51.100.7")


def test_a_valid_access_token_needs_no_refresh(kit):
    tokens = kit.sign_in()
    outcome = kit.authenticate.execute(cookies(tokens))
    assert outcome.rotated is None and outcome.principal.email == "ada@example.com"


def test_an_expired_access_token_is_silently_refreshed(kit):
    tokens = kit.sign_in()
    kit.clock.advance(minutes=16)
    outcome = kit.authenticate.execute(cookies(tokens))
    assert outcome.rotated is not None and outcome.rotated.refresh_token != tokens.refresh_token
    assert kit.authenticate.execute(cookies(outcome.rotated)).rotated is None
    # The browser drops an expired access cookie: device_id and refresh_token are enough.
    kit.clock.advance(minutes=16)
    without_access = Credentials(tokens.device_id, None, outcome.rotated.refresh_token)
    assert kit.authenticate.execute(without_access).rotated is not None


def test_an_expired_refresh_token_means_logging_in_again(kit):
    tokens = kit.sign_in()
    kit.clock.advance(days=30, seconds=1)
    with pytest.raises(SessionExpired, match="log in again"):
        kit.authenticate.execute(cookies(tokens))


def test_a_replayed_refresh_token_revokes_the_device(kit):
    tokens = kit.sign_in()
    kit.clock.advance(minutes=16)
    rotated = kit.authenticate.execute(cookies(tokens)).rotated
    kit.clock.advance(minutes=1)  # past the grace window
    with pytest.raises(RefreshTokenReused):
        kit.authenticate.execute(cookies(tokens))
    with pytest.raises(SessionExpired):
        kit.authenticate.execute(cookies(rotated))  # the legitimate holder is signed out too


def test_a_parallel_browser_request_inside_the_grace_window_is_let_through_without_rotating(kit):
    tokens = kit.sign_in()
    kit.clock.advance(minutes=16)
    assert kit.authenticate.execute(cookies(tokens)).rotated is not None
    kit.clock.advance(seconds=2)
    loser = kit.authenticate.execute(cookies(tokens))
    assert loser.rotated is None and loser.principal.device_id == tokens.device_id


def test_api_refresh_is_strict_and_only_one_of_two_concurrent_refreshes_wins(kit):
    tokens = kit.sign_in()
    stale = kit.sessions.sessions[tokens.device_id]
    _, first = kit.rotation.refresh(tokens.refresh_token, kit.clock.now())
    with pytest.raises(RefreshTokenReused):  # the second, still holding the old session snapshot
        kit.rotation.rotate(stale, tokens.refresh_token, kit.clock.now(), tolerate_race=False)
    with pytest.raises(InvalidRefreshToken):
        kit.rotation.refresh(first.refresh_token, kit.clock.now())  # device revoked: token unknown now


def test_an_unknown_refresh_token_is_refused_without_touching_sessions(kit):
    tokens = kit.sign_in()
    with pytest.raises(InvalidRefreshToken):
        kit.rotation.refresh("made-up", kit.clock.now())
    with pytest.raises(InvalidRefreshToken):
        kit.authenticate.execute(Credentials(tokens.device_id, None, "made-up"))
    assert tokens.device_id in kit.sessions.sessions


def test_bearer_tokens_expire_without_silent_refresh_and_die_with_their_session(kit):
    tokens = kit.sign_in()
    bearer = Credentials(access_token=tokens.access_token, bearer=True)
    assert kit.authenticate.execute(bearer).principal.device_id == tokens.device_id
    kit.sessions.delete(tokens.device_id)
    with pytest.raises(SessionExpired):
        kit.authenticate.execute(bearer)
    fresh = kit.sign_in()
    kit.clock.advance(minutes=15)
    with pytest.raises(AccessTokenExpired):
        kit.authenticate.execute(Credentials(access_token=fresh.access_token, bearer=True))


def test_a_rotated_away_access_token_is_refused(kit):
    tokens = kit.sign_in()
    kit.rotation.refresh(tokens.refresh_token, kit.clock.now())
    with pytest.raises(InvalidAccessToken, match="revoked or replaced"):
        kit.authenticate.execute(Credentials(access_token=tokens.access_token, bearer=True))


def test_no_device_cookie_is_not_authenticated(kit):
    with pytest.raises(NotAuthenticated):
        kit.authenticate.execute(Credentials(access_token="x"))
