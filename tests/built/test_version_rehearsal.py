"""Which releases publish new function versions: the built template packaged as `sam deploy` packages it
(one S3 key per artifact content; the build is reproducible, so unchanged content keeps its key) and
transformed for prod, release after release.

The `live` alias serves published versions only, and SAM names a version by a hash: a release whose
change the hash misses updates $LATEST but leaves every alias on the old version, old layers included."""

from __future__ import annotations

import hashlib

import pytest
import yaml

from scripts.invoke_built import BUILD_DIR
from scripts.template_model import functions, layer_ids
from tests.support.sam_batch import artifact_ids, deploy_parameters, package, transform_all

pytestmark = pytest.mark.built

FUNCTIONS = [spec.logical_id for spec in functions()]
# Release name: the artifacts whose content it changes, and the parameters it overrides.
RELEASES: dict[str, tuple[tuple[str, ...], dict[str, str]]] = {
    "before": ((), {}),
    "again": ((), {}),
    "SharedLayer": (("SharedLayer",), {}),
    "DependenciesLayer": (("DependenciesLayer",), {}),
    "WebhooksFunction": (("WebhooksFunction",), {}),
    "SettingsRevision": ((), {"SettingsRevision": "2"}),
    "SnapStart": ((), {"SnapStart": "off"}),
}


def content_keys(template: dict, changed: tuple[str, ...]) -> dict[str, str]:
    """sam package's keys: the MD5 of each artifact's content, new content for the changed ones."""
    return {
        logical_id: hashlib.md5(
            f"{logical_id} {'new' if logical_id in changed else 'old'}".encode()
        ).hexdigest()
        for logical_id in artifact_ids(template)
    }


@pytest.fixture(scope="module")
def releases() -> dict[str, dict]:
    template = yaml.safe_load((BUILD_DIR / "template.yaml").read_text())
    assert set(layer_ids()) <= set(artifact_ids(template))
    jobs = [
        (package(template, content_keys(template, changed)), {**deploy_parameters("prod"), **overrides})
        for changed, overrides in RELEASES.values()
    ]
    results = transform_all(jobs)
    for name, result in zip(RELEASES, results, strict=True):
        assert isinstance(result, dict), f"{name}: {result}"
    return dict(zip(RELEASES, results, strict=True))


def live_versions(resources: dict) -> dict[str, str]:
    """Each function's version that its `live` alias serves, by logical id."""
    served = {}
    for function in FUNCTIONS:
        [version] = resources[f"{function}Aliaslive"]["Properties"]["FunctionVersion"]["Fn::GetAtt"][:1]
        assert resources[version]["Type"] == "AWS::Lambda::Version"
        assert resources[version]["Properties"]["FunctionName"] == {"Ref": function}
        served[function] = version
    return served


def republished(before: dict, after: dict) -> set[str]:
    old, new = live_versions(before), live_versions(after)
    return {function for function in FUNCTIONS if old[function] != new[function]}


def layer_versions(resources: dict, layer: str) -> list[str]:
    return [
        lid
        for lid, r in resources.items()
        if r["Type"] == "AWS::Lambda::LayerVersion" and lid.startswith(layer)
    ]


def test_a_release_with_nothing_changed_publishes_nothing(releases):
    assert republished(releases["before"], releases["again"]) == set()


@pytest.mark.parametrize("layer", ["SharedLayer", "DependenciesLayer"])
def test_a_release_that_changes_only_a_layer_publishes_every_function_with_it(releases, layer):
    before, after = releases["before"], releases[layer]
    [old_layer], [new_layer] = layer_versions(before, layer), layer_versions(after, layer)
    assert old_layer != new_layer, "a new layer version"
    for function in FUNCTIONS:
        assert {"Ref": new_layer} in after[function]["Properties"]["Layers"], function
    assert republished(before, after) == set(FUNCTIONS), "functions whose alias would keep the old layer"


def test_a_release_that_changes_one_function_publishes_only_that_one(releases):
    assert republished(releases["before"], releases["WebhooksFunction"]) == {"WebhooksFunction"}


@pytest.mark.parametrize("parameter", ["SettingsRevision", "SnapStart"])
def test_a_parameter_alone_publishes_nothing_so_the_build_writes_it_into_the_code(releases, parameter):
    """SAM hashes the function's properties with parameter refs unresolved (aws/serverless-application-model
    issue 3820): only the code that `make build` writes them into (deploy_inputs.json) can publish for them.
    Should this fail, SAM resolves them now and deploy_inputs.json can go."""
    assert republished(releases["before"], releases[parameter]) == set()
