"""A value from outside (an id, a hash, an email) matched literally in a MongoDB query.

`{"field": value}` reads a dict value as operators: a signed event whose id was `{"$ne": "x"}` matched
every document. `{"$eq": value}` compares whatever the value is, so a dict matches only an equal dict.
MongoDB and mongomock both seed an upsert's insert from `$eq`, as from a bare value.
"""

from __future__ import annotations

from typing import Any


def eq(value: Any) -> dict[str, Any]:
    return {"$eq": value}
