"""run / put / get through the real bridge and real pyinfra connectors."""

import json
import os
import re
import signal
import time

import pytest

from test_bridge_inventory import error, result


def test_run_streams_lines_per_host_and_keeps_stderr_apart(bridge):
    notes = []
    results = result(
        bridge.call("run", {"selectors": [{"target": "local_subclass.py:ManyLocalConnector/2"}], "command": "echo out-$((6*7)); echo err-line >&2"}, notes)
    )
    assert [(r["host"], r["success"], r["stdout"], r["stderr"]) for r in results] == [
        ("local-0", True, "out-42", "err-line"),
        ("local-1", True, "out-42", "err-line"),
    ]
    assert all(r["durationMs"] > 0 for r in results)
    lines = sorted((n["params"]["host"], n["params"]["stream"], n["params"]["line"]) for n in notes if n["method"] == "output")
    assert lines == [("local-0", "stderr", "err-line"), ("local-0", "stdout", "out-42"), ("local-1", "stderr", "err-line"), ("local-1", "stdout", "out-42")]


def test_run_selects_hosts_by_name_and_reports_unknown_ones(bridge):
    results = result(
        bridge.call("run", {"selectors": [{"target": "local_subclass.py:ManyLocalConnector/3", "hosts": ["local-2", "ghost"]}], "command": "true"})
    )
    assert [(r["host"], r["success"]) for r in results] == [("local-2", True), ("ghost", False)]
    assert results[1]["error"] == "local_subclass.py:ManyLocalConnector/3 has no host 'ghost'"


def test_a_failing_command_fails_and_exit_codes_follow_success_exit_codes(bridge):
    (failed,) = result(bridge.call("run", {"selectors": [{"target": "@local"}], "command": "echo gone >&2; exit 3"}))
    assert failed["success"] is False and failed["stderr"] == "gone" and "error" not in failed


def test_connector_arguments_are_passed_as_pyinfra_passes_them(bridge):
    options = {"sudo": True, "sudoUser": "nobody", "chdir": "/tmp", "timeoutSec": 9, "env": {"A": "1"}}
    (recorded,) = result(bridge.call("run", {"selectors": [{"target": "run_faults.py:RecordsArgumentsConnector"}], "command": "  id -u ", "options": options}))
    assert json.loads(recorded["stdout"]) == {
        "command": "id -u",
        "print_output": True,
        "_sudo": True,
        "_sudo_user": "nobody",
        "_chdir": "/tmp",
        "_timeout": 9,
        "_env": ["A"],
        "_success_exit_codes": [0],
    }


def test_env_and_chdir_reach_the_command_on_local(bridge, tmp_path):
    (ran,) = result(
        bridge.call(
            "run", {"selectors": [{"target": "@local"}], "command": "echo $KIT_VALUE; pwd", "options": {"env": {"KIT_VALUE": "x y"}, "chdir": str(tmp_path)}}
        )
    )
    assert ran["stdout"].splitlines() == ["x y", str(tmp_path)]


def test_the_timeout_argument_ends_a_command(bridge):
    (slow,) = result(bridge.call("run", {"selectors": [{"target": "@local"}], "command": "sleep 5", "options": {"timeoutSec": 1}}))
    assert slow["success"] is False and slow["error"].startswith("TimeoutError")


def test_connect_errors_and_broken_returns_are_per_host_errors(bridge):
    (unreachable,) = result(bridge.call("run", {"selectors": [{"target": "run_faults.py:ConnectFailsConnector"}], "command": "true"}))
    assert unreachable["error"] == "Could not reach unreachable: connection refused"
    (bad,) = result(bridge.call("run", {"selectors": [{"target": "run_faults.py:BadReturnsConnector"}], "command": "true"}))
    assert bad["error"] == "TypeError: run_shell_command returned None; pyinfra expects (bool, CommandOutput)"
    (quitter,) = result(bridge.call("run", {"selectors": [{"target": "run_faults.py:ExitsInRunConnector"}], "command": "true"}))
    assert quitter["error"] == "the connector called sys.exit(2)"
    assert bridge.process.poll() is None


