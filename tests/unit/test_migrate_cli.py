"""`make migrate`: reports what it did, changes nothing the second time, and stops clearly when it can't."""

from __future__ import annotations

import json

from scripts import migrate as cli


def test_it_reports_created_indexes_then_nothing_to_do(mongo_client, monkeypatch, capsys):
    monkeypatch.setenv("MONGODB_URI", "mongodb://replaced-by-the-test-client/")
    mongo_client["saas_billing"]["users"].drop_indexes()
    assert cli.main([]) == 0
    assert json.loads(capsys.readouterr().out)["created"] == ["users.email_unique"]
    assert cli.main([]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["created"] == again["replaced"] == [] and "users.email_unique" in again["unchanged"]


def test_duplicates_that_block_a_unique_index_stop_it_with_a_message(
    mongo_client, monkeypatch, capsys, on_wire
):
    monkeypatch.setenv("MONGODB_URI", "mongodb://replaced-by-the-test-client/")
    users = mongo_client["saas_billing"]["users"]
    users.drop_indexes()
    users.insert_many([{"email": "ada@example.com"}, {"email": "ada@example.com"}])
    assert cli.main([]) == 1
    assert "Migration stopped" in capsys.readouterr().err
