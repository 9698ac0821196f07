"""The real bridge process against real pyinfra: startup, connectors, inventory and its faults."""

import os
import py_compile
import sys


def result(reply):
    assert "error" not in reply, reply
    return reply["result"]


def error(reply, kind):
    assert "error" in reply, reply
    assert reply["error"]["kind"] == kind, reply["error"]
    return reply["error"]


def test_ready_names_the_interpreter_and_pyinfra(bridge):
    ready = bridge.ready["params"]
    assert ready["python"] == sys.executable
    assert ready["pyinfraVersion"].startswith("3.")


def test_connectors_lists_builtins_and_a_broken_entry_point_with_its_error(bridge):
    listed = {c["name"]: c for c in result(bridge.call("connectors"))}
    assert listed["local"] == {"name": "local", "entryPoint": "pyinfra.connectors.local:LocalConnector", "handlesExecution": True}
    assert listed["terraform"]["handlesExecution"] is False
    assert listed["kitfixture"]["handlesExecution"] is False
    assert "kit_fixture_broken needs a library" in listed["kitbroken"]["error"]
    assert listed["kitbroken"]["handlesExecution"] is None


def test_inventory_of_local(bridge):
    assert result(bridge.call("inventory", {"targets": ["@local"]})) == [{"name": "@local", "data": {}, "groups": ["@local"], "connector": "@local"}]


def test_inventory_of_an_installed_entry_point_with_an_argument(bridge):
    hosts = result(bridge.call("inventory", {"targets": ["@kitfixture/web"]}))
    assert [h["name"] for h in hosts] == ["web-0", "web-1"]
    assert hosts[0]["groups"] == ["fixture"] and hosts[0]["connector"] == "@kitfixture/web"


def test_inventory_of_a_workspace_file_with_an_argument(bridge):
    hosts = result(bridge.call("inventory", {"targets": ["local_subclass.py:ManyLocalConnector/4"]}))
    assert [h["name"] for h in hosts] == ["local-0", "local-1", "local-2", "local-3"]
    assert hosts[1] == {"name": "local-1", "data": {"index": 1}, "groups": ["odd"], "connector": "local_subclass.py:ManyLocalConnector/4"}


def test_a_file_in_a_package_imports_relatively(bridge):
    hosts = result(bridge.call("inventory", {"targets": ["pkg/relative.py:RelativeConnector"]}))
    assert [(h["name"], h["data"]["via"]) for h in hosts] == [("alpha", "relative import"), ("beta", "relative import")]


def test_a_module_target_imports_from_the_workspace(bridge):
    hosts = result(bridge.call("inventory", {"targets": ["pkg.relative:RelativeConnector"]}))
    assert [h["name"] for h in hosts] == ["alpha", "beta"]


def test_a_bare_hostname_is_an_ssh_host(bridge):
    assert result(bridge.call("inventory", {"targets": ["db.example.invalid"]})) == [
        {"name": "db.example.invalid", "data": {}, "groups": [], "connector": "db.example.invalid"}
    ]


def test_data_is_added_to_every_host_and_secrets_are_masked_unless_asked(bridge):
    masked = result(bridge.call("inventory", {"targets": ["@local"], "data": {"ssh_password": "s3cret", "role": "db"}}))
    assert masked[0]["data"] == {"ssh_password": "********", "role": "db"}
    shown = result(bridge.call("inventory", {"targets": ["@local"], "data": {"ssh_password": "s3cret"}, "showSecrets": True}))
    assert shown[0]["data"] == {"ssh_password": "s3cret"}


def test_data_values_are_read_as_pyinfras_cli_reads_them(bridge):
    data = {"port": "2222", "sudo": "true", "tags": '["a", "b"]', "name": "web=1"}
    (host,) = result(bridge.call("inventory", {"targets": ["@local"], "data": data}))
    assert host["data"] == {"port": 2222, "sudo": True, "tags": ["a", "b"], "name": "web=1"}


