"""The hosts of an inventory request, sent to the client while make_names_data is still yielding.

Each item is sent as pyinfra's Inventory will show it once it is built: for a connector's host,
``Host.data.dict()`` is its data overridden by ``--data`` (the kit gives pyinfra no group or global
data) and its groups are the ones yielded. Hosts go out in "hosts" notifications, the first within
50 ms, so the first of 100,000 hosts reaches the tree at once. When pyinfra's Inventory is built,
its answer is the one that counts: each host's data and groups are compared with what was sent, and
a host whose differ (a connector that changed a dict after yielding it) is sent again, as pyinfra has
it, in a "hostsChanged" notification. Hosts of bare hostnames, which no connector yields, are sent
then too.
"""

from __future__ import annotations

import json
import time
from array import array
from typing import Any, Callable

import gevent

from . import limits
from .jsonsafe import json_safe, short_repr
from .masking import mask_secrets

# one encoder for every host (json.dumps with an option builds a new one per call); bound once, as in channel.py
_dumps = json.JSONEncoder(ensure_ascii=False).encode
# the first chunk small, so the first hosts show at once; then fewer, larger messages
FIRST_CHUNK, CHUNK = 100, 2000
# a chunk is sent at the latest this long after its first host arrived
CHUNK_DELAY_S = 0.05


def _fingerprint(data: dict, groups: list) -> int:
    """Tells whether pyinfra's answer for a host is what was sent, without encoding it again: the
    repr of builtin values shows all they hold (a changed value changes it). Where repr() raises (a
    broken __repr__, data nested past the recursion limit), the text the client is shown of it."""
    try:
        return hash(repr((data, groups)))
    except Exception:
        try:
            return hash(_dumps([json_safe(data), groups]))
        except Exception:  # such a host is always sent again
            return -1


class HostsStream:
    def __init__(self, request_id: int, send_line: Callable[[str], None], show_secrets: bool, override: dict) -> None:
        self._request_id = request_id
        self._send_line = send_line
        self._show_secrets = show_secrets
        self._override = override
        self._allowed = limits.current()
        self._chunk: list[str] = []
        self._chunk_due = 0.0
        self._sent = 0
        self._size = 0
        self._fingerprints = array("q")
        self._flusher = gevent.spawn(self._flush_while_waiting)

    def yielded(self, target: str, name: str, data: dict, groups: list[str]) -> None:
        """One item make_names_data of ``target`` yielded, already checked (names.py)."""
        merged = {**data, **self._override}
        self._chunk.append(self._encode(target, name, merged, groups))  # first: it refuses a giant host before repr copies it
        self._fingerprints.append(_fingerprint(merged, groups))
        if len(self._chunk) == 1:
            self._chunk_due = time.monotonic() + CHUNK_DELAY_S
        if len(self._chunk) >= (FIRST_CHUNK if self._sent < FIRST_CHUNK else CHUNK) or time.monotonic() >= self._chunk_due:
            self._flush()

    def finish(self, inventory: Any, origins: dict[str, str]) -> int:
        """pyinfra's Inventory is built: sends what differs from what was sent, and what was not; returns the host count."""
        self._flush()
        self._flusher.kill()
        streamed = len(self._fingerprints)
        changed: list[str] = []
        added: list[str] = []
        for index, host in enumerate(inventory):
            data, groups = host.data.dict(), list(host.groups)
            if index < streamed and self._fingerprints[index] == _fingerprint(data, groups) != -1:
                continue
            chunk = changed if index < streamed else added
            chunk.append(self._encode(origins.get(host.name, ""), host.name, data, groups))
            if len(chunk) >= CHUNK:
                self._send("hostsChanged" if chunk is changed else "hosts", chunk)
        self._send("hostsChanged", changed)
        self._send("hosts", added)
        return len(inventory)

    def close(self) -> None:
        self._flusher.kill()

    def _encode(self, target: str, name: str, data: dict, groups: list[str]) -> str:
        shown = json_safe(data)
        if limits.text_size(shown) > limits.MAX_HOST_BYTES:
            raise self._too_big(target, name, shown)
        text = _dumps({"name": name, "data": shown if self._show_secrets else mask_secrets(shown), "groups": groups, "connector": target})
        if len(text) > limits.MAX_HOST_BYTES:
            raise self._too_big(target, name, shown)
        self._size += len(text)
        if self._size > self._allowed.max_answer_bytes:
            raise limits.limit_error(f"{target}: the answer exceeds {self._allowed.max_answer_bytes / 2**20:,.0f} MB, the limit (--max-answer-mb; setting pyinfraConnectors.maxAnswerMB)")
        return text

    @staticmethod
    def _too_big(target: str, name: str, shown: Any) -> BaseException:
        return limits.limit_error(f"{target}: host {short_repr(name)} has {limits.text_size(shown) / 2**20:,.0f} MB of data; a host may have at most {limits.MAX_HOST_BYTES >> 20} MB")

    def _flush(self) -> None:
        chunk, self._chunk = self._chunk, []
        self._sent += len(chunk)
        self._send("hosts", chunk)

    def _send(self, method: str, chunk: list[str]) -> None:
        if chunk:
            self._send_line(f'{{"method": "{method}", "params": {{"id": {self._request_id}, "hosts": [{",".join(chunk)}]}}}}')
            chunk.clear()

    def _flush_while_waiting(self) -> None:
        """A generator that waits between items (a network call, a sleep) still gets its hosts shown."""
        while True:
            gevent.sleep(CHUNK_DELAY_S)
            if self._chunk and time.monotonic() >= self._chunk_due:
                self._flush()
