import pytest

from saas_billing.infra.exception.errors import SettingsError
from saas_billing.infra.settings.loader import load_settings

DEPLOYED = {
    "STRIPE_API_KEY": "sk_test_123",
    "STRIPE_WEBHOOK_SECRET": "whsec_a, whsec_b",
    "MONGODB_URI": "mongodb://db.example:27017/",
    "JWT_SECRET": "x" * 40,
}


def test_local_stage_needs_nothing():
    settings = load_settings()
    assert settings.is_local
    assert settings.mongo_connection_uri is None
    assert settings.stripe_api_key is None


def test_env_overrides_dotenv(tmp_path, monkeypatch):
    (tmp_path / ".env").write_text("STRIPE_API_KEY=sk_test_from_file\nMONGODB_DATABASE=from_file\n")
    monkeypatch.setenv("MONGODB_DATABASE", "from_env")
    settings = load_settings()
    assert settings.mongodb_database == "from_env"
    assert settings.stripe_api_key.get_secret_value() == "sk_test_from_file"


def test_original_app_mongo_keys_build_a_uri_with_escaped_credentials(monkeypatch):
    monkeypatch.setenv("MONGODB_HOST", "db.internal")
    monkeypatch.setenv("MONGODB_PORT", "12345")
    monkeypatch.setenv("MONGODB_USERNAME", "app user")
    monkeypatch.setenv("MONGODB_PASSWORD", "p@ss:word")
    assert load_settings().mongo_connection_uri == "mongodb://app+user:p%40ss%3Aword@db.internal:12345/"


def test_mongo_port_must_be_an_integer(monkeypatch):
    monkeypatch.setenv("MONGODB_PORT", "not-a-port")
    with pytest.raises(ValueError, match="mongodb_port"):
        load_settings()


def test_deployed_stage_names_every_missing_setting(monkeypatch):
    monkeypatch.setenv("APP_STAGE", "dev")
    monkeypatch.setenv("STRIPE_API_KEY", "sk_test_123")
    with pytest.raises(SettingsError) as error:
        load_settings()
    message = str(error.value)
    for name in ("STRIPE_WEBHOOK_SECRET", "MONGODB_URI", "JWT_SECRET"):
        assert name in message
    assert "STRIPE_API_KEY" not in message


def test_deployed_stage_rejects_placeholders(monkeypatch):
    for name, value in {**DEPLOYED, "APP_STAGE": "prod", "JWT_SECRET": "change-me"}.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as error:
        load_settings()
    assert "jwt_secret must be at least 32 characters" in str(error.value)
    assert "test-mode key in the prod stage" in str(error.value)
    assert "change-me" not in str(error.value)


def test_webhook_secrets_split_on_commas_for_rotation(monkeypatch):
    monkeypatch.setenv("STRIPE_WEBHOOK_SECRET", "whsec_old, whsec_new,")
    assert load_settings().webhook_secrets == ["whsec_old", "whsec_new"]


def test_secrets_do_not_show_in_repr(monkeypatch):
    for name, value in DEPLOYED.items():
        monkeypatch.setenv(name, value)
    text = repr(load_settings())
    assert "sk_test_123" not in text and "x" * 40 not in text and "db.example" not in text


def test_deployed_stage_rejects_the_public_local_webhook_secret_and_a_short_previous_jwt_secret(monkeypatch):
    for name, value in {**DEPLOYED, "APP_STAGE": "dev", "JWT_PREVIOUS_SECRET": "old"}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("STRIPE_WEBHOOK_SECRET", "whsec_real, whsec_local_development_secret")
    with pytest.raises(SettingsError) as error:
        load_settings()
    assert "public local default" in str(error.value)
    assert "jwt_previous_secret must be at least 32 characters" in str(error.value)
