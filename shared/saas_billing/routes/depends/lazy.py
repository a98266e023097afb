"""A collaborator built on its first use: a request that never touches a store does not build it.

For stores that only some branches of a route need (the device sessions of a form sign-up, the notices of
one webhook type, the subscriptions of a portal request naming a customer): the use case keeps its plain
collaborator, and the edge decides when it is built.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast


class _Lazy[T]:
    def __init__(self, build: Callable[[], T]) -> None:
        self._build: Callable[[], T] | None = build
        self._target: T | None = None

    def __getattr__(self, name: str) -> Any:
        if self._build is not None:
            self._target, self._build = self._build(), None
        return getattr(self._target, name)


def lazy[T](build: Callable[[], T]) -> T:
    """Stands in for `build()`, calling it on the first attribute access."""
    return cast(T, _Lazy(build))
