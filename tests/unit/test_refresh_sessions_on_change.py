"""An entitlements change marks the account's device sessions; Authenticate then treats their access
tokens as expired: cookies are rotated at once, a bearer token gets AccessTokenOutdated (401)."""

from __future__ import annotations

import pytest

from saas_billing.domain.auth_errors import AccessTokenExpired, AccessTokenOutdated
from saas_billing.usecase.entitlements.refresh_sessions_on_change import RefreshSessionsOnChange
from tests.support.auth_kit import PASSWORD, bearer, cookies, new_kit


@pytest.fixture
def kit():
    return new_kit()


def test_a_marked_browser_session_is_rotated_on_its_next_request_and_then_served_as_usual(kit):
    tokens = kit.sign_in()
    user_id = kit.authenticate.execute(cookies(tokens)).principal.user_id
    RefreshSessionsOnChange(kit.sessions).on_change(user_id)
    outcome = kit.authenticate.execute(cookies(tokens))
    assert outcome.rotated is not None and outcome.rotated.access_token != tokens.access_token
    assert kit.authenticate.execute(cookies(outcome.rotated)).rotated is None  # rotation cleared the mark


def test_a_marked_bearer_session_is_told_its_token_is_outdated_until_it_refreshes(kit):
    tokens = kit.sign_in()
    user_id = kit.authenticate.execute(bearer(tokens)).principal.user_id
    RefreshSessionsOnChange(kit.sessions).on_change(user_id)
    with pytest.raises(AccessTokenOutdated) as error:
        kit.authenticate.execute(bearer(tokens))
    assert isinstance(error.value, AccessTokenExpired)  # the same 401 a client already refreshes on
    _, refreshed = kit.rotation.refresh(tokens.refresh_token, kit.clock.now())
    assert kit.authenticate.execute(bearer(refreshed)).principal.user_id == user_id


def test_other_accounts_sessions_are_left_alone(kit):
    kit.register.execute("bob@example.com", PASSWORD)
    ada, bob = kit.sign_in(), kit.sign_in(email="bob@example.com")
    RefreshSessionsOnChange(kit.sessions).on_change(kit.authenticate.execute(bearer(ada)).principal.user_id)
    assert kit.authenticate.execute(bearer(bob)).rotated is None
    with pytest.raises(AccessTokenOutdated):
        kit.authenticate.execute(bearer(ada))
