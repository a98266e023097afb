"""Runs a built Lambda handler inside a clean `python -I -S -B` interpreter, the way the runtime would.

Stdlib only: it runs before anything from the build is importable. Its one argument is a JSON object
{"path": [...], "site": [...], "handler": "module.attr"}: `path` goes before the stdlib (function code,
then layers, like /var/task and /opt/python) and `site` after it (the runtime's own boto3).

Protocol, one JSON object per line: the driver first writes {"ready": true, "init_ms": ...} after the
handler's import (the cold start) or {"ready": false, "error": ...}; then for each request line
{"event": {...}, "repeat": n} it invokes the handler n times and writes {"response": <last response>,
"timings_ms": [...], "maxrss_kb": ...} or {"error": ...}. The app's own stdout (its JSON logs) is sent
to stderr so it cannot corrupt the protocol.
"""

import time

STARTED = time.perf_counter()

import importlib  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import traceback  # noqa: E402


class FakeContext:
    """The attributes Mangum and the app read from Lambda's context object."""

    def __init__(self, function_name: str, request_number: int) -> None:
        self.function_name = function_name
        self.function_version = "$LATEST"
        self.memory_limit_in_mb = int(os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512"))
        self.invoked_function_arn = f"arn:aws:lambda:us-east-1:123456789012:function:{function_name}"
        self.aws_request_id = f"local-{request_number:06d}"
        self.log_group_name = f"/aws/lambda/{function_name}"
        self.log_stream_name = "local"
        self._deadline = time.monotonic() + 20

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self._deadline - time.monotonic()) * 1000))


def peak_rss_kb() -> int:
    """VmHWM: this process's own peak. ru_maxrss is not it on Linux: it survives execve, so a child of a
    large parent reports the parent's peak."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def describe(error: BaseException) -> dict:
    return {
        "type": type(error).__name__,
        "message": str(error),
        "traceback": "".join(traceback.format_exception(error)),
    }


def main() -> int:
    config = json.loads(sys.argv[1])
    protocol = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr

    def send(message: dict) -> None:
        protocol.write(json.dumps(message, default=str) + "\n")

    sys.path[:0] = config["path"]
    sys.path.extend(config["site"])
    module_name, attribute = config["handler"].rsplit(".", 1)
    before_import = time.perf_counter()
    try:
        handler = getattr(importlib.import_module(module_name), attribute)
    except BaseException as error:
        send({"ready": False, "error": describe(error)})
        return 1
    now = time.perf_counter()
    send(
        {
            "ready": True,
            "init_ms": (now - before_import) * 1000,
            "driver_ms": (before_import - STARTED) * 1000,
            # What init imported beyond the stdlib (top-level names): the bench lists it per function.
            # A None entry marks a module as absent (infra/db/__init__.py), not imported.
            "packages": sorted(
                {name.split(".")[0] for name, module in sys.modules.items() if module}
                - set(sys.stdlib_module_names)
                - {"__main__"}
            ),
        }
    )

    function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME", "local")
    count = 0
    for line in sys.stdin:
        request = json.loads(line)
        timings = []
        try:
            for _ in range(int(request.get("repeat", 1))):
                count += 1
                start = time.perf_counter()
                response = handler(request["event"], FakeContext(function_name, count))
                timings.append((time.perf_counter() - start) * 1000)
        except Exception as error:
            send({"error": describe(error), "timings_ms": timings})
            continue
        maxrss_kb = peak_rss_kb()
        send({"response": response, "timings_ms": timings, "maxrss_kb": maxrss_kb})
    return 0


if __name__ == "__main__":
    sys.exit(main())
