"""One bridge request in this one process, for a `pyinfra-connector` debug session.

debugpy's launcher starts this file as the debuggee (``GEVENT_SUPPORT=True``, set by the launch's
``"gevent": true``): ``debug_entry.py REQUEST_JSON RESULT_FILE``. It runs the request through the
bridge's own handlers, set up as in a worker (server.prepare) but with no worker process, so a
breakpoint anywhere in connector code is in the process debugpy watches. Output lines go to stdout (the debug console); the reply, exactly as the
bridge would send it, goes to RESULT_FILE for the extension to show when the session ends.
The normal bridge never imports this module, nor debugpy.
"""

from __future__ import annotations

import json
import os
import sys
from contextlib import contextmanager
from typing import Iterator


class _RecordingChannel:
    """Stands in for the bridge's socket channel: prints output, keeps the reply."""

    def __init__(self) -> None:
        self.reply: dict | None = None

    def send(self, message: dict) -> None:
        if message.get("method") == "output":
            params = message["params"]
            stream = sys.stderr if params.get("stream") == "stderr" else sys.stdout
            stream.write(f"[{params.get('host')}] {params.get('line')}\n")
        elif "id" in message:
            self.reply = message


def _write(result_file: str, reply: dict) -> None:
    from .jsonsafe import json_safe

    with open(result_file, "w", encoding="utf-8") as out:
        json.dump(reply, out, ensure_ascii=False, default=json_safe)


@contextmanager
def _untraced() -> Iterator[None]:
    """Imports and sets up gevent, pyinfra and the bridge with the debugger's tracing off: traced, they take nearly twice as
    long (bench/debug), and no connector code runs yet (the connector's own module is imported later, traced)."""
    debugpy = sys.modules.get("debugpy")
    if debugpy is None or not debugpy.is_client_connected():
        yield
        return
    debugpy.trace_this_thread(False)
    try:
        yield
    finally:
        debugpy.trace_this_thread(True)


def main(argv: list[str]) -> int:
    request, result_file = json.loads(argv[0]), argv[1]
    with _untraced():
        # as the bridge does: gevent patches before pyinfra (or anything using sockets) loads
        from gevent import monkey

        monkey.patch_all()
        from .startup import check_pyinfra

        problem = check_pyinfra()
        if problem is None:
            from . import server

            server.prepare()
    if problem is not None:
        _write(result_file, {"id": 1, "error": problem})
        sys.stderr.write(problem["message"] + "\n")
        return 3

    channel = _RecordingChannel()
    params = {"cwd": os.getcwd(), **(request.get("params") or {})}  # as the supervisor fills it in
    server._handle(channel, {"id": 1, "method": request["method"], "params": params}, {})
    reply = channel.reply or {"id": 1, "error": {"kind": "exited", "message": "The request ended without a reply"}}
    _write(result_file, reply)
    if "error" in reply:
        sys.stderr.write(f"{reply['error']['message']}\n")
        return 1
    return 0


if __name__ == "__main__":
    # started as a file: the package's parent folder, not the package itself, leads sys.path (as in
    # the bridge, so a workspace module named like a library never shadows it)
    sys.path[0] = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    from pyinfra_kit_bridge.debug_entry import main as run

    sys.exit(run(sys.argv[1:]))
