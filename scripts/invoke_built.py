"""Runs a function built by `sam build` the way Lambda would, without Docker.

python -m scripts.invoke_built CatalogFunction events/catalog/list_products.json [--env NAME=VALUE ...]

Each run is a fresh `python -I -S -B` (no venv site-packages, no user site, no bytecode writes, as on
Lambda's read-only /var/task) whose sys.path is the function's build folder, then each layer's python/
folder in template order, the stdlib, then a folder holding only the boto3 family the runtime provides.
The environment is built from scratch: only explicitly passed variables reach the function.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from scripts.local_mongo import LocalMongo
from scripts.template_model import ROOT, functions

BUILD_DIR = ROOT / ".aws-sam" / "build"
RUNTIME_SITE = ROOT / ".aws-sam" / "runtime-boto3"
DRIVER = Path(__file__).with_name("lambda_driver.py")
# What the python3.13 runtime ships besides the stdlib (boto3 and its dependencies).
RUNTIME_PACKAGES = ("boto3", "botocore", "s3transfer", "jmespath", "dateutil", "six", "urllib3")
# Variables the CLI forwards from the caller's environment when set; nothing else leaks in.
PASS_THROUGH = (
    "APP_STAGE",
    "MONGODB_URI",
    "MONGODB_DATABASE",
    "APP_NAME",
    "SETTINGS_SSM_PATH",
    "LOG_LEVEL",
    "AWS_DEFAULT_REGION",
    "AWS_REGION",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_SSM",
)


class InvokeError(RuntimeError):
    """The child failed its cold start, an invoke raised, or it did not answer in time."""


@dataclass(frozen=True)
class LambdaRoot:
    """What one function needs at runtime: a name, a handler and its sys.path entries, in order."""

    name: str
    handler: str
    path: tuple[Path, ...]

    @property
    def task_root(self) -> Path:
        return self.path[0]


def built_root(function_id: str, build_dir: Path = BUILD_DIR) -> LambdaRoot:
    for spec in functions():
        if spec.logical_id == function_id:
            layers = tuple(build_dir / layer / "python" for layer in spec.layers)
            root = LambdaRoot(function_id, spec.handler, (build_dir / function_id, *layers))
            missing = [str(p) for p in root.path if not p.is_dir()]
            if missing:
                raise InvokeError(f"not built (run `make build`): {', '.join(missing)}")
            return root
    raise InvokeError(f"no function {function_id!r} in template.yaml")


def runtime_site() -> Path:
    """Symlinks the runtime's boto3 family from this venv into one folder, once."""
    RUNTIME_SITE.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_PACKAGES:
        spec = importlib.util.find_spec(name)
        if spec is None or spec.origin is None:
            raise InvokeError(f"{name} is not installed in {sys.prefix}; run `make venv`")
        origin = Path(spec.origin)
        source = origin.parent if origin.name == "__init__.py" else origin
        link = RUNTIME_SITE / source.name
        if link.is_symlink() and link.resolve() == source.resolve():
            continue
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(source)
    return RUNTIME_SITE


def lambda_env(root: LambdaRoot, env: dict[str, str] | None = None) -> dict[str, str]:
    """A Lambda-like environment; APP_STAGE defaults to the offline local stage (marked as emulated)."""
    base = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "TZ": ":UTC",
        "LAMBDA_TASK_ROOT": str(root.task_root),
        "AWS_LAMBDA_FUNCTION_NAME": root.name,
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "512",
        # No AWS profile of the developer's machine may leak into the function.
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "APP_STAGE": "local",
    }
    merged = {**base, **(env or {})}
    if merged["APP_STAGE"] == "local" and "AWS_LAMBDA_FUNCTION_NAME" not in (env or {}):
        # Lambda refuses the local stage; like `sam local invoke`, this offline run says it is an emulator.
        merged["AWS_SAM_LOCAL"] = "true"
    return merged


