"""The env file `make ssm-put` copies: what python-dotenv reads from it, and which lines are no setting.

The file is read once, so /dev/null or a pipe serves as an empty env file. dotenv reads each line of an
unquoted multi-line value (a PEM pasted after `JWT_SIGNING_KEYS=`) as a key of its own, or cannot parse
it: such lines may be key material, so they are reported by number only, never shown.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import dotenv_values
from dotenv.parser import Binding, parse_stream

KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


@dataclass
class EnvFile:
    values: dict[str, str | None] = field(default_factory=dict)  # as dotenv_values returns them
    line_of: dict[str, int] = field(default_factory=dict)  # each key's (last) line
    not_settings: list[int] = field(default_factory=list)  # lines that are not KEY=VALUE


def read_env_file(path: Path) -> EnvFile:
    """Raises OSError when the path cannot be read (a directory, a missing file), ValueError when it is
    not UTF-8 text (the encoding the settings read a local .env with)."""
    return parse_env_text(path.read_text(encoding="utf-8"))


def parse_env_text(text: str) -> EnvFile:
    result = EnvFile()
    kept = list(_settings_lines(parse_stream(io.StringIO(text)), result.not_settings))
    result.line_of = {binding.key: binding.original.line for binding in kept}
    # dotenv itself gives the values (quotes, escapes, ${VAR} expansion), from the well-formed lines only.
    statements = "".join(binding.original.string.rstrip("\n") + "\n" for binding in kept)
    result.values = dict(dotenv_values(stream=io.StringIO(statements)))
    return result


def _settings_lines(bindings, not_settings: list[int]):
    """The KEY=VALUE bindings; the others' line numbers go to `not_settings`. Lines after an unquoted
    `-----BEGIN` up to its `-----END` are the value's body, whatever dotenv makes of them."""
    in_pem_body = False
    for binding in bindings:
        line = binding.original.line
        if in_pem_body:
            not_settings.append(line)
            in_pem_body = "-----END" not in binding.original.string
        elif binding.error or (binding.key is not None and not _well_formed(binding)):
            not_settings.append(line)
        elif binding.key is not None:
            value = binding.value or ""
            in_pem_body = "-----BEGIN" in value and "-----END" not in value
            yield binding


def _well_formed(binding: Binding) -> bool:
    return binding.value is not None and KEY.match(binding.key) is not None
