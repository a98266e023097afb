"""Brings a database to the declared indexes: creates what is missing, replaces what changed, leaves
unknown indexes alone (logged). Idempotent, and safe while functions serve: it only adds, or swaps one
index that no longer matches its declaration."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from saas_billing.infra.db.indexes import COLLECTION_INDEXES, IndexSpec

if TYPE_CHECKING:
    from pymongo.collection import Collection
    from pymongo.database import Database

logger = logging.getLogger(__name__)
COMPARED_OPTIONS = ("unique", "expireAfterSeconds", "sparse", "partialFilterExpression", "collation")


@dataclass
class MigrationReport:
    created: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)


def migrate(
    database: Database, declared: Mapping[str, tuple[IndexSpec, ...]] = COLLECTION_INDEXES
) -> MigrationReport:
    report = MigrationReport()
    for collection_name, specs in declared.items():
        _migrate_collection(database[collection_name], specs, report)
    logger.info(
        "index migration done",
        extra={"database": database.name, **{f"indexes_{k}": len(v) for k, v in vars(report).items()}},
    )
    return report


def _migrate_collection(
    collection: Collection, specs: tuple[IndexSpec, ...], report: MigrationReport
) -> None:
    existing = {index["name"]: index for index in collection.list_indexes()}
    for spec in specs:
        label = f"{collection.name}.{spec.name}"
        current = existing.get(spec.name)
        if current is not None and _matches(current, spec):
            report.unchanged.append(label)
            continue
        # Another name on the same key pattern would refuse ours (IndexOptionsConflict): it is the older
        # form of this index, so it is replaced too.
        stale = [current] if current is not None else []
        stale += [i for name, i in existing.items() if name != spec.name and _key(i) == spec.keys]
        for index in stale:
            logger.warning(
                "replacing an index that differs from its declaration",
                extra={"index": f"{collection.name}.{index['name']}", "found": _shape(index)},
            )
            collection.drop_index(index["name"])
        collection.create_index(list(spec.keys), name=spec.name, **spec.options())
        (report.replaced if stale else report.created).append(label)
    declared = {spec.name for spec in specs} | {"_id_"}
    for name, index in existing.items():
        if name not in declared and _key(index) not in {spec.keys for spec in specs}:
            logger.info("leaving an undeclared index alone", extra={"index": f"{collection.name}.{name}"})
            report.unknown.append(f"{collection.name}.{name}")


def _key(index: Mapping[str, Any]) -> tuple[tuple[str, Any], ...]:
    """Directions as ints (servers may report 1.0); special kinds ("text", "2dsphere") as they are."""
    return tuple(
        (name, int(kind) if isinstance(kind, int | float) else kind) for name, kind in index["key"].items()
    )


def _shape(index: Mapping[str, Any]) -> dict[str, Any]:
    shape = {option: index[option] for option in COMPARED_OPTIONS if option in index}
    if not shape.get("unique"):
        shape.pop("unique", None)
    return {"key": _key(index), **shape}


def _matches(index: Mapping[str, Any], spec: IndexSpec) -> bool:
    return _shape(index) == {"key": spec.keys, **spec.options()}