def test_output_lines_that_are_not_pyinfras_are_named_as_what_run_shell_command_returned(bridge):
    # they were "AttributeError: 'str' object has no attribute 'buffer_name'" and "TypeError: sequence item 0: expected
    # str instance, bytes found", which named neither the method nor the line
    expects = "; pyinfra expects OutputLine(buffer_name, line) with buffer_name 'stdout' or 'stderr' and line a str"
    for kind, shown in [("text", "'not a line'"), ("bytes", "OutputLine(buffer_name='stdout', line=b'raw bytes')")]:
        (ran,) = result(bridge.call("run", {"selectors": [{"target": f"run_faults.py:BadLinesConnector/{kind}"}], "command": "true"}))
        assert (ran["success"], ran["error"]) == (False, f"TypeError: run_shell_command returned a CommandOutput whose line 2 is {shown}{expects}")


def test_a_connector_whose_instantiation_fails_is_named_by_the_error(bridge):
    # pyinfra's State.init instantiates every host's connector: its __init__ raising, or host data its data_cls refuses,
    # failed the run with an error that named no target
    spec = "run_faults.py:InitRaisesConnector"
    failed = error(bridge.call("run", {"selectors": [{"target": "@local"}, {"target": spec}], "command": "true"}), "connector")
    assert (failed["message"], failed.get("target")) == ("RuntimeError: the connector could not start", spec)


def test_print_in_run_shell_command_does_not_corrupt_the_protocol(bridge):
    (noisy,) = result(bridge.call("run", {"selectors": [{"target": "printer.py:PrinterConnector"}], "command": "echo fine"}))
    assert noisy["success"] is True and noisy["stdout"] == "fine"


def test_put_and_get_round_trip_a_binary_file(bridge, tmp_path):
    payload = os.urandom(1024 * 1024) + bytes(range(256))
    (tmp_path / "source.bin").write_bytes(payload)
    remote = tmp_path / "remote.bin"
    (put,) = result(
        bridge.call("put", {"selector": {"target": "local_subclass.py:ManyLocalConnector/1"}, "local": str(tmp_path / "source.bin"), "remote": str(remote)})
    )
    assert put["success"] is True
    (got,) = result(bridge.call("get", {"selector": {"target": "@local"}, "remote": str(remote), "local": str(tmp_path / "back.bin")}))
    assert got["success"] is True
    assert (tmp_path / "back.bin").read_bytes() == payload
    assert sorted(os.listdir(tmp_path)) == ["back.bin", "remote.bin", "source.bin"]


def test_a_failed_get_leaves_no_file(bridge, tmp_path):
    (missing,) = result(bridge.call("get", {"selector": {"target": "@local"}, "remote": str(tmp_path / "nope"), "local": str(tmp_path / "copy.bin")}))
    assert missing["success"] is False and "cp: cannot stat" in missing["error"]
    (dropped,) = result(bridge.call("get", {"selector": {"target": "run_faults.py:BadReturnsConnector"}, "remote": "/x", "local": str(tmp_path / "copy.bin")}))
    assert dropped["error"] == "OSError: connection dropped mid-download"
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("left, shown", [("symlink", "a symbolic link"), ("directory", "a directory"), ("nothing", "nothing"), ("fifo", "a named pipe")])
def test_a_get_file_that_says_true_but_leaves_no_regular_file_fails_and_leaves_the_destination_as_it_was(bridge, tmp_path, left, shown):
    # a symlink was put in place of the destination and the file it pointed to chmod-ed, a named pipe "downloaded", a
    # directory left behind (its removal raised IsADirectoryError, which hid the cause), nothing a FileNotFoundError
    destination = tmp_path / "existing.txt"
    destination.write_text("OLD")
    spec = f"run_faults.py:GetLeavesOddThingsConnector/{left}"
    (got,) = result(bridge.call("get", {"selector": {"target": spec}, "remote": "/etc/hostname", "local": str(destination)}))
    assert got["success"] is False
    assert re.fullmatch(rf"ValueError: get_file returned True but left {shown} at the download's path \S+\.part, not a file", got["error"]), got["error"]
    assert destination.read_text() == "OLD" and not destination.is_symlink()
    assert sorted(os.listdir(tmp_path)) == (["cache", "existing.txt"] if left == "symlink" else ["existing.txt"])
    if left == "symlink":
        assert (tmp_path / "cache").stat().st_mode & 0o777 == 0o600


