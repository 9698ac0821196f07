"""The debug entry (python/pyinfra_kit_bridge/debug_entry.py) runs one bridge request in its own process, as
debugpy's launcher starts it; the debugger itself is exercised in the e2e suite (suite/debug.test.ts)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import FIXTURES, PYTHON_DIR, ROOT
from pyinfra_kit_bridge.masking import MASK
from test_bridge_inventory import result

sys.path.insert(0, str(FIXTURES))
from leaks_secrets import PASSWORD, URL_PASSWORD  # noqa: E402

ENTRY = PYTHON_DIR / "pyinfra_kit_bridge" / "debug_entry.py"
DEMO = ROOT / "test" / "fixtures" / "demo-workspace"


# as the extension launches it: stdout a pipe and buffered (no PYTHONUNBUFFERED, which this machine's shells may set)
ENTRY_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}


def run_entry(tmp_path, request: dict, cwd=DEMO) -> tuple[int, dict, str, str]:
    result = tmp_path / "reply.json"
    done = subprocess.run([sys.executable, str(ENTRY), json.dumps(request), str(result)], cwd=cwd, capture_output=True, text=True, timeout=60, env=ENTRY_ENV)
    assert result.exists(), (done.returncode, done.stdout[-2000:], done.stderr[-3000:])
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


def test_a_run_gives_the_answer_the_bridge_gives_exit_code_and_output_that_is_not_utf8(tmp_path, bridge):
    # pyinfra alone loses the lines after a byte that is not UTF-8 and says no exit code: the kit's fixes of
    # pyinfra (pyinfra_compat) must be there under the debugger as in the bridge
    params = {"selectors": [{"target": "@local"}], "command": r"printf 'ok\n\377bad\n'; echo after; printf 'err\376\n' >&2; exit 3"}
    code, reply, out, _err = run_entry(tmp_path, {"method": "run", "params": params}, cwd=FIXTURES)
    (debugged,) = result(reply)
    (normal,) = result(bridge.call("run", params))
    assert code == 0
    assert (debugged["exitCode"], debugged["stdout"].splitlines(), debugged["stderr"]) == (3, ["ok", "\\xffbad", "after"], "err\\xfe")
    assert {key: debugged[key] for key in ("host", "success", "exitCode", "stdout", "stderr")} == {key: normal[key] for key in ("host", "success", "exitCode", "stdout", "stderr")}
    assert "[@local] after" in out.splitlines()


def test_the_debug_entry_sets_up_pyinfra_as_the_bridge_does(tmp_path):
    # every function pyinfra_compat.install() replaces, looked up after the entry ran a request
    check = (
        "import sys; sys.path[0] = sys.argv[1]; from pyinfra_kit_bridge.debug_entry import main; main(sys.argv[2:]);"
        "from pyinfra.connectors import util, local; from pyinfra.connectors.sshuserclient import client;"
        "print([f.__module__ for f in (util.read_buffer, util.execute_command_with_sudo_retry, local.execute_command_with_sudo_retry,"
        " client.get_missing_host_key_policy, local.LocalConnector.get_file)])"
    )
    request = json.dumps({"method": "inventory", "params": {"targets": ["@local"]}})
    done = subprocess.run([sys.executable, "-c", check, str(PYTHON_DIR), request, str(tmp_path / "reply.json")], cwd=FIXTURES, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip().splitlines()[-1] == str(["pyinfra_kit_bridge.pyinfra_compat"] * 5), done.stderr


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


def test_what_a_connector_writes_itself_reaches_the_debug_console_scrubbed(tmp_path):
    # print()s and writes straight to descriptors 1 and 2, before the secrets are yielded, after, and a line that never ends
    for target, command in (("leaks_secrets.py:WritesToDescriptorsConnector", "true"), ("leaks_secrets.py:LoginFailsConnector", "true")):
        code, reply, out, err = run_entry(tmp_path, {"method": "run", "params": {"selectors": [{"target": target}], "command": command}}, cwd=FIXTURES)
        assert code == 0, err
        assert PASSWORD not in out + err and URL_PASSWORD not in out + err, (out, err)
        assert PASSWORD not in json.dumps(reply)
    code, _reply, out, err = run_entry(tmp_path, {"method": "run", "params": {"selectors": [{"target": "leaks_secrets.py:WritesToDescriptorsConnector"}], "command": "true"}}, cwd=FIXTURES)
    assert f"fd2 before the yield: {MASK}\n" in err and f"fd1 after the yield: {MASK}\n" in out
    assert f"fd1 in connect: {MASK} and " in out and err.startswith(f"fd2 before the yield: {MASK}\n")
    assert f"fd2 in connect: {MASK}\n" in err
    _code, _reply, out, _err = run_entry(tmp_path, {"method": "run", "params": {"selectors": [{"target": "leaks_secrets.py:LoginFailsConnector"}], "command": "true"}}, cwd=FIXTURES)
    assert f"trying bob with {MASK}\n" in out


def test_more_output_than_a_pipe_holds_while_listing_is_all_relayed_scrubbed(tmp_path):
    from debug_output import FLOOD_LINES

    code, reply, out, err = run_entry(tmp_path, {"method": "inventory", "params": {"targets": ["debug_output.py:FloodsWhileListingConnector"]}}, cwd=FIXTURES)
    assert code == 0, err[-2000:]
    assert [host["name"] for host in reply["result"]] == ["flooded"]
    lines = out.splitlines()
    assert len(lines) == FLOOD_LINES and lines[-1] == f"line {FLOOD_LINES - 1:05d} of the flood, with {MASK} in it"
    assert PASSWORD not in out + err


def test_prints_reach_the_debug_console_as_they_are_made_and_an_unended_one_scrubbed(tmp_path):
    # in order with writes straight to fd 1 (a print is not held back until the session ends), and the print
    # still buffered when the request ends goes through the scrubbing pipe, not straight to the console
    code, _reply, out, err = run_entry(tmp_path, {"method": "run", "params": {"selectors": [{"target": "debug_output.py:PrintsAsItGoesConnector"}], "command": "true"}}, cwd=FIXTURES)
    assert code == 0, err[-2000:]
    assert out.splitlines() == [f"printed first: {MASK}", "written second", "printed third", f"printed without a newline: {MASK}"], out
    assert PASSWORD not in out + err


# the relay of fds 1 and 2 alone, under a stand-in for debugpy that records which threads turn their tracing off
RELAY_ALONE = """
import json, os, sys, types
sys.path[0] = sys.argv[1]
calls = []
sys.modules["debugpy"] = types.SimpleNamespace(trace_this_thread=calls.append, is_client_connected=lambda: False)
from gevent import monkey
monkey.patch_all()
from pyinfra_kit_bridge.debug_entry import _ScrubbedDescriptors
before = set(os.listdir("/proc/self/fd"))
descriptors = _ScrubbedDescriptors("relayed")
print("through the relay")
descriptors.close()
print(json.dumps({"tracing": calls, "left_open": sorted(set(os.listdir("/proc/self/fd")) - before)}))
"""


def test_the_relay_thread_is_untraced_and_closing_leaves_no_descriptor_open():
    done = subprocess.run([sys.executable, "-c", RELAY_ALONE, str(PYTHON_DIR)], capture_output=True, text=True, timeout=60, env=ENTRY_ENV)
    assert done.returncode == 0, done.stderr[-2000:]
    relayed, report = done.stdout.splitlines()
    assert relayed == "through the relay"
    assert json.loads(report) == {"tracing": [False], "left_open": []}


def test_a_secret_where_a_long_line_is_cut_is_scrubbed(tmp_path):
    code, _reply, out, err = run_entry(tmp_path, {"method": "inventory", "params": {"targets": ["debug_output.py:LongLineConnector"]}}, cwd=FIXTURES)
    assert code == 0, err[-2000:]
    assert out == "x" * ((1 << 20) - 4) + MASK + "\n"


def test_bytes_that_are_not_utf8_pass_through_unchanged_but_scrubbed(tmp_path):
    result = tmp_path / "reply.json"
    request = {"method": "run", "params": {"selectors": [{"target": "debug_output.py:WritesBytesConnector"}], "command": "true"}}
    done = subprocess.run([sys.executable, str(ENTRY), json.dumps(request), str(result)], cwd=FIXTURES, capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stderr.startswith(b"\xff\xfe before " + MASK.encode() + b" \xc3\n"), done.stderr[-500:]
    assert b"after " + MASK.encode() + " \u20ac\n".encode() in done.stdout, done.stdout[-500:]
    assert PASSWORD.encode() not in done.stdout + done.stderr


def test_a_child_keeping_fd1_open_does_not_hold_the_session(tmp_path):
    import signal
    import time

    pid_file = tmp_path / "child.pid"
    result = tmp_path / "reply.json"
    request = {"method": "run", "params": {"selectors": [{"target": "debug_output.py:LeavesAChildConnector"}], "command": "true"}}
    started = time.monotonic()
    try:
        done = subprocess.run([sys.executable, str(ENTRY), json.dumps(request), str(result)], cwd=FIXTURES, capture_output=True, text=True, timeout=60,
                              env={**os.environ, "CHILD_PID_FILE": str(pid_file)})
        took = time.monotonic() - started
    finally:
        if pid_file.exists():
            os.kill(int(pid_file.read_text()), signal.SIGKILL)
    assert done.returncode == 0, done.stderr[-2000:]
    assert took < 50, f"the session waited for the child ({took:.1f} s)"  # it lives 120 s; one entry run can take 6 s on a loaded machine
    assert f"started {pid_file.read_text()} with {MASK}" in done.stdout and PASSWORD not in done.stdout + done.stderr
    assert json.loads(result.read_text())["result"][0]["success"] is True


def test_a_connector_closing_fds_1_and_2_still_gets_its_reply(tmp_path):
    code, reply, out, err = run_entry(tmp_path, {"method": "run", "params": {"selectors": [{"target": "debug_output.py:ClosesDescriptorsConnector"}], "command": "true"}}, cwd=FIXTURES)
    assert "result" in reply, reply
    assert f"closing with {MASK}" in out and PASSWORD not in out + err
    assert code == 0, err


def test_a_connector_replacing_sys_stdout_still_gets_its_reply_scrubbed(tmp_path):
    code, reply, out, err = run_entry(tmp_path, {"method": "run", "params": {"selectors": [{"target": "debug_output.py:ReplacesStdoutConnector"}], "command": "true"}}, cwd=FIXTURES)
    assert code == 0, err
    assert [r["success"] for r in reply["result"]] == [True]
    assert f"before the swap: {MASK}" in out and f"through the new stdout: {MASK}" in out
    assert PASSWORD not in out + err


def test_a_raising_connector_error_is_on_stderr_once_scrubbed(tmp_path):
    code, reply, out, err = run_entry(tmp_path, {"method": "inventory", "params": {"targets": ["debug_output.py:RaisesWithSecretConnector"]}}, cwd=FIXTURES)
    assert code == 1
    assert reply["error"]["message"] == f"RuntimeError: the API refused {MASK}", reply
    # the bridge's traceback, then the message as the last line: nothing lost, nothing doubled by the relay
    assert err.count("Traceback (most recent call last)") == 1 and err.splitlines()[-1] == reply["error"]["message"], err
    assert err.count(f"the API refused {MASK}") == 2, err
    assert f"listing with {MASK}" in out
    assert PASSWORD not in out + err + json.dumps(reply)


def test_a_secret_a_module_prints_when_imported_is_scrubbed_once_yielded(tmp_path):
    code, _reply, out, err = run_entry(tmp_path, {"method": "inventory", "params": {"targets": ["prints_on_import.py:PrintsOnImportConnector"]}}, cwd=FIXTURES)
    assert code == 0, err[-2000:]
    assert f"config loaded, password {MASK}\n" in out and f"fd2 at import: {MASK}\n" in err
    assert PASSWORD not in out + err
