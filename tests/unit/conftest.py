"""Unit fixtures; `gateway` (a fresh in-memory Stripe) comes from the root conftest."""

from __future__ import annotations

import pytest

from tests.fakes.subscription_repository import InMemorySubscriptionRepository


@pytest.fixture
def repository() -> InMemorySubscriptionRepository:
    return InMemorySubscriptionRepository()