def test_get_wants_exactly_one_host_and_put_checks_its_return(bridge, tmp_path):
    failure = error(
        bridge.call("get", {"selector": {"target": "local_subclass.py:ManyLocalConnector/2"}, "remote": "/etc/hostname", "local": str(tmp_path / "x")}), "usage"
    )
    assert "one host at a time" in failure["message"]
    (tmp_path / "f").write_text("x")
    (bad,) = result(bridge.call("put", {"selector": {"target": "run_faults.py:BadReturnsConnector"}, "local": str(tmp_path / "f"), "remote": "/x"}))
    assert bad["error"] == "TypeError: put_file returned 'yes'; pyinfra expects True or False"


def test_parallel_bounds_how_many_hosts_run_at_once(bridge, tmp_path):
    # mkdir is atomic: a second host entering while another holds the lock fails
    lock, tried = tmp_path / "lock", tmp_path / "tried"
    tried.mkdir()
    command = f"mkdir {lock} && sleep 0.3 && rmdir {lock}"
    target = {"target": "local_subclass.py:ManyLocalConnector/3"}
    one_at_a_time = result(bridge.call("run", {"selectors": [target], "command": command, "options": {"parallel": 1}}))
    assert [r["success"] for r in one_at_a_time] == [True, True, True]
    # the host that takes the lock keeps it until the two others have tried (a host started late on a loaded
    # machine would otherwise find it free again); hosts run one at a time would each take it, after 60 s
    holds = f"if mkdir {lock}; then for i in $(seq 600); do [ $(ls {tried} | wc -l) -ge 2 ] && break; sleep 0.1; done; rmdir {lock}; else touch {tried}/$$; exit 1; fi"
    all_at_once = result(bridge.call("run", {"selectors": [target], "command": holds}))
    assert [r["success"] for r in all_at_once].count(True) == 1


def test_a_run_initialises_only_the_hosts_it_runs_on(bridge):
    # pyinfra's State.init is quadratic in the inventory's size: one host of a big inventory must stay quick
    (one,) = result(bridge.call("run", {"selectors": [{"target": "run_faults.py:CountsHostsConnector", "hosts": ["counted-3"]}], "command": "true"}))
    assert one["stdout"] == "hosts=1 group=1"
    every = result(bridge.call("run", {"selectors": [{"target": "run_faults.py:CountsHostsConnector"}], "command": "true"}))
    assert {r["stdout"] for r in every} == {"hosts=5 group=5"}


