"""What sam build ships: sizes, fresh unchecked-hash bytecode for every module, no boto3 in a layer."""

from __future__ import annotations

import ast
import importlib.util
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from scripts.invoke_built import BUILD_DIR
from scripts.template_model import functions, layer_ids

pytestmark = pytest.mark.built

FUNCTION_LIMIT = 100_000
LAYER_LIMIT = 60_000_000
UNCHECKED_HASH = 0b01  # PEP 552 flags: hash-based, check_source unset
FUNCTIONS = {spec.logical_id: spec for spec in functions()}
TARGETS = [*FUNCTIONS, *layer_ids()]


def size_of(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def cached_name(source: Path) -> Path:
    return Path(importlib.util.cache_from_source(str(source)))


@pytest.mark.parametrize("function_id", sorted(FUNCTIONS))
def test_a_function_ships_only_its_modules_and_their_bytecode(function_id):
    built = BUILD_DIR / function_id
    modules = sorted(path.name for path in FUNCTIONS[function_id].code_dir.glob("*.py"))
    expected = {*modules, *(str(cached_name(built / name).relative_to(built)) for name in modules)}
    # deploy_inputs.json: SettingsRevision and SnapStart in the code, so a change publishes a version.
    expected.add("deploy_inputs.json")
    shipped = {str(path.relative_to(built)) for path in built.rglob("*") if path.is_file()}
    assert shipped == expected
    inputs = json.loads((built / "deploy_inputs.json").read_text())
    assert inputs == {"settings_revision": "1", "snapstart": "off"}  # samconfig's dev stage
    assert size_of(built) < FUNCTION_LIMIT


@pytest.mark.parametrize("layer_id", layer_ids())
def test_a_layer_is_a_python_folder_under_the_size_limit(layer_id):
    built = BUILD_DIR / layer_id
    assert [path.name for path in built.iterdir()] == ["python"]
    assert size_of(built) < LAYER_LIMIT, f"{layer_id} is {size_of(built) / 1e6:.1f} MB unzipped"


@pytest.mark.parametrize("target", TARGETS)
def test_every_module_has_fresh_unchecked_hash_bytecode(target):
    """Timestamp .pyc would be stale in SAM's 1980-dated zip; a stale unchecked one would run old code."""
    problems = []
    for source in sorted((BUILD_DIR / target).rglob("*.py")):
        cached = cached_name(source)
        if not cached.is_file():
            problems.append(f"no bytecode: {source}")
            continue
        header = cached.read_bytes()[:16]
        if header[:4] != importlib.util.MAGIC_NUMBER:
            problems.append(f"not this interpreter's (the runtime's) bytecode: {cached}")
        elif int.from_bytes(header[4:8], "little") != UNCHECKED_HASH:
            problems.append(f"not unchecked-hash: {cached}")
        elif header[8:16] != importlib.util.source_hash(source.read_bytes()):
            problems.append(f"stale: {cached}")
    assert not problems, "\n".join(problems[:20])


def test_boto3_is_left_to_the_lambda_runtime():
    shipped = {path.name for path in (BUILD_DIR / "DependenciesLayer" / "python").iterdir()}
    assert not shipped & {"boto3", "botocore", "s3transfer"}


def test_the_deployed_layers_ship_no_test_doubles():
    shipped = {path.name for layer in layer_ids() for path in (BUILD_DIR / layer / "python").iterdir()}
    assert not shipped & {"mongomock", "moto", "secantus"}


def test_stripe_params_stripped_from_the_layer_are_only_imported_for_type_checking():
    """The layer Makefile deletes stripe/params; this fails if a stripe upgrade starts importing it."""
    stripe = BUILD_DIR / "DependenciesLayer" / "python" / "stripe"
    assert not (stripe / "params").exists()
    found = []
    for source in stripe.rglob("*.py"):
        for node in runtime_imports(ast.parse(source.read_bytes()).body):
            names = [alias.name for alias in node.names]
            if isinstance(node, ast.ImportFrom):
                names.append(node.module or "")
            if any("params" in name.split(".") for name in names):
                found.append(f"{source}:{node.lineno}")
    assert not found, found[:10]


def runtime_imports(nodes: Iterable[ast.AST]) -> Iterator[ast.Import | ast.ImportFrom]:
    """Import statements outside `if TYPE_CHECKING:` blocks (their else branches do run)."""
    for node in nodes:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            yield from runtime_imports(node.orelse)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        else:
            yield from runtime_imports(ast.iter_child_nodes(node))


def test_every_package_in_the_layer_is_pinned_in_the_constraints():
    """What Lambda gets is exactly what the tests ran against: no unpinned transitive package."""
    constraints = Path(__file__).resolve().parents[2] / "layers" / "dependencies" / "constraints.txt"
    pinned = {
        line.split("==")[0].lower().replace("_", "-"): line.split("==")[1].strip()
        for line in constraints.read_text().splitlines()
        if "==" in line and not line.startswith("#")
    }
    shipped = {}
    for dist_info in (BUILD_DIR / "DependenciesLayer" / "python").glob("*.dist-info"):
        name, version = dist_info.name.removesuffix(".dist-info").rsplit("-", 1)
        shipped[name.lower().replace("_", "-")] = version
    assert shipped == pinned


def test_the_shared_layer_ships_every_page_template_compiled_by_the_layers_jinja2():
    """routes/http_response/page_templates.py reads them only when this holds, else compiles on first render."""
    pages = BUILD_DIR / "SharedLayer" / "python" / "saas_billing" / "routes" / "http_response"
    compiled = pages / "templates_compiled"
    templates = list((pages / "templates").glob("*.html"))
    assert len(list(compiled.glob("tmpl_*.py"))) == len(templates) > 5
    jinja2_init = (BUILD_DIR / "DependenciesLayer" / "python" / "jinja2" / "__init__.py").read_text()
    assert f'__version__ = "{(compiled / "compiled_by_jinja2").read_text()}"' in jinja2_init
    compiled_at = (compiled / "compiled_by_jinja2").stat().st_mtime
    assert all(template.stat().st_mtime <= compiled_at for template in templates)
