"""Indexes are ensured once per container and collection; create_index is idempotent on the server."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pymongo.collection import Collection

_ensured: set[tuple[int, str]] = set()


def ensure_indexes_once(collection: Collection, create: Callable[[Collection], None]) -> None:
    key = (id(collection.database.client), collection.full_name)
    if key not in _ensured:
        create(collection)
        _ensured.add(key)


def forget_ensured_indexes() -> None:
    _ensured.clear()
