"""Output lines sent to the client while a command runs.

pyinfra's connectors print each output line through ``pyinfra.api.output.echo`` when called with
``print_output=True`` (as ``pyinfra ... exec`` does), from reader greenlets spawned by the host's
greenlet. The bridge installs its own echo and finds the host by walking up the greenlets that
spawned the caller. Lines a connector never echoed are sent when its command returns, so the
client always sees every line.
"""

from __future__ import annotations

import sys
import weakref
from collections import Counter
from typing import Callable

import gevent
from pyinfra.api.output import set_echo

Notify = Callable[[str, dict], None]


class HostStream:
    def __init__(self, request_id: int, host, notify: Notify) -> None:
        self.request_id = request_id
        self.host = host
        self._notify = notify
        self._sent: Counter = Counter()
        # local processes started while running for this host, so a cancelled run can stop them
        self.processes: list = []

    def line(self, stream: str, text: str) -> None:
        self._sent[(stream, text)] += 1
        self._notify("output", {"id": self.request_id, "host": self.host.name, "stream": stream, "line": text})

    def send_missing(self, lines) -> None:
        for line in lines:
            key = (line.buffer_name, line.line)
            if self._sent[key] > 0:
                self._sent[key] -= 1
            else:
                self.line(line.buffer_name, line.line)


_owners: "weakref.WeakKeyDictionary[object, HostStream]" = weakref.WeakKeyDictionary()


def attach(stream: HostStream) -> None:
    """Marks the current greenlet, and every greenlet it spawns, as running for this host."""
    _owners[gevent.getcurrent()] = stream


def _owner_of(greenlet) -> HostStream | None:
    while greenlet is not None:
        owner = _owners.get(greenlet)
        if owner is not None:
            return owner
        parent = getattr(greenlet, "spawning_greenlet", None)
        greenlet = parent() if parent is not None else None
    return None


def _echo(message=None, err: bool = False, **_kwargs) -> None:
    current = gevent.getcurrent()
    owner = _owner_of(current)
    text = "" if message is None else str(message)
    if owner is None:
        sys.stderr.write(text + "\n")
        return
    # pyinfra's reader greenlets are spawned as read_buffer("stdout"|"stderr", ...)
    args = getattr(current, "args", ())
    stream = args[0] if args and args[0] in ("stdout", "stderr") else ("stderr" if err else "stdout")
    prefix = owner.host.print_prefix
    for line in text.split("\n"):
        owner.line(stream, line[len(prefix) :] if line.startswith(prefix) else line)


def _track_processes() -> None:
    from gevent import subprocess

    started = subprocess.Popen.__init__

    def tracked(popen, *args, **kwargs) -> None:
        started(popen, *args, **kwargs)
        owner = _owner_of(gevent.getcurrent())
        if owner is not None:
            owner.processes.append(popen)

    subprocess.Popen.__init__ = tracked


def install() -> None:
    set_echo(_echo)
    _track_processes()
