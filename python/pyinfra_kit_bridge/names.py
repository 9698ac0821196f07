"""What ``make_names_data`` yields, checked item by item before pyinfra sees it, so a malformed
item is reported by its index and what is wrong instead of as a crash deep inside pyinfra."""

from __future__ import annotations

from typing import Any, Iterator

from . import limits
from .errors import malformed
from .jsonsafe import json_safe, short_repr
from .masking import mask_secrets, remember_secrets


def _shown(value: Any) -> str:
    """A value as an error message shows it: secrets inside it masked."""
    return short_repr(mask_secrets(json_safe(value)))


def _kind(value: Any) -> str:
    return f"{type(value).__name__} {_shown(value)}"


def validated_names_data(target: str, produced: Any) -> Iterator[tuple[str, dict, list[str]]]:
    """The items one by one as the connector yields them, each checked before it is passed on; what
    cannot be iterated at all is refused at once."""
    if produced is None:
        raise malformed(f"{target}: make_names_data returned None; it must yield (name, data, groups) tuples")
    if isinstance(produced, (str, bytes, dict)):
        raise malformed(f"{target}: make_names_data returned a {type(produced).__name__}; it must yield (name, data, groups) tuples")
    try:
        iterator = iter(produced)
    except TypeError:
        raise malformed(f"{target}: make_names_data returned {_kind(produced)}, which is not iterable") from None
    return _checked_items(target, iterator)


def item_fault(item: Any, tuples_only: bool = False) -> str | None:
    """The part of a make_names_data item that is not what pyinfra expects ("item", "name", "data" or
    "groups"), or None when there is none."""
    if not isinstance(item, tuple if tuples_only else (tuple, list)) or len(item) != 3:
        return "item"
    name, data, groups = item
    if not isinstance(name, str) or not name:
        return "name"
    if not isinstance(data, dict):
        return "data"
    if not isinstance(groups, (list, tuple)) or not all(isinstance(group, str) for group in groups):
        return "groups"
    return None


def _fault_message(target: str, index: int, item: Any, fault: str) -> str:
    if fault == "item":
        size = f" of length {len(item)}" if isinstance(item, (tuple, list)) else ""
        return f"{_where(target, index)}: expected a (name, data, groups) tuple, got {type(item).__name__}{size} {_shown(item)}"
    name, data, groups = item
    if fault == "name":
        return f"{_where(target, index)}: the name must be a non-empty string, got {_kind(name)}"
    if fault == "data":
        return f"{_where(target, index, name)}: data must be a dict, got {_kind(data)}"
    return f"{_where(target, index, name)}: groups must be a list of strings, got {_kind(groups)}"


def _where(target: str, index: int, name: str | None = None) -> str:
    return f"{target}: make_names_data item {index}" + ("" if name is None else f" ('{name}')")


def _checked_items(target: str, iterator: Iterator[Any]) -> Iterator[tuple[str, dict, list[str]]]:
    first_index: dict[str, int] = {}
    max_hosts = limits.current().max_hosts
    for index, item in enumerate(iterator):  # exceptions raised by the generator itself propagate as they are
        if index >= max_hosts:
            raise limits.too_many_hosts(f"{target}: make_names_data", max_hosts)
        fault = item_fault(item)
        if fault is not None:
            raise malformed(_fault_message(target, index, item, fault))
        name, data, groups = item
        if name in first_index:
            raise malformed(f"{_where(target, index, name)}: duplicate host name '{name}' (first yielded as item {first_index[name]})")
        first_index[name] = index
        remember_secrets(data)
        yield name, data, list(groups)
