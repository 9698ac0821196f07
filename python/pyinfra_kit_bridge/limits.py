"""How much a connector may hand the kit: hosts per request and bytes of answer. A runaway
generator or a giant value ends with an error naming the connector, not with the bridge or the
client running out of memory."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any, Iterable

from .errors import BridgeFault
from .lineage import Inherited

DEFAULT_MAX_HOSTS = 1_000_000
DEFAULT_MAX_ANSWER_BYTES = 1 << 30
# one host is one message line; the client (Node) cannot hold a string of 512 MB
MAX_HOST_BYTES = 64 << 20


@dataclass
class Limits:
    max_hosts: int = DEFAULT_MAX_HOSTS
    max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES

    @classmethod
    def of(cls, params: dict) -> "Limits":
        given = params.get("limits") or {}
        return cls(int(given.get("hosts") or DEFAULT_MAX_HOSTS), int(given.get("answerBytes") or DEFAULT_MAX_ANSWER_BYTES))


def text_size(value: Any) -> int:
    """The characters of the strings in JSON-safe data: a cheap lower bound of its size as JSON, so a
    giant value is refused before a second copy of it is encoded."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, dict):
        return sum(len(key) + text_size(item) for key, item in value.items())
    if isinstance(value, list):
        return sum(text_size(item) for item in value)
    return 8


def limit_error(message: str) -> BridgeFault:
    return BridgeFault("limit", message)


def too_many_hosts(what: str, max_hosts: int) -> BridgeFault:
    return limit_error(f"{what} yielded more than {max_hosts:,} hosts, the limit (--max-hosts; setting pyinfraConnectors.maxHosts)")


def bounded_items(items: Iterable, what: str) -> list:
    """What make_names_data yields as a list, at most the request's host limit of it: an endless generator ends with the
    limit's error, not with the worker's memory."""
    max_hosts = current().max_hosts
    taken = list(itertools.islice(items, max_hosts + 1))
    if len(taken) > max_hosts:
        raise too_many_hosts(what, max_hosts)
    return taken


_limits: Inherited[Limits] = Inherited()


def attach(limits: Limits) -> None:
    _limits.attach(limits)


def current() -> Limits:
    return _limits.current() or Limits()
