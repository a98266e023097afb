"""What one reconciliation run found; logged and returned by the scheduled function."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class ReconcileReport:
    since: float
    checkpoint: float | None
    examined: int
    repaired: int
    unchanged: int
    failed: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
