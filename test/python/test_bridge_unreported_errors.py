"""Every request gets its reply, whatever the connector raised: an exception whose str() raises, GeneratorExit,
a BaseException of its own. Each was a request left without a reply (the client waited for its deadline, an hour
by default) or a whole run failing with the kit's own error instead of the host's."""

import pytest

from test_bridge_inventory import error, result


@pytest.mark.parametrize(
    "arg, message",
    [
        ("raise", "Unprintable: <str() failed: RuntimeError: str() of the error raised too>"),
        ("generator-exit", "GeneratorExit"),
        ("own", "NotAnException: from a careless library"),
    ],
)
def test_make_names_data_raising_anything_is_an_error_naming_the_target(bridge, arg, message):
    spec = f"unprintable.py:{'UnprintableConnector' if arg == 'raise' else 'BaseExceptionConnector'}/{arg}"
    failed = error(bridge.call("inventory", {"targets": [spec], "deadlineSec": 30}), "connector")
    assert failed["message"] == message
    assert failed["target"] == spec
    assert result(bridge.call("inventory", {"targets": ["@local"]}))[0]["name"] == "@local"


def test_an_execution_method_raising_an_unprintable_error_is_its_hosts_error(bridge, tmp_path):
    spec = "unprintable.py:UnprintableConnector"
    expected = "Unprintable: <str() failed: RuntimeError: str() of the error raised too>"
    (ran,) = result(bridge.call("run", {"selectors": [{"target": spec}], "command": "true", "deadlineSec": 30}))
    assert (ran["host"], ran["success"], ran["error"]) == ("unprintable", False, expected)
    assert "Unprintable" in ran["traceback"]
    (tmp_path / "f").write_text("x")
    (put,) = result(bridge.call("put", {"selector": {"target": spec}, "local": str(tmp_path / "f"), "remote": "/tmp/x", "deadlineSec": 30}))
    assert put["error"] == expected
    (got,) = result(bridge.call("get", {"selector": {"target": spec}, "remote": "/etc/hostname", "local": str(tmp_path / "g"), "deadlineSec": 30}))
    assert got["error"] == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f"]


def test_run_shell_command_raising_generator_exit_is_its_hosts_error(bridge):
    (ran,) = result(bridge.call("run", {"selectors": [{"target": "unprintable.py:BaseExceptionConnector"}], "command": "true", "deadlineSec": 30}))
    assert (ran["host"], ran["success"], ran["error"]) == ("base-exception", False, "GeneratorExit")


def test_the_conformance_suite_reports_generator_exit_per_check_and_still_ends(fresh_bridge, tmp_path):
    driver = fresh_bridge(env={"TMPDIR": str(tmp_path)})
    reply = driver.call("test", {"target": "unprintable.py:BaseExceptionConnector", "only": ["inventory.shape", "run.stdout"], "timeoutSec": 10})
    by_check = {entry["check"]: entry for entry in result(reply)}
    assert by_check["inventory.shape"]["status"] == "pass"
    assert (by_check["run.stdout"]["status"], by_check["run.stdout"]["message"]) == ("error", "could not connect: GeneratorExit")


@pytest.mark.parametrize("broken", ["re", "traceback", "stderr"])
def test_a_connector_that_breaks_the_tools_of_the_kits_error_path_still_gets_its_error_scrubbed(fresh_bridge, broken):
    # re.compile, traceback.format_exc, a closed sys.stderr: the reply was never sent
    driver = fresh_bridge()
    driver.sock.settimeout(20)
    spec = f"meddles.py:BreaksTheKitsToolsConnector/{broken}"
    failed = error(driver.call("inventory", {"targets": [spec]}), "connector")
    assert (failed["message"], failed["target"]) == ("ValueError: failed with ******** and ********", spec)
    assert "kit-tools" not in failed.get("detail", "")
    assert result(driver.call("inventory", {"targets": ["@local"]}))[0]["name"] == "@local"
    _, _, log = driver.close()
    assert "kit-tools" not in log
