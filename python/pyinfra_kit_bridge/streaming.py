"""Output lines sent to the client while a command runs.

pyinfra's connectors print each output line through ``pyinfra.api.output.echo`` when called with
``print_output=True`` (as ``pyinfra ... exec`` does), from reader greenlets spawned by the host's
greenlet. The bridge installs its own echo and finds the host by walking up the greenlets that
spawned the caller. Lines a connector never echoed are sent when its command returns, so the
client always sees every line.
"""

from __future__ import annotations

import sys
from collections import Counter
from typing import Callable

import gevent
from pyinfra.api.output import set_echo

from .lineage import Inherited
from .processes import RemoteCommand, stop_started
from .masking import scrub

Notify = Callable[[str, dict], None]


class HostStream:
    def __init__(self, request_id: int, host, notify: Notify, target: str = "") -> None:
        self.request_id = request_id
        self.host = host
        self.target = target  # the spec the host came from
        self._notify = notify
        self._sent: Counter = Counter()
        # local processes and SSH channels started while running for this host, so a run that is
        # cancelled or timed out can stop them
        self.started: list = []

    def line(self, stream: str, text: str) -> None:
        self._sent[(stream, text)] += 1
        self._notify("output", {"id": self.request_id, "host": self.host.name, "stream": stream, "line": scrub(text)})

    def send_missing(self, lines) -> None:
        for line in lines:
            key = (line.buffer_name, line.line)
            if self._sent[key] > 0:
                self._sent[key] -= 1
            else:
                self.line(line.buffer_name, line.line)

    def stop_started(self) -> None:
        """Stops whatever is still running of what this host's calls started."""
        stop_started(self.started)
        self.started.clear()


_owners: Inherited[HostStream] = Inherited()


def attach(stream: HostStream) -> None:
    """Marks the current greenlet, and every greenlet it spawns, as running for this host."""
    _owners.attach(stream)


def _echo(message=None, err: bool = False, **_kwargs) -> None:
    current = gevent.getcurrent()
    owner = _owners.current()
    text = "" if message is None else str(message)
    if owner is None:
        sys.stderr.write(text + "\n")
        return
    # pyinfra's reader greenlets are spawned as read_buffer("stdout"|"stderr", ...)
    args = getattr(current, "args", ())
    stream = args[0] if args and args[0] in ("stdout", "stderr") else ("stderr" if err else "stdout")
    prefix = owner.host.print_prefix
    # the prefix first: a host name holding a newline must not split the line it prefixes
    if text.startswith(prefix):
        text = text[len(prefix) :]
    for line in text.split("\n"):
        owner.line(stream, line[len(prefix) :] if line.startswith(prefix) else line)


def _track_started(started) -> bool:
    """Keeps what a host's call started; a remote command only when pyinfra's own @ssh started it
    (a custom connector's commands on paramiko are its own business)."""
    owner = _owners.current()
    if owner is None:
        return False
    if isinstance(started, RemoteCommand) and not isinstance(getattr(owner.host, "connector", None), _ssh_connector()):
        return False
    owner.started.append(started)
    return True


def _ssh_connector() -> type:
    from pyinfra.connectors.ssh import SSHConnector

    return SSHConnector


def install() -> None:
    from .processes import track_processes

    set_echo(_echo)
    track_processes(_track_started)