def test_data_json_cannot_hold_comes_back_readable(bridge):
    (host,) = result(bridge.call("inventory", {"targets": ["weird_data.py:WeirdDataConnector"]}))
    data = host["data"]
    assert data["when"] == "2026-11-23T20:00:00" and data["day"] == "2026-11-23"
    assert data["tags"] == ["a", "b"]
    assert data["raw"] == "bytes here" and data["binary"] == "b'\\xff\\xfe'"
    assert data["path"] == "/etc/hosts" and data["object"] == "<Opaque thing>" and data["price"] == "Decimal('1.50')"
    assert data["nan"] == "nan" and data["big"] == str(2**64)
    assert data["cyclic"]["self"].startswith("{")
    assert data["ssh_password"] == "********"
    assert data["nested"] == {"api_token": "********", "Client_Secret": "********", "plain": "visible"}


def test_an_exception_comes_back_with_its_traceback_and_the_bridge_keeps_working(bridge):
    failure = error(bridge.call("inventory", {"targets": ["raises.py:RaisesConnector"]}), "connector")
    assert failure["message"] == "ValueError: the API answered 500"
    assert "in _helper" in failure["detail"] and "raises.py" in failure["detail"]
    assert result(bridge.call("inventory", {"targets": ["@local"]}))[0]["name"] == "@local"


def test_inventory_error_text_is_shown_as_is(bridge):
    failure = error(bridge.call("inventory", {"targets": ["raises.py:InventoryErrorConnector/prod"]}), "connector")
    assert failure["message"] == "No such cluster: prod"


def test_an_exception_after_some_items_is_still_an_error(bridge):
    failure = error(bridge.call("inventory", {"targets": ["raises.py:RaisesMidwayConnector"]}), "connector")
    assert failure["message"] == "RuntimeError: lost the connection after one host"


def test_sys_exit_in_a_connector_is_an_error_not_an_exit(bridge):
    failure = error(bridge.call("inventory", {"targets": ["exits.py:SysExitConnector"]}), "connector")
    assert failure["message"] == "the connector called sys.exit(4)"
    assert bridge.process.poll() is None


def test_each_malformed_item_is_named_by_index_and_fault(bridge):
    expected = {
        "NotATupleConnector": "make_names_data item 1: expected a (name, data, groups) tuple, got str 'just-a-name'",
        "TwoTupleConnector": "make_names_data item 0: expected a (name, data, groups) tuple, got tuple of length 2",
        "DataNotDictConnector": "make_names_data item 1 ('b'): data must be a dict, got list",
        "GroupsNotListConnector": "make_names_data item 0 ('a'): groups must be a list of strings, got str 'web'",
        "GroupsNotStringsConnector": "make_names_data item 0 ('a'): groups must be a list of strings, got list ['web', 3]",
        "DuplicateConnector": "make_names_data item 2 ('a'): duplicate host name 'a' (first yielded as item 0)",
        "NameNotStringConnector": "make_names_data item 0: the name must be a non-empty string, got int 42",
        "ReturnsNoneConnector": "make_names_data returned None",
    }
    for cls, text in expected.items():
        failure = error(bridge.call("inventory", {"targets": [f"malformed.py:{cls}"]}), "malformed")
        assert failure["message"].startswith(f"malformed.py:{cls}: "), failure
        assert text in failure["message"], failure


def test_unknown_targets_are_usage_errors(bridge):
    assert "No connector named @nope" in error(bridge.call("inventory", {"targets": ["@nope"]}), "usage")["message"]
    assert "No such connector file" in error(bridge.call("inventory", {"targets": ["missing.py:X"]}), "usage")["message"]
    assert "has no class Missing" in error(bridge.call("inventory", {"targets": ["raises.py:Missing"]}), "usage")["message"]
    assert "No module named 'no_such_module'" in error(bridge.call("inventory", {"targets": ["no_such_module:X"]}), "usage")["message"]


