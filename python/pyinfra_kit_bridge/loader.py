"""Connector classes straight from workspace files (not installed) and from importable modules.

A file is imported as part of its package: the folder above the top-most package (the first folder
upwards without ``__init__.py``) goes on ``sys.path`` so relative imports work. The bridge lives
long, so a file edited since the last load (or given as unsaved editor text) is imported afresh,
together with every workspace module of the same root.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
from types import ModuleType
from typing import Any

from .errors import usage


def package_root(path: str) -> tuple[str, str]:
    """(folder to put on sys.path, dotted module name) for a .py file."""
    path = os.path.abspath(path)
    folder, filename = os.path.split(path)
    parts = [os.path.splitext(filename)[0]]
    if parts[0] == "__init__":
        parts = []
    while os.path.isfile(os.path.join(folder, "__init__.py")):
        folder, package = os.path.split(folder)
        parts.insert(0, package)
    return folder, ".".join(parts)


def _is_workspace_file(root: str, file: str | None) -> bool:
    """Modules of this root that were written by the user: not a virtualenv inside the workspace."""
    if not file:
        return False
    relative = os.path.relpath(os.path.abspath(file), root)
    parts = relative.split(os.sep)
    if parts[0] == os.pardir:
        return False
    return not any(part.startswith(".") or part in ("site-packages", "dist-packages", "node_modules") for part in parts[:-1])


class _FreshSourceLoader(importlib.machinery.SourceFileLoader):
    """A workspace file compiled from its source at every import, never read from a .pyc: a .pyc holds its
    source's mtime in whole seconds and its size, which an edit saved within the second can both keep."""

    def path_stats(self, path: str) -> dict:
        return {"mtime": -1, "size": -1}  # never matches a .pyc

    def set_data(self, path: str, data: bytes, *args: Any, **kwargs: Any) -> None:
        pass  # none written either (SourceFileLoader passes _mode=, whenever bytecode is written)


class _OverrideLoader(_FreshSourceLoader):
    """Imports the editor's unsaved text for one file."""

    def __init__(self, fullname: str, path: str, source: str) -> None:
        super().__init__(fullname, path)
        self._source = source

    def get_data(self, path: str) -> bytes:
        if os.path.abspath(path) == os.path.abspath(self.path):
            return self._source.encode("utf-8")
        return super().get_data(path)


class _WorkspaceSources(importlib.abc.MetaPathFinder):
    """Just before the path finder: a module found in a workspace root is imported with _FreshSourceLoader."""

    def __init__(self) -> None:
        self.roots: set[str] = set()

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Any:
        spec = importlib.machinery.PathFinder.find_spec(fullname, path, target)
        if spec is None or type(spec.loader) is not importlib.machinery.SourceFileLoader:
            return None
        if not any(_is_workspace_file(root, spec.origin) for root in self.roots):
            return None  # the path finder finds it again, as without this finder
        spec.loader = _FreshSourceLoader(fullname, spec.origin)
        return spec

    def install(self, root: str) -> None:
        self.roots.add(root)
        if self not in sys.meta_path:
            at = sys.meta_path.index(importlib.machinery.PathFinder) if importlib.machinery.PathFinder in sys.meta_path else len(sys.meta_path)
            sys.meta_path.insert(at, self)


class WorkspaceLoader:
    def __init__(self) -> None:
        # root -> (mtimes of its workspace modules when loaded, whether unsaved text was used)
        self._loaded: dict[str, tuple[dict[str, int], bool]] = {}
        self._sources = _WorkspaceSources()

    def _mtimes(self, root: str) -> dict[str, int]:
        mtimes = {}
        for module in list(sys.modules.values()):
            file = getattr(module, "__file__", None)
            if _is_workspace_file(root, file):
                try:
                    mtimes[file] = os.stat(file).st_mtime_ns
                except OSError:
                    mtimes[file] = -1
        return mtimes

    def _is_stale(self, root: str) -> bool:
        previous = self._loaded.get(root)
        if previous is None:
            return True
        mtimes, used_override = previous
        if used_override:
            return True
        for file, mtime in mtimes.items():
            try:
                if os.stat(file).st_mtime_ns != mtime:
                    return True
            except OSError:
                return True
        return False

    def _purge(self, root: str) -> None:
        for name, module in list(sys.modules.items()):
            if _is_workspace_file(root, getattr(module, "__file__", None)):
                del sys.modules[name]
        importlib.invalidate_caches()

    def load_file_class(self, path: str, class_name: str, cwd: str, source: str | None = None) -> Any:
        absolute = os.path.abspath(os.path.join(cwd, path))
        if not os.path.isfile(absolute) and source is None:
            raise usage(f"No such connector file: {absolute}")
        root, dotted = package_root(absolute)
        if not dotted:
            raise usage(f"{path} is a package's __init__.py: name the module that defines the class")
        if root not in sys.path:
            sys.path.insert(0, root)
        self._sources.install(root)
        if source is not None or self._is_stale(root):
            self._purge(root)
        if source is not None:
            module = self._import_with_source(dotted, absolute, source)
        else:
            module = importlib.import_module(dotted)
            loaded_from = os.path.abspath(getattr(module, "__file__", "") or "")
            if loaded_from != absolute:
                raise usage(f"Importing {path} as module '{dotted}' loaded {loaded_from} instead: another module has that name; rename the file or its folder")
        self._loaded[root] = (self._mtimes(root), source is not None)
        return _class_of(module, class_name, path)

    def _import_with_source(self, dotted: str, path: str, source: str) -> ModuleType:
        parent, _, _ = dotted.rpartition(".")
        if parent:
            importlib.import_module(parent)
        loader = _OverrideLoader(dotted, path, source)
        spec = importlib.util.spec_from_file_location(dotted, path, loader=loader)
        assert spec is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[dotted] = module
        try:
            loader.exec_module(module)
        except BaseException:
            sys.modules.pop(dotted, None)
            raise
        return module


def load_module_class(module_name: str, class_name: str) -> Any:
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name and module_name.startswith(error.name):
            raise usage(f"No module named '{module_name}' is importable by {sys.executable}") from error
        raise
    return _class_of(module, class_name, module_name)


def _class_of(module: ModuleType, class_name: str, where: str) -> Any:
    cls = getattr(module, class_name, None)
    if cls is None:
        raise usage(f"{where} has no class {class_name}")
    if not isinstance(cls, type):
        raise usage(f"{where}:{class_name} is a {type(cls).__name__}, not a class")
    if not callable(getattr(cls, "make_names_data", None)):
        raise usage(f"{where}:{class_name} has no make_names_data: is it a pyinfra connector (BaseConnector subclass)?")
    return cls


workspace_loader = WorkspaceLoader()
