"""Runs pyinfra itself on a lint fixture folder and prints, as JSON, what fails for each connector class.

    python test/python/lint_oracle.py FIXTURE_DIR OUTPUT.json

Each concrete connector class is registered as a real `pyinfra.connectors` entry point (a dist-info folder on
sys.path), built into pyinfra's Inventory (`@name`) and State, and, when it handles execution, its own
run_shell_command/put_file/get_file are executed through pyinfra's StringCommand/FileUploadCommand/
FileDownloadCommand with the connector arguments pyinfra's pop_global_arguments builds. Failures are sorted
into kinds the lint rules claim (test_lint_oracle.py compares them with `pyinfra-kit lint`).
"""
from gevent import monkey

monkey.patch_all()

import ast
import importlib
import importlib.metadata
import inspect
import io
import json
import re
import sys
import tempfile
import tomllib
from pathlib import Path

from pyinfra.api import Config, Inventory, State
from pyinfra.api.arguments import CONNECTOR_ARGUMENT_KEYS, pop_global_arguments
from pyinfra.api.command import FileDownloadCommand, FileUploadCommand, StringCommand
from pyinfra.api.connectors import _load_connector
from pyinfra.api.exceptions import ConnectorDataTypeError
from pyinfra.connectors.base import BaseConnector

EXECUTION = ("run_shell_command", "put_file", "get_file")
LOCAL_VALUE = io.BytesIO(b"oracle")
REMOTE_VALUE = "/tmp/pyinfra-kit-oracle-remote"


