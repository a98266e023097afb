"""scripts.env_file: the env file as python-dotenv reads it, with the lines that are no setting by number."""

from __future__ import annotations

import io

import pytest
from dotenv import dotenv_values

from scripts.env_file import parse_env_text, read_env_file

# What an operator pastes: a PEM after the `=`, unquoted. dotenv reads its body lines as keys of their own
# ("MIIE..." with no value, "abc+/" = "def", "AbCd" = "="), or cannot parse them (the END line).
UNQUOTED_PEM = """\
STRIPE_API_KEY=sk_test_x
JWT_SIGNING_KEYS=-----BEGIN PRIVATE KEY-----
MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQC
abc+/=def
AbCdEf==
-----END PRIVATE KEY-----
LOG_LEVEL=DEBUG
"""


def test_the_body_of_an_unquoted_pem_is_no_key_and_is_known_by_line_only():
    env = parse_env_text(UNQUOTED_PEM)
    assert env.values == {
        "STRIPE_API_KEY": "sk_test_x",
        "JWT_SIGNING_KEYS": "-----BEGIN PRIVATE KEY-----",  # all dotenv reads of it
        "LOG_LEVEL": "DEBUG",
    }
    assert env.not_settings == [3, 4, 5, 6]
    assert env.line_of == {"STRIPE_API_KEY": 1, "JWT_SIGNING_KEYS": 2, "LOG_LEVEL": 7}


def test_a_quoted_multi_line_value_is_one_setting_with_its_line_breaks():
    pem = "-----BEGIN PRIVATE KEY-----\nMIIEvgIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----"
    env = parse_env_text(f'JWT_SIGNING_KEYS="{pem}"\nLOG_LEVEL=INFO\n')
    assert env.values == {"JWT_SIGNING_KEYS": pem, "LOG_LEVEL": "INFO"}
    assert env.not_settings == []
    assert env.line_of["LOG_LEVEL"] == 4


@pytest.mark.parametrize(
    "line",
    [
        "a stray sentence",  # dotenv cannot parse it
        "some key = 1",
        "abc+/=def",  # parsed, but not an identifier
        "NO_EQUALS_SIGN",  # a key without a value
    ],
)
def test_a_line_that_is_not_key_value_is_no_setting(line):
    env = parse_env_text(f"# settings\nSTRIPE_API_KEY=sk_test_x\n{line}\n")
    assert env.values == {"STRIPE_API_KEY": "sk_test_x"}
    assert env.not_settings == [3]


def test_values_are_what_dotenv_makes_of_them():
    """Rebuilt from the well-formed lines, they keep dotenv's export, quotes, escapes and ${VAR}."""
    text = "export HOST=db.example\nURI='mongodb://${HOST}'\nDSN=\"x://${HOST}\\tz\"\nEMPTY=\nA=1 # note\n"
    env = parse_env_text(text)
    assert env.values == dotenv_values(stream=io.StringIO(text))
    assert env.values["DSN"] == "x://db.example\tz" and env.values["A"] == "1"


def test_a_later_line_of_the_same_key_wins():
    env = parse_env_text("LOG_LEVEL=INFO\nLOG_LEVEL=DEBUG\n")
    assert env.values == {"LOG_LEVEL": "DEBUG"}
    assert env.line_of == {"LOG_LEVEL": 2}


def test_an_empty_file_is_no_setting(tmp_path):
    path = tmp_path / ".env"
    path.write_text("")
    assert read_env_file(path).values == {}


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / ".env"
    path.write_bytes(b"STRIPE_API_KEY=\xff\xfe\n")
    with pytest.raises(ValueError):
        read_env_file(path)
