"""Fixtures of the webhook handler tests; a module imports them by name to use them."""

from __future__ import annotations

import pytest


@pytest.fixture
def handler(gateway, mongo_client):
    from webhooks_handler import handler

    return handler


@pytest.fixture
def database(mongo_client):
    """The app's database, as the handler sees it."""
    return mongo_client["saas_billing"]
