"""mutmut's command line with shared/ as a source root, as it treats src/: `python tests/support/mutmut_cli.py run`.

The code is imported as `saas_billing.…` (pytest's pythonpath holds shared/), but mutmut 3.8.1 names each
mutant after its file path, `shared.saas_billing.…`, and turns a mutant on only when that name matches the
function's module: run as is, every mutant would survive as "not tested". mutmut drops a leading `src.`
from those names itself; this drops `shared.` the same way and changes nothing else.

Run as a file, not with -m: importing the `tests` package here would make the suite in mutants/ import this
checkout's tests instead of its own copy.
"""

from __future__ import annotations

import sys

from mutmut.utils import format_utils

SOURCE_ROOT = "shared."
_strip_prefix = format_utils.strip_prefix


def _strip_source_roots(name: str, *, prefix: str, strict: bool = False) -> str:
    if prefix == "src.":  # only where mutmut turns a file path into a module name
        name = _strip_prefix(name, prefix=SOURCE_ROOT)
    return _strip_prefix(name, prefix=prefix, strict=strict)


if __name__ == "__main__":
    del sys.path[0]  # this file's folder: its modules must not shadow the suite's
    format_utils.strip_prefix = _strip_source_roots
    from mutmut.__main__ import cli

    cli(prog_name="mutmut")
