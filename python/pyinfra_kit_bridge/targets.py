"""Target specs: ``@name[/arg]``, ``path/to/file.py:Class[/arg]``, ``pkg.module:Class[/arg]``, or a
bare hostname (reached over SSH, as in pyinfra). Mirrors src/core/inventory/targetSpec.ts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import usage

_FILE = re.compile(r"^(?P<path>.+\.py):(?P<cls>[A-Za-z_]\w*)(?:/(?P<arg>.*))?$", re.DOTALL)
_MODULE = re.compile(r"^(?P<module>[A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*):(?P<cls>[A-Za-z_]\w*)(?:/(?P<arg>.*))?$", re.DOTALL)
_ENTRY_POINT = re.compile(r"^@(?P<name>[^/]+)(?:/(?P<arg>.*))?$", re.DOTALL)
_HOSTNAME = re.compile(r"^[^\s@/:]+$|^\[[0-9a-fA-F:.]+\]$|^[0-9a-fA-F:]+$")


@dataclass(frozen=True)
class Target:
    spec: str
    kind: str  # "entry-point" | "file" | "module" | "host"
    name: str  # entry-point name, file path, module name, or hostname
    cls: str | None = None
    arg: str | None = None


def parse_target(spec: str) -> Target:
    spec = spec.strip()
    if not spec:
        raise usage("Empty target")
    match = _ENTRY_POINT.match(spec)
    if match:
        return Target(spec, "entry-point", match["name"], None, match["arg"])
    match = _FILE.match(spec)
    if match:
        return Target(spec, "file", match["path"], match["cls"], match["arg"])
    match = _MODULE.match(spec)
    if match:
        return Target(spec, "module", match["module"], match["cls"], match["arg"])
    if _HOSTNAME.match(spec):
        return Target(spec, "host", spec)
    raise usage(f"Cannot read target '{spec}': use @name[/arg], path/to/file.py:Class[/arg], pkg.module:Class[/arg] or a hostname")
