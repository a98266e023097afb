"""The admin CLI: promotes an existing account, or creates one as admin, in any stage's database."""

from __future__ import annotations

import pytest

from saas_billing.domain.auth_errors import AdminPromotionRefused
from saas_billing.infra.db.clients import reset_clients
from saas_billing.infra.db.mongo_client import get_database
from saas_billing.infra.settings.loader import get_settings
from saas_billing.repo.mongodb.user_repo import MongoUserRepository
from scripts import create_admin as cli


def users():
    return MongoUserRepository(get_database(get_settings()))


def test_creates_an_admin_with_the_password_from_the_environment(mongo_client, monkeypatch, capsys):
    monkeypatch.setenv("MONGODB_URI", "mongodb://replaced-by-the-test-client/")
    monkeypatch.setenv("ADMIN_PASSWORD", "a long admin passphrase")
    assert cli.main(["Ops@Example.com"]) == 0
    assert "Created ops@example.com as admin" in capsys.readouterr().out
    admin = users().by_email("ops@example.com")
    assert admin.is_admin and admin.password_hash.startswith("$argon2id$")


def test_an_existing_account_is_refused_without_the_flag_and_unverified_with_it(mongo_client, capsys):
    cli.create_admin("ada@example.com", lambda: "first password ok")
    ada = users().by_email("ada@example.com")
    users().set_role(ada.id, "user")
    with pytest.raises(AdminPromotionRefused, match="--promote-existing"):
        cli.create_admin("ADA@example.com", lambda: pytest.fail("no password needed"))
    with pytest.raises(AdminPromotionRefused, match="not verified its email"):
        cli.create_admin("ada@example.com", lambda: pytest.fail("no"), promote_existing=True)
    shown = capsys.readouterr().out
    assert (
        "email NOT verified" in shown
        and "0 signed-in device(s)" in shown
        and f"{ada.created_at:%Y-%m-%d}" in shown
    )
    assert not users().by_email("ada@example.com").is_admin
    users().mark_verified(ada.id, "ada@example.com")
    user, created = cli.create_admin("ADA@example.com", lambda: pytest.fail("no"), promote_existing=True)
    assert not created and user.is_admin and users().by_email("ada@example.com").is_admin


def test_the_cli_refuses_an_existing_account_with_exit_code_1(mongo_client, monkeypatch, capsys):
    monkeypatch.setenv("MONGODB_URI", "mongodb://replaced-by-the-test-client/")
    monkeypatch.setenv("ADMIN_PASSWORD", "a long admin passphrase")
    assert cli.main(["ops@example.com"]) == 0
    assert cli.main(["ops@example.com"]) == 1
    assert "--promote-existing" in capsys.readouterr().err


def test_refuses_a_short_password_and_a_bad_email(mongo_client, monkeypatch, capsys):
    monkeypatch.setenv("MONGODB_URI", "mongodb://replaced-by-the-test-client/")
    monkeypatch.setenv("ADMIN_PASSWORD", "short")
    assert cli.main(["ops@example.com"]) == 1
    assert cli.main(["not-an-email"]) == 2
    assert "at least 10 characters" in capsys.readouterr().err
    assert users().by_email("ops@example.com") is None


def test_without_database_settings_it_uses_make_devs_database_which_keeps_the_admin(monkeypatch, tmp_path):
    from scripts.local_stage import local_stage

    monkeypatch.setenv("DEV_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("ADMIN_PASSWORD", "a long admin passphrase")
    assert cli.main(["ops@example.com"]) == 0
    reset_clients()
    with local_stage():  # the server again, as the next `make dev` starts it
        assert users().by_email("ops@example.com").is_admin
