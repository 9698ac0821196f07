"""What the conformance checks say pyinfra does, shown by pyinfra itself: its own Inventory keeps only
the last of two hosts with one name (inventory.unique-names), its own State refuses host data that the
connector's data_cls does not allow when it instantiates the connector (inventory.data-types). The
corpus connectors are registered as an installed entry point would make them appear to pyinfra."""

from __future__ import annotations

import sys

import pytest
from conftest import ROOT
from pyinfra.api import Config, Inventory, State
from pyinfra.api import connectors as pyinfra_connectors
from pyinfra.api import inventory as pyinfra_inventory
from pyinfra.api.exceptions import ConnectorDataTypeError
from test_bridge_inventory import result

CORPUS = ROOT / "test" / "fixtures" / "conformance"


@pytest.fixture
def installed(monkeypatch):
    """Registers a corpus class as pyinfra's entry-point lookup would list it, under the name `corpus`."""
    monkeypatch.syspath_prepend(str(CORPUS))

    def install(module: str, name: str):
        __import__(module)
        cls = getattr(sys.modules[module], name)
        # pyinfra's own lookup (the bridge replaces it once its inventory module is imported), and the class
        monkeypatch.setattr(pyinfra_inventory, "get_all_connectors", lambda: {**pyinfra_connectors.get_all_connectors(), "corpus": cls})
        monkeypatch.setattr(pyinfra_inventory, "get_execution_connectors", lambda: {**pyinfra_connectors.get_execution_connectors(), "corpus": cls})
        return cls

    return install


def test_pyinfra_keeps_only_the_last_of_two_hosts_with_one_name(installed, bridge):
    installed("duplicate_names", "DuplicateNamesConnector")
    inventory = Inventory((["@corpus"], {}))
    assert [(host.name, host.data.index) for host in inventory] == [("box", 1)]
    corpus = bridge.call("test", {"target": str(CORPUS / "duplicate_names.py") + ":DuplicateNamesConnector", "only": ["inventory.unique-names"]})
    ((check,),) = [result(corpus)]
    assert (check["status"], check["expected"], check["actual"]) == ("fail", 1, 2), check


def test_pyinfra_refuses_data_its_data_cls_does_not_allow_when_it_instantiates_the_connector(installed, bridge):
    installed("bad_data_types", "BadDataTypesConnector")
    with pytest.raises(ConnectorDataTypeError, match="kit_port"):
        State(Inventory((["@corpus"], {})), Config())
    corpus = bridge.call("test", {"target": str(CORPUS / "bad_data_types.py") + ":BadDataTypesConnector", "only": ["inventory.data-types"]})
    ((check,),) = [result(corpus)]
    assert check["status"] == "fail" and check["message"].startswith("host 'typed-wrong': ") and "kit_port" in check["message"], check
