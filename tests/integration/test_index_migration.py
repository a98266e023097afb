"""The deploy-time index migration: creates, replaces what changed, leaves the unknown alone, idempotent."""

from __future__ import annotations

import logging

import pytest
from pymongo.errors import OperationFailure

from saas_billing.domain.auth_errors import EmailAlreadyRegistered
from saas_billing.domain.schemas.auth.user import Role, User
from saas_billing.infra.db.indexes import COLLECTION_INDEXES
from saas_billing.infra.db.migrate import MigrationBlocked, migrate
from saas_billing.repo.mongodb.user_repo import MongoUserRepository
from tests.support.accounts import access_token


@pytest.fixture
def bare(mongo_client):
    """A database no migration has touched."""
    return mongo_client["migration_test"]


def declared_names() -> list[str]:
    return [f"{collection}.{spec.name}" for collection, specs in COLLECTION_INDEXES.items() for spec in specs]


def a_user(user_id: str) -> User:
    return User(user_id, "ada@example.com", "hash", Role.USER, created_at=None)


def test_a_new_database_gets_every_declared_index_and_a_second_run_changes_nothing(bare):
    first = migrate(bare)
    assert sorted(first.created) == sorted(declared_names()) and not first.replaced
    again = migrate(bare)
    assert (again.created, again.replaced, again.unknown) == ([], [], [])
    assert sorted(again.unchanged) == sorted(declared_names())
    assert bare["stripe_webhook_events"].index_information()["expires_at_1"]["expireAfterSeconds"] == 0


def test_an_index_whose_options_changed_under_its_name_is_replaced(bare):
    bare["users"].create_index("email", name="email_unique")  # once deployed without unique
    report = migrate(bare)
    assert "users.email_unique" in report.replaced
    assert bare["users"].index_information()["email_unique"]["unique"] is True
    users = MongoUserRepository(bare)
    users.add(a_user("u1"))
    with pytest.raises(EmailAlreadyRegistered):
        users.add(a_user("u2"))


def test_an_older_name_on_the_same_keys_is_replaced_by_the_declared_one(bare):
    bare["stripe_webhook_events"].create_index("expires_at", name="expires_ttl", expireAfterSeconds=3600)
    report = migrate(bare)
    assert "stripe_webhook_events.expires_at_1" in report.replaced
    indexes = bare["stripe_webhook_events"].index_information()
    assert "expires_ttl" not in indexes and indexes["expires_at_1"]["expireAfterSeconds"] == 0


def test_a_changed_ttl_is_replaced(bare):
    bare["login_failures"].create_index("expires_at", name="expires_at_ttl", expireAfterSeconds=60)
    assert "login_failures.expires_at_ttl" in migrate(bare).replaced
    assert bare["login_failures"].index_information()["expires_at_ttl"]["expireAfterSeconds"] == 0


def test_the_declared_index_under_an_older_name_is_kept_not_rebuilt(bare):
    bare["users"].create_index("email", name="legacy_email", unique=True)
    report = migrate(bare)
    assert "users.email_unique (as legacy_email)" in report.unchanged
    assert "legacy_email" in bare["users"].index_information()


def test_duplicates_refuse_a_unique_index_and_nothing_is_dropped(bare):
    bare["users"].create_index("email", name="email_unique")
    bare["users"].insert_many([{"email": "ada@example.com"}, {"email": "ada@example.com"}])
    with pytest.raises(MigrationBlocked, match="2 documents share"):
        migrate(bare)
    assert "unique" not in bare["users"].index_information()["email_unique"]


def test_an_index_build_that_fails_puts_the_old_index_back(bare, monkeypatch):
    bare["login_failures"].create_index([("key", 1), ("expires_at", -1)], name="key_expires_at", sparse=True)
    collection_type = type(bare["login_failures"])
    create = collection_type.create_index

    def failing_for_the_new_one(self, keys, **options):
        if options.get("name") == "key_expires_at" and not options.get("sparse"):
            raise OperationFailure("index build aborted", code=276)
        return create(self, keys, **options)

    monkeypatch.setattr(collection_type, "create_index", failing_for_the_new_one)
    with pytest.raises(OperationFailure):
        migrate(bare)
    assert bare["login_failures"].index_information()["key_expires_at"]["sparse"] is True


def test_an_existing_database_owned_by_a_deploy_is_only_added_to_when_replacing_is_off(bare):
    bare["users"].create_index("email", name="email_unique")
    report = migrate(bare, replace=False)
    assert report.differing == ["users.email_unique"] and "users.email_unique" not in report.replaced
    assert "unique" not in bare["users"].index_information()["email_unique"]
    assert "subscriptions.stripe_subscription_id_1" in report.created


def test_undeclared_indexes_are_left_alone_and_logged(bare, caplog):
    bare["users"].create_index("created_at", name="ops_created_at")
    with caplog.at_level(logging.INFO):
        report = migrate(bare)
    assert report.unknown == ["users.ops_created_at"]
    assert "ops_created_at" in bare["users"].index_information()
    assert any(getattr(r, "index", None) == "users.ops_created_at" for r in caplog.records)


def test_the_server_refuses_a_changed_index_so_creating_it_again_is_not_enough(bare, on_wire):
    """What a redeploy met before the migration existed: every cold start's createIndexes failed."""
    if not on_wire:
        pytest.skip("mongomock accepts a conflicting index; the wire tier shows the server's answer")
    bare["users"].create_index("email", name="email_unique")
    with pytest.raises(OperationFailure) as refused:
        bare["users"].create_index("email", name="email_unique", unique=True)
    assert refused.value.code in {85, 86}  # IndexOptionsConflict, IndexKeySpecsConflict


def test_after_the_migration_the_app_serves_on_a_database_that_had_a_conflicting_index(
    mongo_client, gateway, clock
):
    database = mongo_client["saas_billing"]
    database["users"].drop_indexes()
    database["users"].create_index("email", name="email_unique")  # the old, non-unique spec
    migrate(database)
    assert access_token("ada@example.com")
    assert database["users"].index_information()["email_unique"]["unique"] is True
