"""An entitlements change that lands after tokens read their claims but before their session is written
(refresh: rotate; sign-in: the insert) must still reach the device: its next request is refreshed, or
a bearer token is told it is outdated, instead of serving the old features until the token expires."""

from __future__ import annotations

import pytest

from saas_billing.domain.auth_errors import AccessTokenOutdated
from saas_billing.domain.schemas.auth.tokens import Grants
from saas_billing.usecase.entitlements.refresh_sessions_on_change import RefreshSessionsOnChange
from tests.support.auth_kit import PASSWORD, Kit, bearer, cookies


class ChangingGrants:
    """Stored entitlements whose next read is overtaken by a change: the read returns the old features,
    then the summary webhook stores the new ones and marks the account's sessions (on_change)."""

    def __init__(self) -> None:
        self.revision_now = 1
        self.change_after_next_read = False
        self.on_change = None

    def for_account(self, account_id: str) -> Grants:
        grants = Grants(plan="prod_pro", features=("support.priority",), revision=self.revision_now)
        if self.change_after_next_read:
            self.change_after_next_read = False
            self.revision_now += 1
            self.on_change(account_id)
        return grants

    def revision(self, account_id: str) -> int:
        return self.revision_now


def kit_with_changing_grants(sessions=None) -> tuple[Kit, ChangingGrants]:
    """A kit whose tokens read ChangingGrants; `sessions`: the device session store (default the fake)."""
    grants = ChangingGrants()
    kit = Kit(grants=grants, sessions=sessions)
    grants.on_change = RefreshSessionsOnChange(kit.sessions).on_change
    kit.register.execute("ada@example.com", PASSWORD)
    return kit, grants


@pytest.fixture
def kit_and_grants():
    return kit_with_changing_grants()


def test_a_change_between_reading_the_claims_and_rotating_keeps_the_session_marked(kit_and_grants):
    kit, grants = kit_and_grants
    tokens = kit.sign_in()
    grants.change_after_next_read = True
    _, refreshed = kit.rotation.refresh(tokens.refresh_token, kit.clock.now())
    assert refreshed.grants_revision == 1  # issued with the features from before the change
    with pytest.raises(AccessTokenOutdated):
        kit.authenticate.execute(bearer(refreshed))
    _, again = kit.rotation.refresh(refreshed.refresh_token, kit.clock.now())
    assert again.grants_revision == 2
    assert kit.authenticate.execute(bearer(again)).rotated is None  # read after the change: served


def test_a_browser_whose_refresh_raced_a_change_is_refreshed_again_on_its_next_request(kit_and_grants):
    kit, grants = kit_and_grants
    tokens = kit.sign_in()
    grants.change_after_next_read = True
    _, refreshed = kit.rotation.refresh(tokens.refresh_token, kit.clock.now())
    outcome = kit.authenticate.execute(cookies(refreshed))
    assert outcome.rotated is not None and outcome.rotated.grants_revision == 2


def test_a_change_between_reading_the_claims_and_storing_a_new_session_marks_it(kit_and_grants):
    kit, grants = kit_and_grants
    grants.change_after_next_read = True  # the mark lands before the session exists: it finds nothing
    tokens = kit.sign_in()
    assert tokens.grants_revision == 1
    with pytest.raises(AccessTokenOutdated):
        kit.authenticate.execute(bearer(tokens))


def test_a_sign_in_without_a_change_is_served_as_usual(kit_and_grants):
    kit, _ = kit_and_grants
    tokens = kit.sign_in()
    assert kit.authenticate.execute(bearer(tokens)).rotated is None
