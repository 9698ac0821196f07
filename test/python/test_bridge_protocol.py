"""protocol.py's TypedDicts and the bridge's real messages, held to protocol.schema.json."""

import json

from conftest import PYTHON_DIR
from pyinfra_kit_bridge import protocol
from test_bridge_inventory import result

SCHEMA = json.loads((PYTHON_DIR / "pyinfra_kit_bridge" / "protocol.schema.json").read_text())["$defs"]


def conforms(value, name):
    definition = SCHEMA[name]
    assert isinstance(value, dict), (name, value)
    assert set(definition["required"]) <= set(value), (name, value)
    assert set(value) <= set(definition["properties"]), (name, set(value) - set(definition["properties"]))


def test_each_typed_dict_has_the_schemas_keys_and_optionality():
    for name, definition in SCHEMA.items():
        typed = getattr(protocol, name)
        assert set(typed.__required_keys__) == set(definition["required"]), name
        assert set(typed.__optional_keys__) == set(definition["properties"]) - set(definition["required"]), name


def test_real_answers_conform(bridge):
    conforms(bridge.ready["params"], "BridgeInfo")
    for host in result(bridge.call("inventory", {"targets": ["local_subclass.py:ManyLocalConnector/2"]})):
        conforms(host, "HostEntry")
    for connector in result(bridge.call("connectors")):
        conforms(connector, "ConnectorInfo")
    notes = []
    bridge.call("run", {"selectors": [{"target": "@local"}], "command": "echo hi"}, notes)
    for note in notes:
        if note["method"] == "output":
            conforms({key: value for key, value in note["params"].items() if key != "id"}, "OutputEvent")
    conforms(bridge.call("inventory", {"targets": ["raises.py:RaisesConnector"]})["error"], "WireError")


def test_the_schemas_methods_are_the_workers_handlers():
    from pyinfra_kit_bridge.server import HANDLERS

    methods = json.loads((PYTHON_DIR / "pyinfra_kit_bridge" / "protocol.schema.json").read_text())["methods"]
    assert set(methods) == set(HANDLERS)


def test_real_run_transfer_inventory_and_test_messages_conform(bridge, tmp_path):
    notes = []
    for host_result in result(bridge.call("run", {"selectors": [{"target": "@local"}, {"target": "@local", "hosts": ["nowhere"]}], "command": "echo hi"}, notes)):
        conforms(host_result, "HostRunResult")
    progress = [note["params"] for note in notes if note["method"] == "progress"]
    assert any("planned" in note for note in progress) and any("finished" in note for note in progress)
    for note in progress:
        conforms(note, "ProgressNotification")
    for note in notes:
        if note["method"] == "output":
            conforms(note["params"], "OutputNotification")
    source = tmp_path / "source.txt"
    source.write_text("x")
    for host_result in result(bridge.call("put", {"selector": {"target": "@local"}, "local": str(source), "remote": str(tmp_path / "put.txt")})):
        conforms(host_result, "HostRunResult")
    notes = []
    assert set(result(bridge.call("inventory", {"targets": ["local_subclass.py:ManyLocalConnector/2"], "chunked": True}, notes))) == {"count"}
    for note in notes:
        conforms(note["params"], "HostsNotification")
        for host in note["params"]["hosts"]:
            conforms(host, "HostEntry")
    for check in result(bridge.call("test", {"list": True})):
        conforms(check, "CheckInfo")


def test_real_conformance_results_conform(bridge):
    checked = result(bridge.call("test", {"target": "@local", "only": ["inventory.unique-names", "run.*"]}))
    assert checked
    for check in checked:
        conforms(check, "CheckResult")
