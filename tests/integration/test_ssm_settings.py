"""Settings from SSM Parameter Store through pydantic-settings' own source, against moto."""

from __future__ import annotations

import secrets

import boto3
import pytest
from moto import mock_aws

from saas_billing.infra.exception.errors import SettingsError
from saas_billing.infra.settings.loader import get_settings, load_settings

PATH = "/saas-billing/dev/"
REQUIRED = {
    "stripe_api_key": "sk_test_from_ssm",
    "stripe_webhook_secret": "whsec_" + secrets.token_urlsafe(24),
    "mongodb_uri": "mongodb://user:secret@db.example:27017/",
}


@pytest.fixture
def ssm(monkeypatch):
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("APP_STAGE", "dev")
    monkeypatch.setenv("SETTINGS_SSM_PATH", PATH)
    with mock_aws():
        boto3.setup_default_session()
        yield boto3.client("ssm")


@pytest.fixture
def ssm_calls() -> list[tuple[str, dict]]:
    """Every SSM call any client of the default session makes: its operation and parameters."""
    calls = []
    boto3.DEFAULT_SESSION.events.register(
        "provide-client-params.ssm.*",
        lambda params, model, **kwargs: calls.append((model.name, dict(params))),
    )
    return calls


def of(calls: list[tuple[str, dict]], operation: str) -> list[dict]:
    return [params for name, params in calls if name == operation]


def put(ssm, values: dict[str, str], kind: str = "SecureString") -> None:
    for name, value in values.items():
        ssm.put_parameter(Name=f"{PATH}{name}", Value=value, Type=kind, Overwrite=True)


def test_secure_strings_under_the_path_are_decrypted(ssm):
    put(ssm, REQUIRED)
    settings = load_settings()
    assert settings.stripe_api_key.get_secret_value() == "sk_test_from_ssm"
    assert settings.mongo_connection_uri == REQUIRED["mongodb_uri"]
    assert settings.stripe_webhook_secret.get_secret_value() == REQUIRED["stripe_webhook_secret"]


def test_every_page_is_read_past_ten_parameters(ssm, ssm_calls):
    put(ssm, REQUIRED)
    put(ssm, {f"unused_{i:02d}": "x" for i in range(12)}, kind="String")
    put(ssm, {"catalog_cache_ttl_seconds": "42", "mongodb_database": "billing_dev"}, kind="String")
    settings = load_settings()
    assert settings.catalog_cache_ttl_seconds == 42
    assert settings.mongodb_database == "billing_dev"
    assert len(of(ssm_calls, "GetParametersByPath")) >= 2, "18 parameters need more than one page of 10"


def test_parameters_of_another_stage_are_not_read(ssm):
    put(ssm, REQUIRED)
    ssm.put_parameter(Name="/saas-billing/prod/mongodb_database", Value="prod_db", Type="String")
    assert load_settings().mongodb_database == "saas_billing"


def test_a_missing_parameter_is_named_by_its_full_path(ssm):
    put(ssm, {"stripe_api_key": REQUIRED["stripe_api_key"]})
    with pytest.raises(SettingsError) as error:
        load_settings()
    message = str(error.value)
    assert f"{PATH}stripe_webhook_secret" in message
    assert f"{PATH}mongodb_uri" in message
    assert f"{PATH}stripe_api_key" not in message
    assert "sk_test_from_ssm" not in message


def test_environment_overrides_ssm(ssm, monkeypatch):
    put(ssm, REQUIRED)
    put(ssm, {"mongodb_database": "from_ssm"}, kind="String")
    monkeypatch.setenv("MONGODB_DATABASE", "from_env")
    assert load_settings().mongodb_database == "from_env"


def test_the_templates_empty_mongodb_uri_leaves_the_ssm_value_in_force(ssm, monkeypatch):
    """template.yaml declares MONGODB_URI="" (so `sam local invoke --env-vars` may set it): empty is unset."""
    put(ssm, REQUIRED)
    monkeypatch.setenv("MONGODB_URI", "")
    assert load_settings().mongodb_uri.get_secret_value() == REQUIRED["mongodb_uri"]


def test_an_explicit_path_overrides_the_environment(ssm):
    put(ssm, REQUIRED)
    other = "/saas-billing/other/"
    for name, value in {**REQUIRED, "mongodb_database": "other_db"}.items():
        ssm.put_parameter(Name=f"{other}{name}", Value=value, Type="SecureString")
    assert load_settings(ssm_path=other).mongodb_database == "other_db"


def test_settings_are_read_once_per_container(ssm, ssm_calls):
    put(ssm, REQUIRED)
    first = get_settings()
    assert get_settings() is first
    assert len(of(ssm_calls, "GetParametersByPath")) == 1


def test_an_ssm_parameter_cannot_choose_the_stage(ssm, monkeypatch):
    put(ssm, {**REQUIRED, "app_stage": "local"}, kind="String")
    assert load_settings().app_stage == "dev"
    monkeypatch.delenv("APP_STAGE")  # the template always sets it; without it, no parameter fills in
    with pytest.raises(SettingsError, match=r"Refusing the local stage.*SETTINGS_SSM_PATH"):
        load_settings()


