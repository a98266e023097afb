"""Brings a database to the declared indexes: creates what is missing, replaces what changed, leaves
undeclared indexes alone (listed). Idempotent, and safe while functions serve: it only adds, retunes a TTL in
place, or swaps one index that no longer matches its declaration, after checking the data allows it."""

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
SCOPING_OPTIONS = ("partialFilterExpression", "collation")  # same keys with these differing: no conflict
INDEX_NOT_FOUND = 27


class MigrationBlocked(RuntimeError):
    """The data does not allow a declared index (duplicates under a unique one); nothing was dropped."""


@dataclass
class MigrationReport:
    created: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    differing: list[str] = field(default_factory=list)  # left as they are when replacing is not allowed
    unknown: list[str] = field(default_factory=list)


def migrate(
    database: Database,
    declared: Mapping[str, tuple[IndexSpec, ...]] = COLLECTION_INDEXES,
    replace: bool = True,
) -> MigrationReport:
    """`replace=False` only creates what is missing, for a database someone else's deploy owns."""
    report = MigrationReport()
    for collection_name, specs in declared.items():
        _migrate_collection(database[collection_name], specs, report, replace)
    logger.info(
        "index migration done",
        extra={"database": database.name, **{f"indexes_{k}": len(v) for k, v in vars(report).items()}},
    )
    return report


def _migrate_collection(
    collection: Collection, specs: tuple[IndexSpec, ...], report: MigrationReport, replace: bool
) -> None:
    existing = {index["name"]: index for index in collection.list_indexes()}
    for spec in specs:
        label = f"{collection.name}.{spec.name}"
        current = existing.get(spec.name)
        twin = next((name for name, index in existing.items() if _matches(index, spec)), None)
        if twin is not None:  # the declared index, possibly under an older name: nothing to rebuild
            report.unchanged.append(label if twin == spec.name else f"{label} (as {twin})")
            continue
        stale = [index for index in existing.values() if index is current or _conflicts(index, spec)]
        if not stale:
            _create(collection, spec)
            report.created.append(label)
        elif not replace:
            logger.warning("an index differs from its declaration", extra={"index": label})
            report.differing.append(label)
        elif current is not None and _only_ttl_differs(current, spec) and _retune_ttl(collection, spec):
            report.replaced.append(label)
        else:
            _swap(collection, stale, spec)
            report.replaced.append(label)
    declared_keys = {spec.keys for spec in specs}
    for name, index in existing.items():
        if name != "_id_" and name not in {spec.name for spec in specs} and _key(index) not in declared_keys:
            logger.info("leaving an undeclared index alone", extra={"index": f"{collection.name}.{name}"})
            report.unknown.append(f"{collection.name}.{name}")


def _create(collection: Collection, spec: IndexSpec) -> None:
    if spec.unique:
        _refuse_duplicates(collection, spec)
    collection.create_index(list(spec.keys), name=spec.name, **spec.options())


def _retune_ttl(collection: Collection, spec: IndexSpec) -> bool:
    """A TTL change in place (collMod), with no moment without the index; False where unsupported."""
    command = {
        "collMod": collection.name,
        "index": {"name": spec.name, "expireAfterSeconds": spec.expire_after_seconds},
    }
    try:
        collection.database.command(command)
    except NotImplementedError:  # mongomock
        return False
    return True


def _swap(collection: Collection, stale: list[Mapping[str, Any]], spec: IndexSpec) -> None:
    """Drops what stands in the way, builds the declared index, and puts the old ones back if that fails."""
    from pymongo.errors import OperationFailure, PyMongoError

    if spec.unique:
        _refuse_duplicates(collection, spec)  # before anything is dropped
    for index in stale:
        logger.warning(
            "replacing an index that differs from its declaration",
            extra={"index": f"{collection.name}.{index['name']}", "found": _shape(index)},
        )
        try:
            collection.drop_index(index["name"])
        except OperationFailure as error:
            if error.code != INDEX_NOT_FOUND:  # a concurrent migration dropped it first
                raise
    try:
        collection.create_index(list(spec.keys), name=spec.name, **spec.options())
    except PyMongoError:
        for index in stale:
            options = {option: index[option] for option in COMPARED_OPTIONS if option in index}
            collection.create_index(list(index["key"].items()), name=index["name"], **options)
        raise


def _refuse_duplicates(collection: Collection, spec: IndexSpec) -> None:
    group = {field: f"${field}" for field, _ in spec.keys}
    duplicate = next(
        iter(
            collection.aggregate(
                [
                    {"$group": {"_id": group, "count": {"$sum": 1}}},
                    {"$match": {"count": {"$gt": 1}}},
                    {"$limit": 1},
                ]
            )
        ),
        None,
    )
    if duplicate is not None:
        raise MigrationBlocked(
            f"{collection.name}.{spec.name} must be unique, but {duplicate['count']} documents share "
            f"{duplicate['_id']}: resolve the duplicates, then migrate again (nothing was changed)"
        )


def _key(index: Mapping[str, Any]) -> tuple[tuple[str, Any], ...]:
    """Directions as ints (servers may report 1.0); special kinds ("text", "2dsphere") as they are."""
    return tuple(
        (name, int(kind) if isinstance(kind, int | float) else kind) for name, kind in index["key"].items()
    )


def _shape(index: Mapping[str, Any]) -> dict[str, Any]:
    """Keys and the options that matter; false flags (`unique: false`, `sparse: false`) are defaults."""
    options = {
        option: index[option]
        for option in COMPARED_OPTIONS
        if index.get(option) is not None and index.get(option) is not False  # 0 is a TTL, not a default
    }
    return {"key": _key(index), **options}


def _matches(index: Mapping[str, Any], spec: IndexSpec) -> bool:
    return _shape(index) == {"key": spec.keys, **spec.options()}


def _conflicts(index: Mapping[str, Any], spec: IndexSpec) -> bool:
    """The server refuses a second index on the same keys unless a partial filter or collation tells them
    apart; the declared ones have neither."""
    return _key(index) == spec.keys and not any(option in index for option in SCOPING_OPTIONS)


def _only_ttl_differs(index: Mapping[str, Any], spec: IndexSpec) -> bool:
    if "expireAfterSeconds" not in index or spec.expire_after_seconds is None:
        return False
    shape = _shape(index)
    shape["expireAfterSeconds"] = spec.expire_after_seconds
    return shape == {"key": spec.keys, **spec.options()}
