"""SAM names a published version by a hash of the code with template parameter refs unresolved, so a new
SettingsRevision or SnapStart would publish nothing (the alias keeps serving old settings, or an old
snapshot). The build writes both into every function's code, which changes that hash."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def make(*args: str) -> str:
    # As an operator runs it: not with the values a calling make (make unit, CI) may have in its environment.
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SETTINGS_REVISION", "SNAPSTART", "STAGE", "MAKEFLAGS")
    }
    result = subprocess.run(
        ["make", "-s", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["STAGE=prod"], "SettingsRevision=1 SnapStart=on"),  # samconfig.toml's prod overrides
        (["STAGE=dev"], "SettingsRevision=1 SnapStart=off"),
        (["STAGE=prod", "SETTINGS_REVISION=2026-12-01"], "SettingsRevision=2026-12-01 SnapStart=on"),
    ],
)
def test_the_build_takes_the_deploy_inputs_of_the_stage_it_deploys(args, expected):
    assert make("deploy-inputs", *args, "-o", ".venv/.installed") == expected


def test_every_function_build_writes_them_into_its_code(tmp_path):
    subprocess.run(
        [
            "make", "-s", "-f", str(ROOT / "functions" / "Makefile"), "build-CatalogFunction",
            f"ARTIFACTS_DIR={tmp_path}", "SETTINGS_REVISION=7", "SNAPSTART=on", f"LAMBDA_PYTHON={sys.executable}",
        ],
        cwd=ROOT / "functions" / "catalog",
        check=True,
        timeout=120,
    )  # fmt: skip
    inputs = json.loads((tmp_path / "deploy_inputs.json").read_text())
    assert inputs == {"settings_revision": "7", "snapstart": "on"}
    assert (tmp_path / "catalog_handler.py").exists()
