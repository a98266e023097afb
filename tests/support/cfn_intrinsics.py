"""CloudFormation intrinsics resolved offline, for tests that read a transformed stack's values."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

_SUB_VARIABLE = re.compile(r"\$\{([^}]*)\}")


class Unresolvable(ValueError):
    """An intrinsic whose value is not known before deploy (Fn::GetAtt, Fn::If, ...)."""


def resolve(value, context: dict[str, str]) -> str:
    """The string a value becomes with the context's parameters (Ref, Fn::Sub, Fn::Join, nested)."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and len(value) == 1:
        [(name, argument)] = value.items()
        if name == "Ref" and argument in context:
            return context[argument]
        if name == "Fn::Join" and isinstance(argument[1], list):
            return argument[0].join(resolve(item, context) for item in argument[1])
        if name == "Fn::Sub":
            text, variables = (argument, {}) if isinstance(argument, str) else argument
            scope = {**context, **{key: resolve(item, context) for key, item in variables.items()}}
            return _SUB_VARIABLE.sub(lambda match: _sub_variable(match[1], scope), text)
    raise Unresolvable(json.dumps(value))


def _sub_variable(name: str, scope: dict[str, str]) -> str:
    if name.startswith("!"):  # ${!Literal} stands for the text ${Literal}
        return "${" + name[1:] + "}"
    if name not in scope:
        raise Unresolvable(name)
    return scope[name]


def leaves(value) -> Iterator:
    """Every value of a document that is a string once resolved (an intrinsic is one leaf)."""
    if isinstance(value, list):
        for item in value:
            yield from leaves(item)
    elif isinstance(value, dict) and not (len(value) == 1 and next(iter(value)).startswith(("Fn::", "Ref"))):
        for item in value.values():
            yield from leaves(item)
    else:
        yield value
