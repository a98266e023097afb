"""A collaborator built on its first use: a request that never touches it does not build it.

Every repository is handed out this way (infra/db/mongo_client.py), so a request that never reaches the
database imports no pymongo; the edge also uses it for collaborators only one branch needs (the
entitlement sync of one webhook type). The use case keeps its plain collaborator either way.

A stand-in forwards attribute reads only: special methods, `isinstance` and attribute writes act on the
stand-in itself (its `repr` says whether it was built), so a collaborator handed out this way is used
through its methods, nothing else.
Stand-ins are made per request and a container serves one request at a time, so the first build needs
no lock.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast


class _Lazy[T]:
    def __init__(self, build: Callable[[], T]) -> None:
        self._build: Callable[[], T] | None = build
        self._target: T | None = None

    def __repr__(self) -> str:
        return f"lazy({self._target!r})" if self._build is None else "lazy(<not built yet>)"

    def __getattr__(self, name: str) -> Any:
        if self._build is not None:
            self._target, self._build = self._build(), None
        return getattr(self._target, name)


def lazy[T](build: Callable[[], T]) -> T:
    """Stands in for `build()`, calling it on the first attribute access."""
    return cast(T, _Lazy(build))
