"""Authentication, silent refresh, rotation and reuse detection against in-memory repositories."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from saas_billing.domain.auth_errors import (
    AccessTokenExpired,
    InvalidAccessToken,
    InvalidRefreshToken,
    NotAuthenticated,
    RefreshRaceLost,
    RefreshTokenReused,
    SessionExpired,
)
from saas_billing.domain.schemas.auth.principal import Credentials
from tests.support.auth_kit import cookies, new_kit


@pytest.fixture
def kit():
    return new_kit()


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


@pytest.mark.parametrize("later", [2, 10], ids=["inside", "at its end"])
def test_a_parallel_browser_request_in_the_grace_window_is_let_through_without_rotating(kit, later):
    tokens = kit.sign_in()
    kit.clock.advance(minutes=16)
    assert kit.authenticate.execute(cookies(tokens)).rotated is not None
    kit.clock.advance(seconds=later)  # the window is 10 s, its end included
    loser = kit.authenticate.execute(cookies(tokens))
    assert loser.rotated is None and loser.principal.device_id == tokens.device_id


def test_of_two_concurrent_refreshes_one_wins_and_the_loser_revokes_nothing(kit):
    tokens = kit.sign_in()
    stale = kit.sessions.sessions[tokens.device_id]
    _, first = kit.rotation.refresh(tokens.refresh_token, kit.clock.now())
    # the second, still holding the old session snapshot, loses the conditional update
    assert kit.rotation.rotate(stale, tokens.refresh_token, kit.clock.now()) is None
    kit.clock.advance(seconds=10)  # the grace's end included
    with pytest.raises(RefreshRaceLost):
        kit.rotation.refresh(tokens.refresh_token, kit.clock.now())
    _, second = kit.rotation.refresh(first.refresh_token, kit.clock.now())  # the winner's tokens live on
    assert kit.authenticate.execute(cookies(second)).principal.device_id == tokens.device_id


def test_an_explicit_refresh_replayed_after_the_grace_revokes_the_device(kit):
    tokens = kit.sign_in()
    _, first = kit.rotation.refresh(tokens.refresh_token, kit.clock.now())
    kit.clock.advance(seconds=11)
    with pytest.raises(RefreshTokenReused):
        kit.rotation.refresh(tokens.refresh_token, kit.clock.now())
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


def test_rotations_never_carry_a_session_past_its_maximum_lifetime(kit):
    tokens = kit.sign_in()
    end = kit.sessions.sessions[tokens.device_id].created_at.replace(microsecond=0) + timedelta(days=90)
    for _ in range(3):  # refreshed every 29 days: 59, 88, then capped at 90 days
        kit.clock.advance(days=29)
        tokens = kit.authenticate.execute(cookies(tokens)).rotated
    assert tokens.refresh_expiry == end and tokens.access_expiry <= end
    assert kit.sessions.sessions[tokens.device_id].refresh_expiry == end
    kit.clock.advance(days=2, hours=23, minutes=50)
    tokens = kit.authenticate.execute(cookies(tokens)).rotated
    assert tokens.refresh_expiry == end and tokens.access_expiry == end  # not one second more
    kit.clock.advance(minutes=10, seconds=1)
    with pytest.raises(SessionExpired):
        kit.authenticate.execute(cookies(tokens))


@pytest.mark.parametrize("age", [90, 91], ids=["at", "past"])
def test_a_session_at_or_past_its_maximum_lifetime_is_not_rotated(kit, age):
    tokens = kit.sign_in()
    stored = kit.sessions.sessions[tokens.device_id]
    kit.sessions.add(
        replace(stored, created_at=stored.created_at - timedelta(days=age))
    )  # made before the cap, with a refresh expiry beyond it
    with pytest.raises(SessionExpired):
        kit.rotation.refresh(tokens.refresh_token, kit.clock.now())
    assert tokens.device_id not in kit.sessions.sessions