@pytest.mark.parametrize("sam_local", [None, "true"])
def test_a_local_stage_reading_ssm_is_refused_even_under_sam_local(ssm, monkeypatch, sam_local):
    put(ssm, REQUIRED)
    monkeypatch.setenv("APP_STAGE", "local")
    if sam_local:
        monkeypatch.setenv("AWS_SAM_LOCAL", sam_local)
    with pytest.raises(SettingsError, match="Refusing the local stage"):
        load_settings()


def test_a_weak_secret_in_ssm_fails_the_cold_start_without_showing_it(ssm):
    put(ssm, {**REQUIRED, "stripe_webhook_secret": ","})  # set, yet no secret in it
    with pytest.raises(SettingsError, match=f"Missing .*{PATH}stripe_webhook_secret"):
        load_settings()
    put(ssm, {**REQUIRED, "stripe_webhook_secret": "whsec_" + "changeme" * 6})
    with pytest.raises(SettingsError) as error:
        load_settings()
    assert "stripe_webhook_secret entry 1 of 1 (after whsec_) is made of words" in str(error.value)
    assert "changeme" * 2 not in str(error.value)


def test_a_function_reads_only_its_own_names_in_one_call(ssm, ssm_calls):
    put(ssm, REQUIRED)
    put(
        ssm,
        {"stripe_api_base": "http://stripe.internal", "mongodb_database": "not_for_catalog"},
        kind="String",
    )
    settings = load_settings(function="catalog")
    assert [name for name, _ in ssm_calls] == ["GetParameters"]
    assert settings.stripe_api_key.get_secret_value() == REQUIRED["stripe_api_key"]
    assert settings.stripe_api_base == "http://stripe.internal"
    assert settings.stripe_webhook_secret is None and settings.mongodb_uri is None
    assert settings.mongodb_database == "saas_billing"


def test_every_function_but_webhooks_starts_before_the_webhook_secret_exists(ssm):
    from saas_billing.infra.settings.function_settings import FUNCTION_SETTINGS

    put(ssm, {name: value for name, value in REQUIRED.items() if name != "stripe_webhook_secret"})
    for function in FUNCTION_SETTINGS:
        if function == "webhooks":
            with pytest.raises(SettingsError, match=f"{PATH}stripe_webhook_secret"):
                load_settings(function=function)
        else:
            assert load_settings(function=function).stripe_webhook_secret is None


def test_a_function_names_only_its_own_missing_parameters(ssm, monkeypatch):
    monkeypatch.setenv("SETTINGS_FUNCTION", "auth")
    put(ssm, {"stripe_api_key": REQUIRED["stripe_api_key"]})
    with pytest.raises(SettingsError) as error:
        load_settings()
    message = str(error.value)
    assert f"{PATH}mongodb_uri" in message
    assert "stripe_webhook_secret" not in message


# A stage deployed before the JWT secret was retired still holds these (weak here: they must not be checked).
LEFT_BEHIND = {"jwt_secret": "changeme" * 6, "jwt_previous_secret": "old"}


def test_a_retired_jwt_secret_left_in_ssm_is_not_read_by_any_function(ssm, ssm_calls):
    """No role may read it any more (template.yaml): asking for it would fail the cold start."""
    from saas_billing.infra.settings.function_settings import FUNCTION_SETTINGS

    put(ssm, {**REQUIRED, **LEFT_BEHIND})
    for function in FUNCTION_SETTINGS:
        assert load_settings(function=function).app_stage == "dev"
    names_read = [name for params in of(ssm_calls, "GetParameters") for name in params["Names"]]
    assert names_read and not {name.removeprefix(PATH) for name in names_read} & set(LEFT_BEHIND)


def test_a_retired_jwt_secret_read_with_the_whole_path_is_ignored(ssm):
    """The operator's tools read every parameter under the path, the retired ones too."""
    put(ssm, {**REQUIRED, **LEFT_BEHIND})
    settings = load_settings()
    assert settings.stripe_api_key.get_secret_value() == REQUIRED["stripe_api_key"]
    assert not set(LEFT_BEHIND) & (set(type(settings).model_fields) | set(settings.model_dump()))


@pytest.mark.parametrize("function", ["catalog", None])
def test_the_ssm_client_is_closed_after_its_read(ssm, monkeypatch, function):
    """No connection outlives the cold start's one read: none is open in a SnapStart snapshot."""
    import botocore.client

    closed = []
    close = botocore.client.BaseClient.close
    monkeypatch.setattr(
        botocore.client.BaseClient, "close", lambda client: closed.append(client) or close(client)
    )
    put(ssm, REQUIRED)
    load_settings(function=function)
    assert len(closed) == 1 and closed[0].meta.service_model.service_name == "ssm"
