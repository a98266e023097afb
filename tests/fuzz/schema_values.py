"""Values that match a JSON Schema as FastAPI writes one into OpenAPI 3.1: $ref to components, anyOf,
enum/const, objects with required and optional properties, arrays, strings with lengths, patterns and
the email format, bounded numbers. Small on purpose: hypothesis-jsonschema does not run on current
Hypothesis, and this subset is all the dev app's OpenAPI uses."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

MAX_DEPTH = 6


def schema_values(schema: dict[str, Any], components: dict[str, Any], depth: int = 0) -> st.SearchStrategy:
    if depth > MAX_DEPTH:
        return st.none()
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return schema_values(components["schemas"][name], components, depth + 1)
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return st.one_of([schema_values(part, components, depth + 1) for part in schema[key]])
    if "const" in schema:
        return st.just(schema["const"])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    kind = schema.get("type")
    if kind == "null":
        return st.none()
    if kind == "boolean":
        return st.booleans()
    if kind in ("integer", "number"):
        low = schema.get("minimum", schema.get("exclusiveMinimum"))
        high = schema.get("maximum", schema.get("exclusiveMaximum"))
        if kind == "integer":
            return st.integers(min_value=low, max_value=high)
        return st.floats(min_value=low, max_value=high, allow_nan=False, allow_infinity=False)
    if kind == "string":
        return _strings(schema)
    if kind == "array":
        return st.lists(schema_values(schema.get("items", {}), components, depth + 1), max_size=3)
    if kind == "object" or "properties" in schema:
        properties = {
            name: schema_values(part, components, depth + 1)
            for name, part in schema.get("properties", {}).items()
        }
        required = set(schema.get("required", []))
        return st.fixed_dictionaries(
            {name: value for name, value in properties.items() if name in required},
            optional={name: value for name, value in properties.items() if name not in required},
        )
    return st.none() | st.booleans() | st.integers() | st.text(max_size=20)


def _strings(schema: dict[str, Any]) -> st.SearchStrategy[str]:
    if schema.get("format") == "email":
        return st.emails()
    if "pattern" in schema:
        return st.from_regex(schema["pattern"], fullmatch=True)
    low, high = schema.get("minLength", 0), schema.get("maxLength", 40)
    return st.text(min_size=low, max_size=max(low, min(high, 60)))
