"""The linter's tables of pyinfra facts (src/core/analysis/pyinfraTables.json) are read from the installed pyinfra.

- connectorArguments: pyinfra.api.arguments.ConnectorArguments, every one of which pyinfra's operations pass to
  run_shell_command/put_file/get_file (a parameter named like one is always given);
- sshData: @ssh's data_cls keys with their data_meta description and default; an inventory-only connector's
  hosts are reached with @ssh, so its host data is checked against these.

When pyinfra changes, regenerate with `.venv/bin/python test/python/test_pyinfra_tables.py`.
"""
import json
import sys
import typing
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
    return {"connectorArguments": list(CONNECTOR_ARGUMENT_KEYS), "sshData": ssh}


def test_tables_are_pyinfras():
    assert json.loads(TABLE.read_text()) == read_from_pyinfra(), f"regenerate: {sys.executable} {__file__}"


if __name__ == "__main__":
    TABLE.write_text(json.dumps(read_from_pyinfra(), indent=2) + "\n")