@dataclass
class BuiltFunction:
    """One warm container: a child interpreter that keeps the imported handler for several invokes."""

    root: LambdaRoot
    env: dict[str, str] | None = None
    timeout: float = 60.0
    stderr: IO[bytes] | int | None = None
    init: dict[str, Any] = field(default_factory=dict, init=False)

    def __enter__(self) -> BuiltFunction:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> dict[str, Any]:
        """Starts the child and waits for its cold start; raises InvokeError if the import failed."""
        config = {
            "path": [str(p) for p in self.root.path],
            "site": [str(runtime_site())],
            "handler": self.root.handler,
        }
        self._own_log = self.stderr is None
        self._log = tempfile.TemporaryFile() if self.stderr is None else self.stderr  # noqa: SIM115
        self._process = subprocess.Popen(
            [sys._base_executable, "-I", "-S", "-B", str(DRIVER), json.dumps(config)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,
            cwd=self.root.task_root,
            env=lambda_env(self.root, self.env),
            text=True,
        )
        self._lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()
        self.init = self._receive()
        if not self.init.get("ready"):
            self.close()
            raise InvokeError(self._describe(self.init["error"]))
        return self.init

    def _pump(self) -> None:
        assert self._process.stdout is not None
        for line in self._process.stdout:
            self._lines.put(line)
        self._lines.put(None)

    def _receive(self) -> dict[str, Any]:
        try:
            line = self._lines.get(timeout=self.timeout)
        except queue.Empty:
            self._process.kill()
            self.close()
            raise InvokeError(f"{self.root.name} did not answer within {self.timeout:.0f} s") from None
        if line is None:
            self._process.wait(timeout=5)
            raise InvokeError(
                f"{self.root.name} exited with {self._process.returncode}: {self.logs()[-2000:]}"
            )
        return json.loads(line)

    def request(self, event: dict[str, Any], repeat: int = 1) -> dict[str, Any]:
        """Invokes `repeat` times; returns the last response, every timing and the child's peak RSS."""
        assert self._process.stdin is not None
        self._process.stdin.write(json.dumps({"event": event, "repeat": repeat}) + "\n")
        self._process.stdin.flush()
        reply = self._receive()
        if "error" in reply:
            raise InvokeError(self._describe(reply["error"]))
        return reply

    def invoke(self, event: dict[str, Any]) -> dict[str, Any]:
        return self.request(event)["response"]

    def logs(self) -> str:
        """What the function wrote (its JSON logs), when stderr was not redirected elsewhere."""
        if not hasattr(self._log, "seek") or self._log.closed:
            return ""
        self._log.flush()
        self._log.seek(0)
        text = self._log.read()
        self._log.seek(0, os.SEEK_END)
        return text.decode(errors="replace") if isinstance(text, bytes) else text

    def _describe(self, error: dict[str, str]) -> str:
        return f"{self.root.name}: {error['type']}: {error['message']}\n{error['traceback']}"

    def close(self) -> None:
        """Ends the child (EOF on its stdin, then a kill if it lingers) and drops its captured logs."""
        process = getattr(self, "_process", None)
        if process is not None and process.poll() is None:
            assert process.stdin is not None
            process.stdin.close()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if getattr(self, "_own_log", False):
            self._log.close()
            self._own_log = False


def run_built(
    function_id: str, event: dict[str, Any], env: dict[str, str] | None = None, timeout: float = 60.0
) -> dict[str, Any]:
    """Cold-starts the built function in a fresh interpreter, invokes it once, returns its response."""
    with BuiltFunction(built_root(function_id), env, timeout) as function:
        return function.invoke(event)


def migrate_local(uri: str, database: str) -> None:
    import pymongo

    from saas_billing.infra.db.migrate import migrate

    with pymongo.MongoClient(uri) as client:
        migrate(client[database])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("function", help="logical id in template.yaml, e.g. CatalogFunction")
    parser.add_argument("event", type=Path, help="an events/*.json file")
    parser.add_argument("--env", action="append", default=[], help="NAME=VALUE for the function, repeatable")
    args = parser.parse_args()
    env = {name: os.environ[name] for name in PASS_THROUGH if name in os.environ}
    env.update(item.split("=", 1) for item in args.env)
    event = json.loads(args.event.read_text())
    with contextlib.ExitStack() as stack:
        configured = {"MONGODB_URI", "MONGODB_HOST", "SETTINGS_SSM_PATH"} & set(env)
        if env.get("APP_STAGE", "local") == "local" and not configured:
            # The layers ship no database stand-in: the local stage gets a throwaway server from this venv,
            # migrated as a deploy would.
            env["MONGODB_URI"] = stack.enter_context(LocalMongo()).uri
            migrate_local(env["MONGODB_URI"], env.get("MONGODB_DATABASE", "saas_billing"))
        try:
            with BuiltFunction(built_root(args.function), env, stderr=sys.stderr.fileno()) as function:
                response = function.invoke(event)
        except InvokeError as error:
            sys.exit(str(error))
    print(json.dumps(response, indent=2))


if __name__ == "__main__":
    main()
