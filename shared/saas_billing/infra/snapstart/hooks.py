"""Lambda SnapStart: what must not outlive a snapshot is dropped before it or made afresh after a restore.

A SnapStart version runs init once, snapshots the process, and starts every execution environment from
that snapshot. Anything unique made during init would then be shared by all of them (random state, a
generated secret), and a connection open in the snapshot would be a dead socket after the restore. The
runtime's `snapshot_restore_py` module runs the hooks registered with it; anywhere else (tests, make dev,
a function without SnapStart) it is absent and registering only records the hook here, for tests to run.
Settings read at init are kept on purpose: a rotated secret reaches functions through a new version.
"""

from __future__ import annotations

import random
from collections.abc import Callable

try:  # present in Lambda's Python runtimes from 3.12 on
    from snapshot_restore_py import register_after_restore, register_before_snapshot
except ImportError:  # not on Lambda: nothing to register with
    register_after_restore = register_before_snapshot = None

Hook = Callable[[], None]
BEFORE_SNAPSHOT: list[Hook] = []
AFTER_RESTORE: list[Hook] = []


def before_snapshot(hook: Hook) -> Hook:
    """Decorator: run `hook` before the runtime takes the snapshot (after init)."""
    BEFORE_SNAPSHOT.append(hook)
    if register_before_snapshot is not None:
        register_before_snapshot(hook)
    return hook


def after_restore(hook: Hook) -> Hook:
    """Decorator: run `hook` in each execution environment restored from the snapshot, before its first event."""
    AFTER_RESTORE.append(hook)
    if register_after_restore is not None:
        register_after_restore(hook)
    return hook


@after_restore
def reseed_random() -> None:
    """`random` was seeded at interpreter start, i.e. once for every restored environment. (secrets and
    uuid4 read os.urandom on each call, which is safe as it is.)"""
    random.seed()


def run_before_snapshot() -> None:
    """What the runtime does before the snapshot; tests and the bench's checks call it."""
    for hook in list(BEFORE_SNAPSHOT):
        hook()


def run_after_restore() -> None:
    """What the runtime does after a restore; tests call it."""
    for hook in list(AFTER_RESTORE):
        hook()
