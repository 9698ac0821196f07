"""Targets -> pyinfra's own ``Inventory``, built exactly as pyinfra builds it for ``@connector/arg``.

pyinfra resolves ``@name`` through its connector registry. Each target's class (entry point,
workspace file or module) is registered under a private name for the duration of one
``Inventory(...)`` call, so pyinfra itself calls ``make_names_data(arg)``, merges data and groups,
and picks the execution connector (the class itself, or SSH for an inventory-only connector).
"""

from __future__ import annotations

import gc
import itertools
import os
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from pyinfra.api.inventory import Inventory

from . import pyinfra_compat
from .deadlines import connector_call, holding_output
from .errors import usage
from .jsonsafe import json_safe
from .loader import load_module_class, workspace_loader
from .masking import mask_secrets, remember_secrets
from .names import validated_names_data
from .registry import registry
from .targets import Target, parse_target

_private_names = itertools.count(1)
_registered: dict[str, Any] = {}  # private name -> names source (for make_names_data)
_registered_execution: dict[str, Any] = {}  # private name -> connector class (handles_execution)


def _all_connectors() -> dict[str, Any]:
    return {"ssh": registry.load("ssh"), **_registered}


def _execution_connectors() -> dict[str, Any]:
    return {"ssh": registry.load("ssh"), **_registered_execution}


pyinfra_compat.patch_connector_lookup(_all_connectors, _execution_connectors)


# the kit's own time inside make_names_data is taken off its deadline in steps of this much
_EXCLUDE_EVERY_S = 0.5
# what make_names_data of a target yielded, item by item, checked: (target spec, name, data, groups)
OnItem = Callable[[str, str, dict, list], None]


class _NamesSource:
    """Stands in for the class where pyinfra calls make_names_data: checks each item it yields and
    hands it on, so pyinfra's Inventory takes the items one by one as the connector yields them."""

    def __init__(self, cls: Any, target: Target, origins: dict[str, str], on_item: OnItem | None) -> None:
        self._cls = cls
        self._target = target
        self._origins = origins
        self._on_item = on_item
        self.items: Iterator | None = None
        # the bare hostnames that follow this target: pyinfra reaches them once its items are all taken
        self.then: list[tuple[str, str]] = []

    def make_names_data(self, arg: str | None) -> Iterator:
        self.items = self._checked(arg)
        return self.items

    def _checked(self, arg: str | None) -> Iterator:
        spec = self._target.spec
        # the deadline spans the whole iteration, so a generator that hangs between two items is
        # stopped; the time pyinfra and the kit take with each item is the kit's, not the connector's
        with connector_call(f"make_names_data of {spec}", spec, cooperative=False) as clock:
            kit_seconds = 0.0
            for item in validated_names_data(spec, self._cls.make_names_data(arg)):
                handed_on = time.monotonic()
                name = item[0]
                if name in self._origins:
                    raise usage(f"Host '{name}' comes from both {self._origins[name]} and {spec}")
                self._origins[name] = spec
                if self._on_item is not None:
                    self._on_item(spec, *item)
                yield item
                kit_seconds += time.monotonic() - handed_on
                if kit_seconds >= _EXCLUDE_EVERY_S:
                    clock.exclude(kit_seconds)
                    kit_seconds = 0.0
            if self._on_item is not None:
                for host_spec, name in self.then:
                    self._on_item(host_spec, name, {}, [])


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

    def release(self) -> None:
        """Frees the hosts once their answer is sent. pyinfra's Host and its HostData refer to each
        other and to the Inventory in cycles, which only the cyclic collector frees: after a million
        hosts that is gigabytes kept until it runs, then a 30 s pause of the worker while it does. Cut,
        the cycles are freed by reference counting at once."""
        for host in self.inventory.hosts.values():
            host.__dict__.clear()
        self.inventory.__dict__.clear()
        self.origins.clear()


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


def build_inventory(
    specs: list[str], cwd: str, override_data: dict | None = None, sources: dict[str, str] | None = None, on_item: OnItem | None = None
) -> LoadedInventory:
    """pyinfra's Inventory of the targets; ``on_item`` sees each item as it is yielded, before pyinfra has them all,
    and each bare hostname when pyinfra reaches it: in the order of pyinfra's hosts."""
    # held from the first import to the last make_names_data: a module may print, when imported, a secret that only
    # its make_names_data yields
    with holding_output(f"the inventory of {', '.join(specs)}"):
        return _inventory_of(specs, cwd, override_data, sources, on_item)


def _inventory_of(
    specs: list[str], cwd: str, override_data: dict | None, sources: dict[str, str] | None, on_item: OnItem | None
) -> LoadedInventory:
    origins: dict[str, str] = {}
    names: list[str] = []
    private: list[str] = []
    sources_of_names: list[_NamesSource] = []
    leading: list[tuple[str, str]] = []  # bare hostnames before any connector target: pyinfra takes them first
    try:
        for spec in specs:
            target = parse_target(spec)
            if target.kind == "host":
                if target.name in origins:
                    raise usage(f"Host '{target.name}' is named twice")
                origins[target.name] = spec
                names.append(target.name)
                (sources_of_names[-1].then if sources_of_names else leading).append((spec, target.name))
                continue
            with connector_call(f"loading {spec}", spec, cooperative=False):
                cls = load_class(target, cwd, sources)
            key = f"pyinfra-kit-{next(_private_names)}"
            private.append(key)
            source = _NamesSource(cls, target, origins, on_item)
            sources_of_names.append(source)
            _registered[key] = source
            if getattr(cls, "handles_execution", False):
                _registered_execution[key] = cls
            names.append(f"@{key}" if target.arg is None else f"@{key}/{target.arg}")
        # hundreds of thousands of new objects: CPython's cyclic collector would rescan them all many
        # times over (14 s instead of 4 s for 100,000 hosts); nothing here makes cycles worth collecting
        gc.disable()
        if on_item is not None:
            for host_spec, name in leading:
                on_item(host_spec, name, {}, [])
        inventory = pyinfra_compat.inventory_class()((names, {}), override_data=cli_data(override_data))
    finally:
        gc.enable()
        for source in sources_of_names:  # one pyinfra left unfinished (it raised) ends its call now
            if source.items is not None:
                source.items.close()
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
