"""inventory.*: what make_names_data yields, checked on the raw items before the kit's own
validation (which refuses a malformed inventory outright) and pyinfra's (which keeps the last of
two hosts with one name)."""

from __future__ import annotations

import json

from pyinfra.api.exceptions import InventoryError
from pyinfra.connectors.base import host_to_connector_data

from ..errors import BridgeFault, describe_exception
from ..limits import bounded_items
from ..jsonsafe import short_repr
from ..names import item_fault
from .calls import connector
from .context import TargetContext
from .registry import TARGET, Failed, Skipped, check


def _items(target: TargetContext) -> list:
    if target.items_error is not None:
        raise Failed(f"make_names_data({target.target.arg!r}) failed: {target.items_error}")
    return target.items


@check("inventory.shape", "each item is a (name, data, groups) tuple: name a string, data a dict, groups strings", TARGET)
def shape(target: TargetContext) -> str:
    items = _items(target)
    for index, item in enumerate(items):
        # pyinfra takes a list too; the suite asks for the tuple its documentation names
        fault = item_fault(item, tuples_only=True)
        if fault == "item":
            raise Failed(f"item {index} is {type(item).__name__} {short_repr(item)}, not a (name, data, groups) tuple")
        if fault is not None:
            name, data, groups = item
            raise Failed({
                "name": f"item {index}: the name is {type(name).__name__} {short_repr(name)}, not a non-empty string",
                "data": f"item {index} ('{name}'): data is {type(data).__name__}, not a dict",
                "groups": f"item {index} ('{name}'): groups is {short_repr(groups)}, not a list or tuple of strings",
            }[fault])
    return f"{len(items)} hosts"


@check("inventory.unique-names", "no two hosts share a name (pyinfra silently keeps only the last)", TARGET)
def unique_names(target: TargetContext) -> str:
    first: dict[str, int] = {}
    for index, item in enumerate(_items(target)):
        name = item[0] if isinstance(item, (tuple, list)) and item else None
        if not isinstance(name, str):
            continue
        if name in first:
            raise Failed(f"items {first[name]} and {index} are both named '{name}'; pyinfra keeps only the last", expected=1, actual=2)
        first[name] = index
    return f"{len(first)} distinct names"


@check("inventory.json-safe", "host data holds only JSON values (what the tree, the CLI and the logs can show)", TARGET)
def json_safe(target: TargetContext) -> None:
    for index, item in enumerate(_items(target)):
        data = item[1] if isinstance(item, (tuple, list)) and len(item) == 3 else None
        if not isinstance(data, dict):
            continue
        for key, value in data.items():
            try:
                json.dumps(value, allow_nan=False)
            except (TypeError, ValueError):
                raise Failed(f"item {index} ('{item[0]}'): data['{key}'] is a {type(value).__name__}, which JSON cannot hold") from None


def _call(target: TargetContext, arg: str | None) -> str:
    try:
        with connector(f"make_names_data({arg!r}) of {target.spec}", target.spec):
            items = bounded_items(target.cls.make_names_data(arg), f"{target.spec}: make_names_data({arg!r})")
    except InventoryError as error:
        return f"make_names_data({arg!r}) refuses it as pyinfra expects: {error}"
    except BridgeFault as fault:  # the host limit
        raise Failed(fault.message) from None
    except Exception as error:
        raise Failed(f"make_names_data({arg!r}) raised {describe_exception(error)}; refuse an argument with pyinfra's InventoryError") from None
    return f"make_names_data({arg!r}) yields {len(items)} hosts"


@check("inventory.argument", "make_names_data(None), and the target's /arg, yield hosts or raise InventoryError", TARGET)
def argument(target: TargetContext) -> str:
    answers = [_call(target, None)]
    if target.target.arg is not None:
        answers.append(_call(target, target.target.arg))
    return "; ".join(answers)


@check("inventory.data-types", "each host's data passes the connector's data_cls as pyinfra checks it (ConnectorDataTypeError)", TARGET)
def data_types(target: TargetContext) -> str:
    if target.loaded is None:
        raise Skipped(f"pyinfra's inventory could not be built: {target.build_error}")
    bad = dict(target.bad_data)
    if bad:
        name, message = next(iter(bad.items()))
        raise Failed(f"host '{name}': {message}" + (f" (and {len(bad) - 1} more hosts)" if len(bad) > 1 else ""))
    return f"{len(target.loaded.inventory.hosts)} hosts"


def find_bad_data(target: TargetContext) -> dict[str, str]:
    """Hosts whose data the execution connector's data_cls refuses, as pyinfra's BaseConnector.__init__ would."""
    bad: dict[str, str] = {}
    for host in target.loaded.inventory if target.loaded else []:
        cls = host.connector_cls
        try:
            host_to_connector_data(cls.data_cls, cls.data_meta, host.data)
        except Exception as error:
            bad[host.name] = describe_exception(error)
    return bad