def test_stdout_writes_never_reach_the_protocol(fresh_bridge):
    driver = fresh_bridge()
    hosts = result(driver.call("inventory", {"targets": ["printer.py:PrinterConnector"]}))
    assert [h["name"] for h in hosts] == ["noisy"]
    code, stdout, stderr = driver.close()
    assert stdout == ""
    for text in ("print() from make_names_data", "sys.stdout.write from make_names_data", "os.write(1) from make_names_data"):
        assert text in stderr


def test_os_exit_ends_only_the_connectors_worker_with_its_code(fresh_bridge):
    driver = fresh_bridge()
    exited = error(driver.call("inventory", {"targets": ["exits.py:ExitsConnector"]}), "exited")
    assert "exit code 7" in exited["message"]
    assert driver.process.poll() is None


def test_edited_files_are_imported_afresh_and_unsaved_text_is_used(fresh_bridge, tmp_path):
    (tmp_path / "live.py").write_text(
        "from pyinfra.connectors.base import BaseConnector\n"
        "class Live(BaseConnector):\n"
        "    @staticmethod\n"
        "    def make_names_data(name=None):\n"
        "        yield 'v1', {}, []\n"
    )
    # bytecode written, as wherever PYTHONDONTWRITEBYTECODE is not set (a person's machine; CI may not set it)
    driver = fresh_bridge(cwd=tmp_path, env={"PYTHONDONTWRITEBYTECODE": ""})
    first = result(driver.call("inventory", {"targets": ["live.py:Live"]}))
    assert first[0]["name"] == "v1"
    unsaved = (tmp_path / "live.py").read_text().replace("'v1'", "'unsaved'")
    from_editor = result(driver.call("inventory", {"targets": ["live.py:Live"], "sources": {str(tmp_path / "live.py"): unsaved}}))
    assert from_editor[0]["name"] == "unsaved"
    assert result(driver.call("inventory", {"targets": ["live.py:Live"]}))[0]["name"] == "v1"

    (tmp_path / "live.py").write_text((tmp_path / "live.py").read_text().replace("'v1'", "'v2'"))
    os.utime(tmp_path / "live.py", (1, 1))  # a different mtime even within one clock tick
    assert result(driver.call("inventory", {"targets": ["live.py:Live"]}))[0]["name"] == "v2"


def test_an_edit_within_the_same_second_and_of_the_same_size_is_imported_not_the_bytecode_of_the_last(fresh_bridge, tmp_path):
    # a .pyc records its source's mtime in whole seconds and its size: an edit that keeps both (a digit changed,
    # saved within the second of the last import) matched the .pyc the last import wrote
    live = tmp_path / "live.py"
    live.write_text("from pyinfra.connectors.base import BaseConnector\nclass Live(BaseConnector):\n    @staticmethod\n    def make_names_data(name=None):\n        yield 'v1', {}, []\n")
    second = 1_700_000_000 * 10**9
    os.utime(live, ns=(second, second + 1_000_000))
    py_compile.compile(str(live), doraise=True)  # as any Python importing it writes it (pyinfra's CLI, an earlier kit)
    driver = fresh_bridge(cwd=tmp_path, env={"PYTHONDONTWRITEBYTECODE": ""})
    assert result(driver.call("inventory", {"targets": ["live.py:Live"]}))[0]["name"] == "v1"
    live.write_text(live.read_text().replace("'v1'", "'v2'"))
    os.utime(live, ns=(second, second + 2_000_000))
    assert result(driver.call("inventory", {"targets": ["live.py:Live"]}))[0]["name"] == "v2"


def test_pyinfra_missing_names_the_interpreter_and_the_install_command(fresh_bridge):
    driver = fresh_bridge(python="/usr/bin/python3", env={"PYTHONPATH": ""})
    problem = driver.ready["params"]["error"]
    assert problem["kind"] == "pyinfra-missing"
    assert "/usr/bin/python3" in problem["message"] and "-m pip install 'pyinfra>=3,<4'" in problem["message"]
    assert driver.process.wait(timeout=20) == 3
