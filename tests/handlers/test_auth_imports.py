"""Cold start: each function imports only what it needs, checked in clean interpreters."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WATCHED = ("stripe", "jwt", "argon2", "cryptography", "pymongo", "jinja2")


def imported_after(module: str, function_dir: str) -> set[str]:
    code = (
        f"import sys, json; sys.path[:0] = ['shared', 'functions/{function_dir}']; import {module}; "
        f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({list(WATCHED)!r}))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"APP_STAGE": "local"},
        check=True,
    )
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


def test_auth_never_imports_stripe_and_loads_jwt_and_argon2_only_when_used():
    loaded = imported_after("auth_handler", "auth")
    assert not loaded & {"stripe", "jwt", "argon2"}


@pytest.mark.parametrize("module", ["saas_billing.routes.depends.auth_dep"])
def test_the_shared_auth_dependencies_defer_jwt_and_argon2(module):
    assert not imported_after(module, "auth") & {"stripe", "jwt", "argon2"}


def test_catalog_imports_no_auth_or_database_libraries():
    assert not imported_after("catalog_handler", "catalog") & {"jwt", "argon2", "pymongo", "jinja2"}
