"""The linter's tables of pyinfra facts (src/core/analysis/pyinfraTables.json) are read from the installed pyinfra.

- connectorArguments: pyinfra.api.arguments.ConnectorArguments, every one of which pyinfra's operations pass to
  run_shell_command/put_file/get_file (a parameter named like one is always given);
- sshData: @ssh's data_cls keys with their data_meta description and default; an inventory-only connector's
  hosts are reached with @ssh, so its host data is checked against these;
- connectors: BaseConnector and each connector pyinfra registers itself (its `pyinfra.connectors` entry points),
  with handles_execution and which of BaseConnector's public methods it has concretely or abstractly, so a
  class built on any of them (`class Mine(FakeConnector)`) is linted as pyinfra builds it.

When pyinfra changes, regenerate with `.venv/bin/python test/python/test_pyinfra_tables.py`.
"""
import inspect
import json
import sys
import typing
from importlib.metadata import entry_points
from pathlib import Path

TABLE = Path(__file__).resolve().parents[2] / "src" / "core" / "analysis" / "pyinfraTables.json"


def read_from_pyinfra() -> dict:
    from pyinfra.api.arguments import CONNECTOR_ARGUMENT_KEYS
    from pyinfra.connectors.ssh import SSHConnector

    hints = typing.get_type_hints(SSHConnector.data_cls)
    ssh = {
        key: {
            "type": getattr(type_, "__name__", str(type_)),
            "description": SSHConnector.data_meta[key].description,
            "default": SSHConnector.data_meta[key].default,
        }
        for key, type_ in hints.items()
    }
    return {"connectorArguments": list(CONNECTOR_ARGUMENT_KEYS), "sshData": ssh, "connectors": read_connectors()}


def read_connectors() -> list[dict]:
    from pyinfra.connectors.base import BaseConnector

    methods = [name for name, value in vars(BaseConnector).items() if not name.startswith("_") and (inspect.isfunction(value) or isinstance(value, staticmethod))]

    def described(cls: type) -> dict:
        abstract = [name for name in methods if getattr(getattr(cls, name), "__isabstractmethod__", False)]
        return {
            "module": cls.__module__,
            "name": cls.__name__,
            "handlesExecution": cls.handles_execution,
            "methods": [name for name in methods if name not in abstract],
            **({"abstractMethods": abstract} if abstract else {}),
        }

    # pyinfra's own entry points only: the venv also holds the test fixtures' connectors
    own = sorted((point for point in entry_points(group="pyinfra.connectors") if point.value.startswith("pyinfra.")), key=lambda point: point.name)
    return [described(BaseConnector), *(described(point.load()) for point in own)]


def test_tables_are_pyinfras():
    assert json.loads(TABLE.read_text()) == read_from_pyinfra(), f"regenerate: {sys.executable} {__file__}"


if __name__ == "__main__":
    TABLE.write_text(json.dumps(read_from_pyinfra(), indent=2) + "\n")
