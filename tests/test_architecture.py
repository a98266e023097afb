"""Dependencies point inward: routes -> usecase -> interfaces; only implementations touch the SDKs."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "shared" / "saas_billing"
SDKS = ("stripe", "pymongo", "bson", "mongomock", "boto3", "botocore", "jwt", "argon2")
IMPLEMENTATIONS = (
    "saas_billing.infra.external_api.service",
    "saas_billing.repo.mongodb",
    "saas_billing.infra.security.service",
)

# layer -> what it must never import (at run time; TYPE_CHECKING imports cost nothing and are allowed)
RULES = {
    "domain": (
        *SDKS,
        *IMPLEMENTATIONS,
        "fastapi",
        "starlette",
        "saas_billing.infra",  # domain errors carry no HTTP status: the edge maps them
        "saas_billing.usecase",
        "saas_billing.routes",
    ),
    "usecase": (*SDKS, *IMPLEMENTATIONS, "fastapi", "starlette", "saas_billing.routes"),
    "models": (*SDKS, *IMPLEMENTATIONS, "saas_billing.usecase", "saas_billing.routes"),
    "repo/interface": (*SDKS, *IMPLEMENTATIONS, "fastapi"),
    "infra/external_api/interface": (*SDKS, *IMPLEMENTATIONS, "fastapi"),
    "infra/db": ("saas_billing.repo", "saas_billing.usecase", "saas_billing.routes"),
    "routes": ("stripe", "pymongo", "bson", "boto3", "botocore", "argon2"),
}


def runtime_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    hidden: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            hidden.update(id(child) for child in ast.walk(node))
    names = []
    for node in ast.walk(tree):
        if id(node) in hidden:
            continue
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(RULES))
def test_a_layer_imports_nothing_outward(layer):
    offences = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in sorted((PACKAGE / layer).rglob("*.py"))
        for name in runtime_imports(path)
        if any(name == banned or name.startswith(banned + ".") for banned in RULES[layer])
    ]
    assert offences == []
