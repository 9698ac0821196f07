"""`pyinfra-kit doctor`: what an interpreter can do for the kit, as JSON on stdout. Runs with the
standard library alone, so it also reports an interpreter without pyinfra. Each installed
``pyinfra.connectors`` entry point is imported alone, in a process of its own: pyinfra's
``get_all_connectors()`` loads them all at once, so one broken module fails every pyinfra command
(@local included); here it is named with its error and the others still load."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, entry_points, version

GROUP = "pyinfra.connectors"
IMPORT_TIMEOUT_S = 30
# one entry point, loaded in a fresh interpreter: what it is, or why it cannot be loaded
_LOAD_ONE = """
import json, sys
from importlib.metadata import entry_points
point = next(ep for ep in entry_points(group=sys.argv[1]) if ep.name == sys.argv[2])
try:
    loaded = point.load()
except BaseException as error:
    print(json.dumps({"error": f"{type(error).__name__}: {error}"}))
else:
    print(json.dumps({"handlesExecution": bool(getattr(loaded, "handles_execution", False)) if isinstance(loaded, type) else None}))
"""


def _package(name: str, needed_for: str) -> dict:
    try:
        return {"name": name, "version": version(name), "neededFor": needed_for}
    except PackageNotFoundError:
        return {"name": name, "version": None, "neededFor": needed_for}


def _answer(process: subprocess.Popen) -> dict:
    try:
        stdout, stderr = process.communicate(timeout=IMPORT_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        return {"error": f"importing it did not finish within {IMPORT_TIMEOUT_S} s"}
    lines = [line for line in stdout.splitlines() if line.startswith("{")]
    if not lines:
        last = (stderr.strip().splitlines() or [f"exit status {process.returncode}"])[-1]
        return {"error": f"the import ended the interpreter: {last}"}
    return json.loads(lines[-1])


def _connectors() -> list[dict]:
    points = sorted(entry_points(group=GROUP), key=lambda ep: ep.name)
    # all at once: each import costs an interpreter start
    processes = [
        subprocess.Popen([sys.executable, "-c", _LOAD_ONE, GROUP, point.name], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for point in points
    ]
    listed = []
    for point, process in zip(points, processes):
        dist = getattr(point, "dist", None)
        listed.append({"name": point.name, "entryPoint": point.value, "distribution": dist.name if dist else None, **_answer(process)})
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
