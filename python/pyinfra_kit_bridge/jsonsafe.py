"""Host data as JSON: values JSON cannot hold come back readable (ISO text, a list, a repr)."""

from __future__ import annotations

import dataclasses
import datetime
import enum
import math
import os
from typing import Any

_MAX_DEPTH = 32


def json_safe(value: Any, _depth: int = 0, _seen: frozenset = frozenset()) -> Any:
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value if abs(value) < 2**53 else str(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if _depth >= _MAX_DEPTH or id(value) in _seen:
        return short_repr(value)
    seen = _seen | {id(value)}
    named = named_fields(value)
    if named is not None:
        value = named
    if isinstance(value, dict):
        return {str(json_safe(k, _depth + 1, seen)): json_safe(v, _depth + 1, seen) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v, _depth + 1, seen) for v in value]
    if isinstance(value, (set, frozenset)):
        items = [json_safe(v, _depth + 1, seen) for v in value]
        try:
            return sorted(items)
        except TypeError:
            return sorted(items, key=repr)
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return str(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        raw = bytes(value)
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return repr(raw)
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    if isinstance(value, enum.Enum):
        return json_safe(value.value, _depth + 1, seen)
    return short_repr(value)


def named_fields(value: Any) -> dict | None:
    """A dataclass instance's or a namedtuple's fields by name, as a dict: shown (and masked) as a dict is, not as a repr
    that holds a password field whole; None for anything else."""
    if isinstance(value, tuple) and isinstance(getattr(type(value), "_fields", None), tuple):
        return dict(zip(type(value)._fields, value))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {}
        for field in dataclasses.fields(value):
            try:
                fields[field.name] = getattr(value, field.name)
            except Exception as error:  # a property or descriptor of the connector's
                fields[field.name] = f"<{field.name} could not be read: {type(error).__name__}>"
        return fields
    return None


def short_repr(value: Any) -> str:
    try:
        text = repr(value)
    except BaseException as error:  # a broken __repr__ must not break the listing, nor what it raised
        from .errors import is_cancel, text_of

        if is_cancel(error):
            raise
        text = f"<{type(value).__name__} (repr failed: {text_of(error)})>"
    return text if len(text) <= 500 else text[:497] + "..."
