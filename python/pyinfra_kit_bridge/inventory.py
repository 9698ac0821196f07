"""Targets -> pyinfra's own ``Inventory``, built exactly as pyinfra builds it for ``@connector/arg``.

pyinfra resolves ``@name`` through its connector registry. Each target's class (entry point,
workspace file or module) is registered under a private name for the duration of one
``Inventory(...)`` call, so pyinfra itself calls ``make_names_data(arg)``, merges data and groups,
and picks the execution connector (the class itself, or SSH for an inventory-only connector).
"""

from __future__ import annotations

import gc
import itertools
import json
import os
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from pyinfra.api.inventory import Inventory

from . import limits, pyinfra_compat
from .deadlines import connector_call
from .errors import usage
from .jsonsafe import json_safe, short_repr
from .loader import load_module_class, workspace_loader
from .masking import mask_secrets, remember_secrets
from .names import validated_names_data
from .registry import registry
from .targets import Target, parse_target

_dumps = json.dumps  # bound once, as in channel.py
_private_names = itertools.count(1)
_registered: dict[str, Any] = {}  # private name -> names source (for make_names_data)
_registered_execution: dict[str, Any] = {}  # private name -> connector class (handles_execution)


def _all_connectors() -> dict[str, Any]:
    return {"ssh": registry.load("ssh"), **_registered}


def _execution_connectors() -> dict[str, Any]:
    return {"ssh": registry.load("ssh"), **_registered_execution}


pyinfra_compat.patch_connector_lookup(_all_connectors, _execution_connectors)


class _GroupMembers(list):
    """A group's host list whose membership test is by identity in O(1), as Host has no __eq__:
    pyinfra's make_hosts_and_groups asks `host not in group` for every host, which with plain lists
    takes a minute for 100,000 hosts."""

    def __init__(self) -> None:
        super().__init__()
        self._ids: set[int] = set()

    def append(self, host) -> None:
        self._ids.add(id(host))
        super().append(host)

    def __contains__(self, host) -> bool:
        return id(host) in self._ids


class _Inventory(Inventory):
    """pyinfra's Inventory, its own code building hosts and groups, with faster group lists."""

    def make_hosts_and_groups(self, names, groups) -> None:
        self.groups = defaultdict(_GroupMembers)
        super().make_hosts_and_groups(names, groups)
        self.groups = defaultdict(list, {name: list(members) for name, members in self.groups.items()})


class _NamesSource:
    """Stands in for the class where pyinfra calls make_names_data: checks what it yields."""

    def __init__(self, cls: Any, target: Target, origins: dict[str, str]) -> None:
        self._cls = cls
        self._target = target
        self._origins = origins

    def make_names_data(self, arg: str | None):
        with connector_call(f"make_names_data of {self._target.spec}", self._target.spec, cooperative=False):
            items = validated_names_data(self._target.spec, self._cls.make_names_data(arg))
        for name, _, _ in items:
            if name in self._origins:
                raise usage(f"Host '{name}' comes from both {self._origins[name]} and {self._target.spec}")
            self._origins[name] = self._target.spec
        return items


def load_class(target: Target, cwd: str, sources: dict[str, str] | None = None) -> Any:
    if target.kind == "entry-point":
        return registry.load(target.name)
    if target.kind == "file":
        absolute = os.path.abspath(os.path.join(cwd, target.name))
        source = (sources or {}).get(absolute)
        return workspace_loader.load_file_class(target.name, target.cls or "", cwd, source)
    return load_module_class(target.name, target.cls or "")


@dataclass
class LoadedInventory:
    inventory: Inventory
    origins: dict[str, str] = field(default_factory=dict)  # host name -> target spec


def cli_data(data: dict | None) -> dict:
    """`--data key=value` values read as pyinfra's CLI reads them: true/false, ints, JSON, else text."""
    if not data:
        return {}
    from pyinfra_cli.util import (
        parse_cli_arg,  # imports click (~150 ms): only when there is data
    )

    parsed = {key: parse_cli_arg(value) if isinstance(value, str) else value for key, value in data.items()}
    remember_secrets(parsed)
    return parsed


def build_inventory(specs: list[str], cwd: str, override_data: dict | None = None, sources: dict[str, str] | None = None) -> LoadedInventory:
    origins: dict[str, str] = {}
    names: list[str] = []
    private: list[str] = []
    try:
        for spec in specs:
            target = parse_target(spec)
            if target.kind == "host":
                if target.name in origins:
                    raise usage(f"Host '{target.name}' is named twice")
                origins[target.name] = spec
                names.append(target.name)
                continue
            with connector_call(f"loading {spec}", spec, cooperative=False):
                cls = load_class(target, cwd, sources)
            key = f"pyinfra-kit-{next(_private_names)}"
            private.append(key)
            _registered[key] = _NamesSource(cls, target, origins)
            if getattr(cls, "handles_execution", False):
                _registered_execution[key] = cls
            names.append(f"@{key}" if target.arg is None else f"@{key}/{target.arg}")
        # hundreds of thousands of new objects: CPython's cyclic collector would rescan them all many
        # times over (14 s instead of 4 s for 100,000 hosts); nothing here makes cycles worth collecting
        gc.disable()
        inventory = _Inventory((names, {}), override_data=cli_data(override_data))
    finally:
        gc.enable()
        for key in private:
            _registered.pop(key, None)
            _registered_execution.pop(key, None)
    return LoadedInventory(inventory, origins)


def host_entries(loaded: LoadedInventory, show_secrets: bool = False) -> Iterator[dict]:
    for host in loaded.inventory:
        data = json_safe(host.data.dict())
        yield {
            "name": host.name,
            "data": data if show_secrets else mask_secrets(data),
            "groups": list(host.groups),
            "connector": loaded.origins.get(host.name, ""),
        }


def describe_hosts(loaded: LoadedInventory, show_secrets: bool = False) -> list[dict]:
    return list(host_entries(loaded, show_secrets))


# the first chunk small, so the first hosts show at once; then fewer, larger messages
_FIRST_CHUNK, _CHUNK = 100, 2000


def stream_hosts(loaded: LoadedInventory, show_secrets: bool, request_id: int, send_line: Callable[[str], None]) -> int:
    """Sends the hosts as "hosts" notifications of a few thousand each, within the answer limits; returns how many."""
    allowed = limits.current()
    chunk: list[str] = []
    count = size = 0

    def flush() -> None:
        send_line(f'{{"method": "hosts", "params": {{"id": {request_id}, "hosts": [{",".join(chunk)}]}}}}')
        chunk.clear()

    for entry in host_entries(loaded, show_secrets):
        text = "" if limits.text_size(entry["data"]) > limits.MAX_HOST_BYTES else _dumps(entry, ensure_ascii=False)
        if not text or len(text) > limits.MAX_HOST_BYTES:
            raise limits.limit_error(f"{entry['connector']}: host {short_repr(entry['name'])} has {limits.text_size(entry['data']) / 2**20:,.0f} MB of data; a host may have at most {limits.MAX_HOST_BYTES >> 20} MB")
        size += len(text)
        if size > allowed.max_answer_bytes:
            raise limits.limit_error(f"{entry['connector']}: the answer exceeds {allowed.max_answer_bytes / 2**20:,.0f} MB, the limit (--max-answer-mb; setting pyinfraConnectors.maxAnswerMB)")
        chunk.append(text)
        count += 1
        if len(chunk) >= (_FIRST_CHUNK if count <= _FIRST_CHUNK else _CHUNK):
            flush()
    if chunk:
        flush()
    return count
