"""The Jinja2 environment of the pages, from templates compiled at build time when the layer has them.

Compiling a template (lexing, parsing, generating Python) costs ~15 ms on the first page a container
renders. The shared layer's build (shared/Makefile) runs this module to compile every template into
`templates_compiled/`, which then ships with bytecode like any module; a source checkout has no such folder
and reads the templates themselves. Both use the same options, which decide the generated code
(autoescaping is compiled in).

Compiled code calls jinja2's runtime, and jinja2 ships in the other layer, which SAM may rebuild without
this one: the folder records the jinja2 version that compiled it, and the templates are read from source
when the version differs, or when a template is newer than the compiled folder (one left in a checkout).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jinja2 import BaseLoader, Environment

TEMPLATES = Path(__file__).resolve().parent / "templates"
COMPILED = TEMPLATES.with_name("templates_compiled")
COMPILED_BY = "compiled_by_jinja2"  # in COMPILED: the version of jinja2 that compiled it


def environment() -> Environment:
    import jinja2

    if not _compiled_usable(COMPILED, jinja2.__version__):
        return environment_from_sources()
    return _environment(jinja2.ModuleLoader(COMPILED))


def _compiled_usable(folder: Path, jinja2_version: str) -> bool:
    marker = folder / COMPILED_BY
    try:
        if marker.read_text() != jinja2_version:
            return False
        compiled_at = marker.stat().st_mtime
    except OSError:  # no compiled folder: a source checkout
        return False
    return all(path.stat().st_mtime <= compiled_at for path in TEMPLATES.glob("*.html"))


def environment_from_sources() -> Environment:
    from jinja2 import FileSystemLoader

    return _environment(FileSystemLoader(TEMPLATES))


def _environment(loader: BaseLoader) -> Environment:
    from jinja2 import Environment, select_autoescape

    return Environment(loader=loader, autoescape=select_autoescape(), auto_reload=False)


def compile_templates(target: Path) -> list[str]:
    """Every template compiled into `target` (emptied first); the names compiled."""
    source = environment_from_sources()
    names = source.list_templates(extensions=["html"])
    if target.exists():
        for stale in target.iterdir():
            shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
    source.compile_templates(target, zip=None, filter_func=names.__contains__, ignore_errors=False)
    import jinja2

    (target / COMPILED_BY).write_text(jinja2.__version__)
    return names


def main(target: str) -> int:
    try:
        compiled = compile_templates(Path(target))
    except ImportError:  # a `sam build` run by a Python without jinja2 (make build uses the dev venv's)
        print("jinja2 is not importable: pages will compile their templates on first render", file=sys.stderr)
        return 0
    print(f"compiled {len(compiled)} page templates into {target}")
    return 0


if __name__ == "__main__":  # python -m saas_billing.routes.http_response.page_templates <target folder>
    sys.exit(main(sys.argv[1]))
