"""Reads template.yaml into plain facts (functions, routes, layers) for the dev server, tests and tools."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "template.yaml"


class _CfnLoader(yaml.SafeLoader):
    """Keeps CloudFormation short-form tags (!Ref, !Sub, ...) as plain values."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node):
    if isinstance(node, yaml.ScalarNode):
        return {suffix: loader.construct_scalar(node)}
    if isinstance(node, yaml.SequenceNode):
        return {suffix: loader.construct_sequence(node)}
    return {suffix: loader.construct_mapping(node)}


_CfnLoader.add_multi_constructor("!", _any_tag)


@dataclass(frozen=True)
class Route:
    method: str
    path: str


@dataclass(frozen=True)
class FunctionSpec:
    logical_id: str
    code_dir: Path
    handler: str
    routes: tuple[Route, ...]
    layers: tuple[str, ...]
    schedule: bool

    @property
    def module(self) -> str:
        return self.handler.rsplit(".", 1)[0]

    @property
    def attribute(self) -> str:
        return self.handler.rsplit(".", 1)[1]

    @property
    def group(self) -> str:
        return self.code_dir.name


@lru_cache(maxsize=1)
def load_template() -> dict:
    return yaml.load(TEMPLATE.read_text(), Loader=_CfnLoader)


def functions() -> list[FunctionSpec]:
    template = load_template()
    global_layers = template.get("Globals", {}).get("Function", {}).get("Layers", [])
    specs = []
    for logical_id, resource in template["Resources"].items():
        if resource["Type"] != "AWS::Serverless::Function":
            continue
        props = resource["Properties"]
        events = props.get("Events", {}).values()
        routes = tuple(
            Route(event["Properties"]["Method"].upper(), event["Properties"]["Path"])
            for event in events
            if event["Type"] == "HttpApi"
        )
        layers = tuple(layer["Ref"] for layer in [*global_layers, *props.get("Layers", [])])
        specs.append(
            FunctionSpec(
                logical_id=logical_id,
                code_dir=ROOT / props["CodeUri"],
                handler=props["Handler"],
                routes=routes,
                layers=layers,
                schedule=any(event["Type"] == "Schedule" for event in events),
            )
        )
    return specs


def layer_ids() -> list[str]:
    return [
        logical_id
        for logical_id, resource in load_template()["Resources"].items()
        if resource["Type"] == "AWS::Serverless::LayerVersion"
    ]


def function_for_group(group: str) -> FunctionSpec:
    for spec in functions():
        if spec.group == group:
            return spec
    raise KeyError(f"no function in template.yaml has CodeUri functions/{group}/")
