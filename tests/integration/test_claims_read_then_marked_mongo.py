"""The claims-read-then-marked races of tests/unit/test_claims_read_then_marked.py, with the device
sessions in MongoDB (either tier): the epoch must survive the real update documents."""

from __future__ import annotations

import pytest

from saas_billing.repo.mongodb.device_session_repo import MongoDeviceSessionRepository
from tests.unit.test_claims_read_then_marked import (  # noqa: F401 (collected here against MongoDB)
    kit_with_changing_grants,
    test_a_browser_whose_refresh_raced_a_change_is_refreshed_again_on_its_next_request,
    test_a_change_between_reading_the_claims_and_rotating_keeps_the_session_marked,
    test_a_change_between_reading_the_claims_and_storing_a_new_session_marks_it,
    test_a_sign_in_without_a_change_is_served_as_usual,
)


@pytest.fixture
def kit_and_grants(database):
    return kit_with_changing_grants(MongoDeviceSessionRepository(database))
