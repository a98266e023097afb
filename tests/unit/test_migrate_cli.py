"""`make migrate`: reports what it did, changes nothing the second time, stops clearly when the data does not
allow an index, and never mistakes a deployed stage's path for the local stage."""

from __future__ import annotations

import json

import pymongo
import pytest

from scripts import migrate as cli
from scripts.local_aws import FAKE_CREDENTIALS
from scripts.local_stage import dev_mongo


@pytest.fixture
def server():
    """make dev's local server (in the test's DEV_DATA_DIR), kept running across the CLI's runs."""
    with dev_mongo() as uri, pymongo.MongoClient(uri) as client:
        yield client["saas_billing"]


def test_it_reports_created_indexes_then_nothing_to_do(server, capsys):
    assert cli.main([]) == 0
    assert "users.email_unique" in json.loads(capsys.readouterr().out)["created"]
    server["users"].drop_index("email_unique")
    assert cli.main([]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["created"] == ["users.email_unique"] and again["replaced"] == []


def test_duplicates_that_block_a_unique_index_stop_it_before_anything_changes(server, capsys):
    server["users"].create_index("email", name="email_unique")  # not unique yet
    server["users"].insert_many([{"email": "ada@example.com"}, {"email": "ada@example.com"}])
    assert cli.main([]) == 1
    assert "Migration stopped: users.email_unique must be unique" in capsys.readouterr().err
    assert "email_unique" in server["users"].index_information(), "the old index is still there"


def test_a_deployed_stages_path_without_its_stage_is_refused(capsys):
    """Without APP_STAGE the settings would be the local stage's, and a typo would migrate a stand-in."""
    assert cli.main(["--ssm-path", "/saas-billing/prdo/"]) == 2
    assert "set APP_STAGE" in capsys.readouterr().err


def test_a_mistyped_path_of_a_deployed_stage_is_refused_naming_what_is_missing(monkeypatch, capsys):
    from moto import mock_aws

    for name, value in FAKE_CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("APP_STAGE", "prod")
    with mock_aws():
        assert cli.main(["--ssm-path", "/saas-billing/prdo/"]) == 2
    assert "/saas-billing/prdo/mongodb_uri" in capsys.readouterr().err
