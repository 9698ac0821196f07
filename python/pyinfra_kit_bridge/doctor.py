"""`pyinfra-kit doctor`: what an interpreter can do for the kit, as JSON on stdout. Runs with the
standard library alone, so it also reports an interpreter without pyinfra. Each installed
``pyinfra.connectors`` entry point is imported alone, in a process of its own: pyinfra's
``get_all_connectors()`` loads them all at once, so one broken module fails every pyinfra command
(@local included); here it is named with its error and the others still load. It forks: Unix
only, as pyinfra's connectors are."""

from __future__ import annotations

import json
import os
import platform
import select
import signal
import sys
import time
from importlib.metadata import PackageNotFoundError, entry_points, version

from .errors import plain_description

GROUP = "pyinfra.connectors"
IMPORT_TIMEOUT_S = 30


def _describe_loaded(loaded) -> dict:
    return {"handlesExecution": bool(getattr(loaded, "handles_execution", False)) if isinstance(loaded, type) else None}


def _package(name: str, needed_for: str) -> dict:
    try:
        return {"name": name, "version": version(name), "neededFor": needed_for}
    except PackageNotFoundError:
        return {"name": name, "version": None, "neededFor": needed_for}


def _load_in_child(point) -> tuple[int, int]:
    """Forks a child that imports one entry point and writes what it found to a pipe: each import
    sees pyinfra (imported once, before forking) and never another connector's module."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: whatever the import does, it never returns into the doctor
        try:
            os.close(read_end)
            quiet = os.open(os.devnull, os.O_WRONLY)
            os.dup2(quiet, 1)  # a print() at import time must not reach the report on stdout
            os.dup2(quiet, 2)
            try:
                answer = _describe_loaded(point.load())
            except BaseException as error:
                # its text as the bridge shows an error: even when its str() raises, a password in a URL masked
                answer = {"error": plain_description(error)}
            os.write(write_end, json.dumps(answer).encode())
        finally:
            os._exit(0)
    os.close(write_end)
    return pid, read_end


def _exit_text(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by signal {os.WTERMSIG(status)}"
    return f"exit status {os.WEXITSTATUS(status)}"


def _collect(pid: int, read_end: int, deadline: float) -> dict:
    chunks = []
    with os.fdopen(read_end, "rb", buffering=0) as pipe:
        while True:
            ready, _, _ = select.select([pipe], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                return {"error": f"importing it did not finish within {IMPORT_TIMEOUT_S} s"}
            chunk = pipe.read(65536)
            if not chunk:
                break
            chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    if not chunks:
        return {"error": f"the import ended the interpreter ({_exit_text(status)})"}
    return json.loads(b"".join(chunks))


def _connectors() -> list[dict]:
    try:
        import pyinfra.connectors.base  # noqa: F401  (shared by every child instead of imported by each)
    except Exception:
        pass  # reported with the packages; each child then fails on its own
    points = sorted(entry_points(group=GROUP), key=lambda ep: ep.name)
    children = [_load_in_child(point) for point in points]  # all at once
    deadline = time.monotonic() + IMPORT_TIMEOUT_S
    listed = []
    for point, (pid, read_end) in zip(points, children):
        dist = getattr(point, "dist", None)
        listed.append({"name": point.name, "entryPoint": point.value, "distribution": dist.name if dist else None, **_collect(pid, read_end, deadline)})
    return listed


def diagnose() -> dict:
    pyinfra = _package("pyinfra", "everything the kit runs through pyinfra")
    report = {
        "python": {"path": sys.executable, "version": platform.python_version(), "prefix": sys.prefix},
        "packages": [pyinfra, _package("gevent", "pyinfra's parallelism; it comes with pyinfra"), _package("debugpy", "debugging connectors (Debug Connector)")],
        "connectors": _connectors(),
    }
    problems = []
    if pyinfra["version"] is None:
        problems.append(f"pyinfra is not installed for {sys.executable}: {sys.executable} -m pip install 'pyinfra>=3,<4'")
    elif not pyinfra["version"].startswith("3."):
        problems.append(f"pyinfra {pyinfra['version']} is installed; the kit needs pyinfra 3.x: {sys.executable} -m pip install 'pyinfra>=3,<4'")
    for connector in report["connectors"]:
        if "error" in connector:
            problems.append(
                f"the entry point @{connector['name']} ({connector['entryPoint']}) cannot be loaded: {connector['error']}; "
                "pyinfra loads every entry point at once, so each pyinfra command fails until it is fixed or uninstalled"
            )
    report["problems"] = problems
    return report


def main() -> None:
    sys.stdout.write(json.dumps(diagnose()) + "\n")


if __name__ == "__main__":
    main()
