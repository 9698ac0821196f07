"""The debug entry (python/pyinfra_kit_bridge/debug_entry.py) runs one bridge request in its own process, as
debugpy's launcher starts it; the debugger itself is exercised in the e2e suite (suite/debug.test.ts)."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import FIXTURES, PYTHON_DIR, ROOT

ENTRY = PYTHON_DIR / "pyinfra_kit_bridge" / "debug_entry.py"
DEMO = ROOT / "test" / "fixtures" / "demo-workspace"


def run_entry(tmp_path, request: dict, cwd=DEMO) -> tuple[int, dict, str, str]:
    result = tmp_path / "reply.json"
    done = subprocess.run([sys.executable, str(ENTRY), json.dumps(request), str(result)], cwd=cwd, capture_output=True, text=True, timeout=60)
    return done.returncode, json.loads(result.read_text()), done.stdout, done.stderr


def test_inventory_answers_as_the_bridge_does(tmp_path):
    code, reply, _out, _err = run_entry(tmp_path, {"method": "inventory", "params": {"targets": ["connectors/demo.py:DemoConnector/web"]}})
    assert code == 0
    assert [host["name"] for host in reply["result"]] == ["web-1", "web-2"]
    assert reply["result"][0]["data"]["ssh_password"] != "hunter2", "secrets are masked as in the bridge"


def test_run_prints_each_line_with_its_host_and_keeps_the_result(tmp_path):
    request = {"method": "run", "params": {"selectors": [{"target": "connectors/demo.py:DemoConnector", "hosts": ["web-1"]}], "command": "echo out-$((6*7)); echo err-line >&2"}}
    code, reply, out, err = run_entry(tmp_path, request)
    assert code == 0
    assert "[web-1] out-42" in out.splitlines()
    assert "[web-1] err-line" in err.splitlines()
    assert [(r["host"], r["success"], r["stdout"]) for r in reply["result"]] == [("web-1", True, "out-42")]


def test_a_raising_connector_is_an_error_reply_naming_the_cause(tmp_path):
    code, reply, _out, err = run_entry(tmp_path, {"method": "inventory", "params": {"targets": ["raises.py:RaisesConnector"]}}, cwd=FIXTURES)
    assert code == 1
    assert reply["error"]["kind"] == "connector"
    assert "ValueError: the API answered 500" in reply["error"]["message"]
    assert reply["error"]["message"] in err


def test_the_normal_bridge_never_imports_debugpy():
    code = "import sys; sys.path[0] = sys.argv[1]; import pyinfra_kit_bridge.__main__, pyinfra_kit_bridge.server, pyinfra_kit_bridge.supervisor, pyinfra_kit_bridge.worker; print('debugpy' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code, str(PYTHON_DIR)], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "False", done.stderr


def test_the_conformance_suite_runs_in_the_same_process(tmp_path):
    request = {"method": "test", "params": {"target": "connectors/demo.py:DemoConnector", "timeoutSec": 3600, "only": ["connect.lifecycle"]}}
    code, reply, _out, _err = run_entry(tmp_path, request)
    assert code == 0
    assert {(r["check"], r["status"]) for r in reply["result"]} == {("connect.lifecycle", "pass")}
