"""Installed connectors: entry points of group ``pyinfra.connectors``, loaded one by one so a broken
one is listed with its error instead of breaking the list (pyinfra loads them all at once)."""

from __future__ import annotations

from importlib.metadata import entry_points
from typing import Any

from .errors import describe_exception, is_cancel, usage

GROUP = "pyinfra.connectors"


class Registry:
    def __init__(self) -> None:
        self._entry_points: dict[str, Any] | None = None
        self._loaded: dict[str, Any] = {}

    def refresh(self) -> None:
        """Scanning installed metadata costs ~50 ms: done once, and again when asked or when a name is unknown."""
        self._entry_points = {ep.name: ep for ep in entry_points(group=GROUP)}
        self._loaded.clear()

    def _points(self) -> dict[str, Any]:
        if self._entry_points is None:
            self.refresh()
        assert self._entry_points is not None
        return self._entry_points

    def load(self, name: str) -> Any:
        if name in self._loaded:
            return self._loaded[name]
        if name not in self._points():
            self.refresh()
        point = self._points().get(name)
        if point is None:
            known = ", ".join(f"@{n}" for n in sorted(self._points()))
            raise usage(f"No connector named @{name} is installed (installed: {known})")
        loaded = point.load()
        self._loaded[name] = loaded
        return loaded

    def describe_all(self) -> list[dict]:
        self.refresh()
        listed = []
        for name, point in sorted(self._points().items()):
            info: dict[str, Any] = {"name": name, "entryPoint": point.value, "handlesExecution": None}
            try:
                loaded = self.load(name)
                if isinstance(loaded, type):
                    info["handlesExecution"] = bool(getattr(loaded, "handles_execution", False))
            except BaseException as error:  # a broken connector module must not break the list, GeneratorExit included
                if is_cancel(error):
                    raise
                info["error"] = describe_exception(error)
            listed.append(info)
        return listed


registry = Registry()
