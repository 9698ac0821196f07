"""Line-delimited JSON on the private socket the Node client passed as an extra fd."""

from __future__ import annotations

import json
import os
import socket
from typing import Callable, Iterator

from .jsonsafe import json_safe

# bound once: a connector that replaces json.dumps (os.getpid) in its worker must not break the worker's channel
_dumps, _loads = json.dumps, json.loads
_getpid, _exit, _write = os.getpid, os._exit, os.write


class Channel:
    def __init__(self, fd: int, prelude: Callable[[], list[dict]] = list) -> None:
        # notes sent ahead of each message, under its lock: a worker's parent learns the secrets a
        # message may quote before the message (see output_relay.py)
        self._prelude = prelude
        # the process this channel belongs to: a child the connector forked (os.fork, and the child returned or raised
        # instead of exec'ing or exiting) must not answer the request, nor read the next one, in its stead
        self._pid = _getpid()
        # after gevent's monkey patching this is a cooperative socket: reading it never blocks
        # the greenlets that are running connectors
        self._sock = socket.socket(fileno=fd)
        import threading

        self._lock = threading.Lock()  # patched: a gevent lock, so two greenlets never interleave a message

    def messages(self) -> Iterator[dict]:
        buffer = b""
        while True:
            chunk = self._sock.recv(65536)
            self._only_in_its_process()
            if not chunk:
                return
            buffer += chunk
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                if line.strip():
                    yield _loads(line)

    def send(self, message: dict) -> None:
        self.send_line(_dumps(message, ensure_ascii=False, default=json_safe))

    def send_line(self, text: str) -> None:
        """A message already encoded as one line of JSON (without its newline)."""
        self._only_in_its_process()
        with self._lock:
            # the notes and the message in one write
            lines = [_dumps(note, ensure_ascii=False) for note in self._prelude()] + [text]
            self._sock.sendall(("\n".join(lines) + "\n").encode("utf-8", "surrogatepass"))

    def _only_in_its_process(self) -> None:
        if _getpid() != self._pid:
            note = f"pyinfra-kit: process {_getpid()}, which connector code forked from the worker, went on into the kit"
            note += " instead of exec'ing or exiting; it was ended, and the worker's answer is the one that counts\n"
            try:
                _write(2, note.encode())  # fd 2, not sys.stderr: the connector may have replaced or closed it
            except OSError:
                pass
            _exit(0)

    def close(self) -> None:
        try:
            self._sock.close()
        except OSError:
            pass
