import base64
import secrets

import pytest

from saas_billing.infra.exception.errors import SettingsError
from saas_billing.infra.settings.loader import load_settings

DEPLOYED = {
    "STRIPE_API_KEY": "sk_test_123",
    "STRIPE_WEBHOOK_SECRET": f"whsec_{secrets.token_urlsafe(24)}, whsec_{secrets.token_hex(32)}",
    "MONGODB_URI": "mongodb://db.example:27017/",
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
    for name in ("STRIPE_WEBHOOK_SECRET", "MONGODB_URI"):
        assert name in message
    assert "STRIPE_API_KEY" not in message


def test_deployed_stage_rejects_placeholders(monkeypatch):
    for name, value in {**DEPLOYED, "APP_STAGE": "prod", "STRIPE_WEBHOOK_SECRET": "whsec_change-me"}.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as error:
        load_settings()
    assert "stripe_webhook_secret entry 1 of 1 (after whsec_) must be at least 32 characters" in str(
        error.value
    )
    assert "test-mode key in the prod stage" in str(error.value)
    assert "change-me" not in str(error.value)


def test_webhook_secrets_split_on_commas_for_rotation(monkeypatch):
    monkeypatch.setenv("STRIPE_WEBHOOK_SECRET", "whsec_old, whsec_new,")
    assert load_settings().webhook_secrets == ["whsec_old", "whsec_new"]


def test_secrets_do_not_show_in_repr(monkeypatch):
    for name, value in DEPLOYED.items():
        monkeypatch.setenv(name, value)
    text = repr(load_settings())
    assert "sk_test_123" not in text and "whsec_" not in text and "db.example" not in text


def test_deployed_stage_rejects_the_public_local_webhook_secret(monkeypatch):
    for name, value in {**DEPLOYED, "APP_STAGE": "dev"}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv(
        "STRIPE_WEBHOOK_SECRET", f"whsec_{secrets.token_urlsafe(24)}, whsec_local_development_secret"
    )
    with pytest.raises(SettingsError) as error:
        load_settings()
    assert "public local default" in str(error.value)


def deployed(monkeypatch, **overrides: str) -> None:
    for name, value in {**DEPLOYED, "APP_STAGE": "dev", **overrides}.items():
        monkeypatch.setenv(name, value)


def test_generated_secrets_pass_in_a_deployed_stage(monkeypatch):
    deployed(monkeypatch)
    assert load_settings().app_stage == "dev"


HUMAN_WEBHOOK_SECRETS = [
    "whsec_local_development_key_for_make_dev_only",
    "whsec_test_webhook_signing_key_for_staging",
    "whsec_qwertyuiopasdfghjklzxcvbnm123456",
    "whsec_k9Xq2ZP7m4Lw8Rt5k9Xq2ZP7m4Lw8Rt6",
    "whsec_" + base64.b64encode(b"this is the signing key of the production stage").decode(),
    "whsec_" + base64.b64encode(b"testtest" * 6).decode(),
]


@pytest.mark.parametrize("value", HUMAN_WEBHOOK_SECRETS)
def test_a_webhook_secret_a_person_made_is_refused_without_being_shown(monkeypatch, value):
    deployed(monkeypatch, STRIPE_WEBHOOK_SECRET=f"whsec_{secrets.token_urlsafe(24)}, {value}")
    with pytest.raises(SettingsError, match=r"Unsafe settings.*stripe_webhook_secret entry 2 of 2") as error:
        load_settings()
    assert value.removeprefix("whsec_")[:12] not in str(error.value)


@pytest.mark.parametrize(
    "value",
    ["x", "whsec_x", "whsec_" + "a" * 40, "whsec_" + "ab" * 20, "sk_" + secrets.token_urlsafe(24),
     "whsec_" + secrets.token_urlsafe(12), "whsec_" + secrets.token_urlsafe(24) + ", whsec_short",
     "whsec_" + "changeme" * 4, "whsec_" + "x" * 40 + "yz", "whsec_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH"],
)  # fmt: skip
def test_every_webhook_secret_must_look_like_one_stripe_issued(monkeypatch, value):
    deployed(monkeypatch, STRIPE_WEBHOOK_SECRET=value)
    with pytest.raises(SettingsError, match=r"Unsafe settings.*stripe_webhook_secret entry"):
        load_settings()


@pytest.mark.parametrize("value", [",", " , ", ",,,"])
def test_a_webhook_secret_list_with_no_secret_in_it_is_missing(monkeypatch, value):
    deployed(monkeypatch, STRIPE_WEBHOOK_SECRET=value)
    with pytest.raises(SettingsError, match=r"Missing required settings.*STRIPE_WEBHOOK_SECRET"):
        load_settings()


def test_the_local_stage_keeps_its_short_documented_secrets(monkeypatch):
    monkeypatch.setenv("STRIPE_WEBHOOK_SECRET", "whsec_local_development_secret")
    assert load_settings().webhook_secrets == ["whsec_local_development_secret"]


def test_the_stage_never_comes_from_dotenv(tmp_path, monkeypatch):
    (tmp_path / ".env").write_text("APP_STAGE=dev\nLOG_LEVEL=DEBUG\n")
    monkeypatch.delenv("APP_STAGE")
    settings = load_settings()
    assert settings.is_local and settings.log_level == "DEBUG"


@pytest.mark.parametrize("stage", [None, "local"])
def test_a_function_in_lambda_refuses_the_local_stage(monkeypatch, stage):
    """With SETTINGS_SSM_PATH as the marker: tests/integration/test_ssm_settings.py."""
    monkeypatch.setenv("AWS_LAMBDA_FUNCTION_NAME", "AuthFunction")
    if stage is None:
        monkeypatch.delenv("APP_STAGE")
    else:
        monkeypatch.setenv("APP_STAGE", stage)
    with pytest.raises(
        SettingsError, match=r"Refusing the local stage.*AWS_LAMBDA_FUNCTION_NAME.*set APP_STAGE"
    ):
        load_settings()


def test_in_lambda_dotenv_is_not_read_at_all(tmp_path, monkeypatch):
    (tmp_path / ".env").write_text("MONGODB_DATABASE=from-a-packaged-env-file\nLOG_LEVEL=DEBUG\n")
    deployed(monkeypatch, AWS_LAMBDA_FUNCTION_NAME="AuthFunction")
    settings = load_settings()
    assert settings.log_level == "INFO" and settings.mongodb_database == "saas_billing"


def test_sam_local_may_run_the_local_stage(monkeypatch):
    """As the README's `sam local invoke` does; pointed at SSM it may not (test_ssm_settings.py)."""
    monkeypatch.setenv("AWS_LAMBDA_FUNCTION_NAME", "AuthFunction")
    monkeypatch.setenv("AWS_SAM_LOCAL", "true")
    assert load_settings().is_local