def test_when_the_client_goes_the_bridge_ends_with_the_commands_it_started(fresh_bridge):
    driver = fresh_bridge(new_session=True)
    driver.sock.sendall(b'{"id": 1, "method": "run", "params": {"selectors": [{"target": "@local"}], "command": "echo $$; sleep 30"}}\n')
    shell = int(driver.receive_output()["params"]["line"])
    os.kill(shell, 0)  # running
    driver.reader.close()
    driver.sock.close()
    driver.process.wait(timeout=20)
    deadline = time.monotonic() + 20  # generous: a loaded machine may be slow to reap the killed shell
    while time.monotonic() < deadline:
        try:
            os.kill(shell, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    raise AssertionError(f"the command's shell {shell} outlived the bridge")


def _processes_running(sleep_arg: str) -> list[str]:
    """This machine's processes running `sleep SLEEP_ARG` or a shell command holding it (@local runs here): "pid args"."""
    found = []
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as handle:
                args = handle.read().decode(errors="replace").split("\0")
        except OSError:
            continue
        if sleep_arg in args or any(re.search(rf"sleep {re.escape(sleep_arg)}(?!\d)", arg) for arg in args):
            found.append(f"{entry} {' '.join(args)}")
    return found


def test_a_cancelled_run_stops_its_commands_on_the_host(bridge):
    sleep_arg = f"95.{os.getpid()}"  # far longer than the test, and recognisable: only the cancel can end it
    bridge.next_id += 1
    request = bridge.next_id
    command = f"echo started; sleep {sleep_arg}; echo finished"
    bridge.sock.sendall((json.dumps({"id": request, "method": "run", "params": {"selectors": [{"target": "@local"}], "command": command}}) + "\n").encode())
    assert bridge.receive_output()["params"]["line"] == "started"
    assert _processes_running(sleep_arg), "the command runs"
    bridge.sock.sendall((json.dumps({"method": "cancel", "params": {"id": request}}) + "\n").encode())
    assert bridge.receive() == {"id": request, "error": {"kind": "cancelled", "message": "Cancelled"}}
    deadline = time.monotonic() + 20
    while (left := _processes_running(sleep_arg)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert left == [], "the cancelled command still runs"
    (after,) = result(bridge.call("run", {"selectors": [{"target": "@local"}], "command": "echo still here"}))
    assert after["stdout"] == "still here"


def test_a_tree_killed_as_its_shell_starts_the_next_command_leaves_nothing():
    # what a cancel on a command's first line meets: pyinfra's `sh -c "sh -c '...'"` about to fork `sleep`.
    # A tree killed as first read left that sleep running in about half of these
    import subprocess

    from pyinfra_kit_bridge.processes import kill_tree

    left = []
    for attempt in range(30):
        sleep_arg = f"94.{os.getpid()}{attempt:02d}"
        shell = subprocess.Popen(["sh", "-c", f"sh -c 'echo started; sleep {sleep_arg}; echo finished'"], stdout=subprocess.PIPE)
        assert shell.stdout.readline() == b"started\n"
        kill_tree(shell.pid)
        shell.wait()
        shell.stdout.close()
        deadline = time.monotonic() + 5  # a killed process leaves /proc once reaped: gone at once here
        while (running := _processes_running(sleep_arg)) and time.monotonic() < deadline:
            time.sleep(0.01)
        left += running
    for line in left:  # not left for the rest of the run
        os.kill(int(line.split()[0]), signal.SIGKILL)
    assert left == [], left


def test_a_raising_connect_run_put_or_get_carries_its_traceback_to_the_raising_line(bridge, tmp_path):
    fixture = "run_faults.py"
    (unreachable,) = result(bridge.call("run", {"selectors": [{"target": f"{fixture}:ConnectFailsConnector"}], "command": "true"}))
    (quitter,) = result(bridge.call("run", {"selectors": [{"target": f"{fixture}:ExitsInRunConnector"}], "command": "true"}))
    (dropped,) = result(bridge.call("get", {"selector": {"target": f"{fixture}:BadReturnsConnector"}, "remote": "/x", "local": str(tmp_path / "copy.bin")}))
    source = (tmp_path / "up.txt")
    source.write_text("x")
    (refused,) = result(bridge.call("put", {"selector": {"target": f"{fixture}:BadReturnsConnector"}, "local": str(source), "remote": "/tmp/x"}))
    for host, method, raised in ((unreachable, "connect", "ConnectError"), (quitter, "run_shell_command", "SystemExit"), (dropped, "get_file", "OSError")):
        lines = host["traceback"].splitlines()
        assert lines[0] == "Traceback (most recent call last):" and raised in lines[-1], host["traceback"]
        assert any(fixture in line and line.endswith(f"in {method}") for line in lines), host["traceback"]
    # a wrong return is the kit's check raising, not the connector's code: a traceback with no frame of the fixture
    assert "TypeError: put_file returned 'yes'" in refused["traceback"] and fixture not in refused["traceback"]
