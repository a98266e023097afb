"""What reconciliation reads from the provider's change log, and what one run found (logged and returned)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any, ClassVar


@dataclass(frozen=True)
class ChangedSubscription:
    """A subscription with changes in the listed window: `first_change`/`last_change` are the `created`
    of its oldest and newest change there. The checkpoint can only move past what was handled, so
    callers need to know how far back each pending id reaches."""

    id: str
    first_change: float
    last_change: float


def changes_oldest_first(events: Iterable[tuple[str, float]]) -> list[ChangedSubscription]:
    """One entry per subscription id from (id, created) pairs in any order, oldest first change first."""
    spans: dict[str, tuple[float, float]] = {}
    for subscription_id, created in events:
        first, last = spans.get(subscription_id, (created, created))
        spans[subscription_id] = (min(first, created), max(last, created))
    changes = [ChangedSubscription(i, first, last) for i, (first, last) in spans.items()]
    return sorted(changes, key=lambda change: (change.first_change, change.id))


@dataclass(frozen=True)
class ReconcileReport:
    """`failed` reads are retried next run; `skipped` ones (of those) failed too many runs to hold the
    checkpoint; `deferred` ones were left for the next run by the deadline. `checkpoint` is None when not
    saved (a manual window starting after the stored checkpoint)."""

    FIGURES: ClassVar[tuple[str, ...]] = (
        "examined",
        "repaired",
        "unchanged",
        "failed",
        "skipped",
        "deferred",
    )

    since: float
    checkpoint: float | None
    examined: int
    repaired: int
    unchanged: int
    failed: int
    skipped: int = 0
    deferred: int = 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
