"""One bridge request in this one process, for a `pyinfra-connector` debug session.

debugpy's launcher starts this file as the debuggee (``GEVENT_SUPPORT=True``, set by the launch's
``"gevent": true``): ``debug_entry.py REQUEST_JSON RESULT_FILE``. It runs the request through the
bridge's own handlers, set up as in a worker (server.prepare) but with no worker process, so a
breakpoint anywhere in connector code is in the process debugpy watches. Output lines go to stdout (the debug console),
and whatever the connector writes to stdout or stderr itself, with secrets scrubbed as the bridge's log has them; the reply, exactly as the
bridge would send it, goes to RESULT_FILE for the extension to show when the session ends.
The normal bridge never imports this module, nor debugpy.
"""

from __future__ import annotations

import json
import os
import sys
from contextlib import contextmanager, suppress
from typing import Iterator


class _ScrubbedDescriptors:
    """File descriptors 1 and 2 of this process through pipes, relayed to the debug console as a worker's output is
    relayed to the bridge's log (output_relay.py): secrets scrubbed, held while a call that can yield new ones runs.
    A thread of its own reads them, untraced: a real one, since a greenlet reads only when the connector yields, and
    a connector printing more than a pipe holds would wait for it forever."""

    def __init__(self, name: str) -> None:
        from gevent import monkey

        from .masking import scrubber
        from .output_relay import OutputRelay

        self._select = monkey.get_original("select", "select")
        self._lock = monkey.get_original("_thread", "allocate_lock")()
        self._ended = monkey.get_original("_thread", "allocate_lock")()
        self._ended.acquire()
        self._holding: set[int] = set()
        self._saved: dict[int, int] = {}
        self._relays = {}
        for fd in (1, 2):
            read_end, write_end = os.pipe()
            saved = os.dup(fd)
            os.dup2(write_end, fd)
            os.close(write_end)
            self._saved[fd] = saved
            self._relays[read_end] = OutputRelay(read_end, name, lambda text, to=saved: _write_all(to, text), scrubber)
        for stream in (sys.stdout, sys.stderr):
            stream.reconfigure(line_buffering=True)  # a pipe now: each print shows as it is made
        monkey.get_original("_thread", "start_new_thread")(self._pump, ())

    def _pump(self) -> None:
        debugpy = sys.modules.get("debugpy")
        if debugpy is not None:
            debugpy.trace_this_thread(False)
        try:
            open_ends = set(self._relays)
            while open_ends:
                readable, _, _ = self._select(list(open_ends), [], [])
                for fd in readable:
                    chunk = os.read(fd, 1 << 16)
                    with self._lock:
                        if chunk:
                            self._relays[fd].push(chunk)
                        else:
                            open_ends.discard(fd)
                            os.close(fd)
        finally:
            self._ended.release()

    def call(self, call: int, holds_output: bool) -> None:
        if holds_output:
            with self._lock:
                self._holding.add(call)
                self._hold()

    def done(self, call: int) -> None:
        with self._lock:
            self._holding.discard(call)
            self._hold()

    def _hold(self) -> None:
        for relay in self._relays.values():
            relay.hold(bool(self._holding))

    def close(self) -> None:
        """Back to the launcher's descriptors; what the pipes still hold is passed on (a detached child that keeps
        them open cannot hold the session: half a second at most)."""
        # what is still buffered goes through the pipes; a connector's own sys.stdout may be closed or half-made
        for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
            with suppress(AttributeError, OSError, ValueError):
                stream.flush()
        for fd, saved in self._saved.items():
            os.dup2(saved, fd)
        pumped_all = self._ended.acquire(timeout=0.5)
        with self._lock:
            self._holding.clear()
            self._hold()
            for relay in self._relays.values():
                relay.end_line()
        if pumped_all:  # else the thread may still pass on what a detached child writes
            for saved in self._saved.values():
                os.close(saved)


def _targets(params: dict) -> str:
    """The request's connector targets, as the relay names them."""
    given = params.get("targets") or [selector.get("target") for selector in params.get("selectors") or []] or [params.get("target")]
    return ", ".join(str(target) for target in given if target) or "the request"


def _write_all(fd: int, text: bytes) -> None:
    view = memoryview(text)
    while view:
        view = view[os.write(fd, view):]


class _RecordingChannel:
    """Stands in for the bridge's socket channel: prints output, keeps the reply, tells the relay of fds 1 and 2
    which calls may yield new secrets (as a worker tells its parent)."""

    def __init__(self, descriptors: _ScrubbedDescriptors) -> None:
        self.reply: dict | None = None
        self._descriptors = descriptors

    def send(self, message: dict) -> None:
        method, params = message.get("method"), message.get("params") or {}
        if method == "output":
            stream = sys.stderr if params.get("stream") == "stderr" else sys.stdout
            stream.write(f"[{params.get('host')}] {params.get('line')}\n")
        elif method == "_call":
            self._descriptors.call(params["call"], bool(params.get("holdOutput")))
        elif method == "_done":
            self._descriptors.done(params["call"])
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

    params = {"cwd": os.getcwd(), **(request.get("params") or {})}  # as the supervisor fills it in
    descriptors = _ScrubbedDescriptors(_targets(params))
    try:
        channel = _RecordingChannel(descriptors)
        server._handle(channel, {"id": 1, "method": request["method"], "params": params}, {})
    finally:
        descriptors.close()
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
