"""One Python everywhere: the template's runtime, the layers, the build checks and the test interpreter."""

from __future__ import annotations

import re
import sys
import tomllib

import pytest

from scripts.template_model import ROOT, load_template

RUNTIME = f"python{sys.version_info.major}.{sys.version_info.minor}"
VERSION = f"{sys.version_info.major}.{sys.version_info.minor}"


def test_the_tests_run_on_the_template_runtime():
    assert load_template()["Globals"]["Function"]["Runtime"] == RUNTIME == "python3.13"


def test_no_function_overrides_the_runtime():
    resources = load_template()["Resources"].values()
    overrides = [r["Properties"]["Runtime"] for r in resources if "Runtime" in r.get("Properties", {})]
    assert overrides == []


def test_every_layer_is_compatible_with_the_runtime():
    resources = load_template()["Resources"].values()
    layers = [r for r in resources if r["Type"] == "AWS::Serverless::LayerVersion"]
    assert layers and all(layer["Properties"]["CompatibleRuntimes"] == [RUNTIME] for layer in layers)


@pytest.mark.parametrize(
    "makefile", ["Makefile", "functions/Makefile", "shared/Makefile", "layers/dependencies/Makefile"]
)
def test_every_build_checks_for_the_runtime_interpreter(makefile):
    text = (ROOT / makefile).read_text()
    checked = set(re.findall(r"sys\.version_info\[:2\] != \((\d+), (\d+)\)", text))
    assert checked == {(str(sys.version_info.major), str(sys.version_info.minor))}


def test_layer_wheels_are_for_the_runtime():
    text = (ROOT / "layers/dependencies/Makefile").read_text()
    assert f"--python-version {VERSION} " in text


def test_pyproject_and_ruff_target_the_runtime():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert project["project"]["requires-python"] == f">={VERSION},<3.{sys.version_info.minor + 1}"
    assert project["tool"]["ruff"]["target-version"] == f"py3{sys.version_info.minor}"