def module_name(root: Path, file: Path) -> str:
    base = root / "src" if (root / "src") in file.parents else root
    parts = list(file.relative_to(base).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def class_spans(file: Path) -> dict[str, tuple[int, int]]:
    """Class name -> (line of `class`, last line), for classes at module level or under if/try."""
    spans: dict[str, tuple[int, int]] = {}
    try:
        tree = ast.parse(file.read_text())
    except SyntaxError:
        return spans
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            spans.setdefault(node.name, (node.lineno, node.end_lineno or node.lineno))
    return spans


def entry_points_of(root: Path) -> list[dict]:
    """The fixture's own `pyinfra.connectors` entry points, with their line in pyproject.toml."""
    pyproject = root / "pyproject.toml"
    if not pyproject.exists():
        return []
    text = pyproject.read_text()
    table = tomllib.loads(text).get("project", {}).get("entry-points", {}).get("pyinfra.connectors", {})
    lines = text.split("\n")
    found = []
    for name, value in table.items():
        line = next(i for i, line in enumerate(lines, 1) if re.match(rf"""\s*["']?{re.escape(name)}["']?\s*=""", line))
        found.append({"name": name, "value": value, "line": line})
    return found


def innermost_file(error: BaseException) -> str:
    tb = error.__traceback__
    while tb and tb.tb_next:
        tb = tb.tb_next
    return tb.tb_frame.f_code.co_filename if tb else ""


def owner_file(cls: type, name: str) -> str | None:
    """File of the class that defines `name` first in the MRO."""
    for klass in cls.__mro__:
        if name in vars(klass):
            module = sys.modules.get(klass.__module__)
            return getattr(module, "__file__", None)
    return None


class Recorder:
    """Records the arguments pyinfra passes to a method, then calls it."""

    def __init__(self, cls: type, name: str, static: bool):
        self.calls: list[tuple[tuple, dict]] = []
        self.original = inspect.getattr_static(cls, name)
        function = self.original.__func__ if isinstance(self.original, (staticmethod, classmethod)) else self.original
        self.signature = inspect.signature(function)
        target = getattr(cls, name)

        def record(*args, **kwargs):
            self.calls.append((args, kwargs))
            return target(*args, **kwargs) if static else function(*args, **kwargs)

        setattr(cls, name, staticmethod(record) if static else record)
        self.cls, self.name = cls, name

    def restore(self) -> None:
        setattr(self.cls, self.name, self.original)

    def bound(self) -> list[dict]:
        result = []
        for args, kwargs in self.calls:
            try:
                result.append(dict(self.signature.bind(*args, **kwargs).arguments))
            except TypeError:
                pass
        return result


def classify_call(error: BaseException, fixture_files: set[str], kind: str) -> dict:
    message = f"{type(error).__name__}: {error}"
    if isinstance(error, TypeError) and innermost_file(error) not in fixture_files:
        return {"kind": kind, "message": message}
    return {"kind": "other", "message": message}


def judge_names(cls: type, ep: str, fixture_files: set[str], failures: list[dict]):
    raw = inspect.getattr_static(cls, "make_names_data")
    is_function = inspect.isfunction(raw)
    recorder = Recorder(cls, "make_names_data", static=True) if owner_file(cls, "make_names_data") in fixture_files else None
    try:
        inventory = Inventory(([f"@{ep}/oracle-target"], {}))
    except TypeError as error:
        if "'NoneType' object is not iterable" in str(error):
            failures.append({"kind": "names-none", "message": str(error)})
        else:
            failures.append(classify_call(error, fixture_files, "names-call"))
        inventory = None
    except Exception as error:  # noqa: BLE001 (the oracle records whatever pyinfra raises)
        failures.append({"kind": "other", "message": f"{type(error).__name__}: {error}"})
        inventory = None
    finally:
        if recorder:
            recorder.restore()
    if recorder and is_function:
        first = next(iter(recorder.signature.parameters), None)
        if first in ("self", "cls") and any(first in bound for bound in recorder.bound()):
            failures.append({"kind": "names-self", "message": f"pyinfra's target argument is passed to {first}"})
    return inventory


def judge_execution(cls: type, state: State, inventory: Inventory, fixture_files: set[str], failures: list[dict]):
    for host in inventory:
        arguments, _ = pop_global_arguments(state, host, {})
        connector_arguments = {key: value for key, value in arguments.items() if key in CONNECTOR_ARGUMENT_KEYS}
        commands = {
            "run_shell_command": StringCommand("echo", "oracle"),
            "put_file": FileUploadCommand(LOCAL_VALUE, REMOTE_VALUE),
            "get_file": FileDownloadCommand(REMOTE_VALUE, LOCAL_VALUE),
        }
        for name in EXECUTION:
            if owner_file(cls, name) not in fixture_files or not callable(getattr(cls, name, None)):
                continue
            recorder = Recorder(cls, name, static=False)
            try:
                commands[name].execute(state, host, dict(connector_arguments))
            except Exception as error:  # noqa: BLE001 (the oracle records whatever pyinfra raises)
                failures.append(classify_call(error, fixture_files, "call"))
            finally:
                recorder.restore()
            for bound in recorder.bound():
                for parameter, value in bound.items():
                    local_name = "local" in parameter or parameter == "filename_or_io"
                    if ("remote" in parameter and value is LOCAL_VALUE) or (local_name and value == REMOTE_VALUE):
                        failures.append({"kind": "swapped", "message": f"{name} receives the other path in {parameter}"})
        break


def judge(cls: type, ep: str, fixture_files: set[str]) -> list[dict]:
    failures: list[dict] = []
    inventory = judge_names(cls, ep, fixture_files, failures)
    executing = bool(getattr(cls, "handles_execution", False))
    if inventory is None or len(inventory) == 0:
        if not executing:
            return failures
        # no host from make_names_data: still see what instantiating and calling the class does
        inventory = Inventory((["oracle-probe"], {}))
        for host in inventory:
            host.connector_cls = cls
    try:
        state = State(inventory, Config())
    except ConnectorDataTypeError as error:
        failures.append({"kind": "data-type", "message": str(error)})
        return failures
    except KeyError as error:
        failures.append({"kind": "data-keyerror", "message": f"KeyError: {error}"})
        return failures
    except TypeError as error:
        kind = "abstract" if "abstract" in str(error) else "other"
        failures.append({"kind": kind, "message": str(error)})
        return failures
    if executing:
        judge_execution(cls, state, inventory, fixture_files, failures)
    return failures


def main(root: Path) -> dict:
    sys.path[:0] = [str(root), str(root / "src")]
    files = sorted(p for p in root.rglob("*.py") if "__pycache__" not in p.parts)
    modules, errors = {}, {}
    for file in files:
        try:
            modules[file] = importlib.import_module(module_name(root, file))
        except Exception as error:  # noqa: BLE001 (the oracle records whatever pyinfra raises)
            errors[str(file.relative_to(root))] = f"{type(error).__name__}: {error}"
    fixture_files = {str(file) for file in modules}
    entry_points = entry_points_of(root)
    named = {entry["value"] for entry in entry_points}
    classes = []
    for file, module in modules.items():
        spans = class_spans(file)
        for cls in vars(module).values():
            if not (inspect.isclass(cls) and cls.__module__ == module.__name__ and issubclass(cls, BaseConnector)):
                continue
            subclassed = any(sub.__module__ in {m.__name__ for m in modules.values()} for sub in cls.__subclasses__())
            if subclassed and f"{module.__name__}:{cls.__name__}" not in named:
                continue  # a base, never registered on its own
            line, end = spans.get(cls.__name__, (0, 0))
            classes.append({"cls": cls, "file": str(file.relative_to(root)), "name": cls.__name__, "line": line, "endLine": end})

    with tempfile.TemporaryDirectory() as site:
        dist = Path(site) / "pyinfra_kit_lint_oracle-0.dist-info"
        dist.mkdir()
        (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: pyinfra-kit-lint-oracle\nVersion: 0\n")
        lines = [f"oracle{i} = {c['cls'].__module__}:{c['cls'].__qualname__}" for i, c in enumerate(classes)]
        (dist / "entry_points.txt").write_text("[pyinfra.connectors]\n" + "\n".join(lines) + "\n")
        sys.path.insert(0, site)
        importlib.invalidate_caches()
        for i, described in enumerate(classes):
            described["failures"] = judge(described.pop("cls"), f"oracle{i}", fixture_files)
        sys.path.remove(site)

    for entry in entry_points:
        try:
            loaded = _load_connector(importlib.metadata.EntryPoint(entry["name"], entry["value"], "pyinfra.connectors"))
            # pyinfra reads handles_execution from what it loaded (get_execution_connectors)
            loaded.handles_execution  # noqa: B018
            entry["failure"] = None
        except Exception as error:  # noqa: BLE001 (the oracle records whatever pyinfra raises)
            entry["failure"] = f"{type(error).__name__}: {error}"
    return {"importErrors": errors, "classes": classes, "entryPoints": entry_points}


if __name__ == "__main__":
    # a file, not stdout: connectors and the tools they run print
    Path(sys.argv[2]).write_text(json.dumps(main(Path(sys.argv[1]).resolve()), indent=1))
