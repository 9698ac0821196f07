"""Every call into connector code has a deadline the kit enforces, whatever the connector does."""

import os
import time

from test_bridge_inventory import error, result


def _timed(driver, method, params):
    started = time.monotonic()
    reply = driver.call(method, params)
    return reply, time.monotonic() - started


def test_a_call_that_never_returns_ends_at_its_deadline_naming_the_call(fresh_bridge, tmp_path):
    driver = fresh_bridge()
    (tmp_path / "file").write_text("x")
    cases = [
        ("run", {"selectors": [{"target": "hangs.py:HangsInConnect/c"}], "command": "true"}, "connect of hangs.py:HangsInConnect/c to hang-c"),
        ("run", {"selectors": [{"target": "hangs.py:HangsInRun/r"}], "command": "true"}, "run_shell_command of hangs.py:HangsInRun/r on hang-r"),
        ("put", {"selector": {"target": "hangs.py:HangsInPut/p"}, "local": str(tmp_path / "file"), "remote": "/x"}, "put_file of hangs.py:HangsInPut/p on hang-p"),
        ("get", {"selector": {"target": "hangs.py:HangsInGet/g"}, "remote": "/x", "local": str(tmp_path / "copy")}, "get_file of hangs.py:HangsInGet/g on hang-g"),
    ]
    for method, params, what in cases:
        reply, took = _timed(driver, method, {**params, "deadlineSec": 1})
        (host,) = result(reply)
        assert host["success"] is False and host["error"] == f"{what} did not finish within 1 s", host
        assert took < 15, f"{what} took {took:.1f} s"  # not the hour it would hang: room for a loaded machine
    assert sorted(os.listdir(tmp_path)) == ["file"], "the interrupted download left its partial file"


def test_a_call_spinning_the_cpu_gets_its_worker_stopped(fresh_bridge):
    driver = fresh_bridge()
    reply, took = _timed(driver, "run", {"selectors": [{"target": "hangs.py:SpinsInRun"}], "command": "true", "deadlineSec": 1})
    failure = error(reply, "timeout")
    assert failure["message"] == "run_shell_command of hangs.py:SpinsInRun on hang-host did not finish within 1 s; its worker process was stopped and starts again on the next call"
    assert took < 20  # not the hour it would spin: room for a loaded machine
    assert driver.process.poll() is None


ONE_HOST_SPINS_WHEN_THE_OTHER_ENDS = """
import gevent.event
from pyinfra.connectors.local import LocalConnector

other_ended = gevent.event.Event()


class OneSpins(LocalConnector):
    handles_execution = True

    @staticmethod
    def make_names_data(name=None):
        yield "quick", {}, []
        yield "spinner", {}, []

    def run_shell_command(self, command, print_output=False, print_input=False, **arguments):
        if self.host.name == "spinner":
            other_ended.wait()
            while True:  # the CPU, from the very turn of the loop in which the other host ended
                pass
        returned = super().run_shell_command(command, print_output=print_output, print_input=print_input, **arguments)
        other_ended.set()
        return returned
"""


def test_a_host_that_ended_is_reported_though_another_then_keeps_the_cpu(fresh_bridge, tmp_path):
    (tmp_path / "spins.py").write_text(ONE_HOST_SPINS_WHEN_THE_OTHER_ENDS)
    driver = fresh_bridge(cwd=tmp_path)
    notes: list = []
    # the quick host's connect and run must end within the deadline: room for a loaded machine
    reply = driver.call("run", {"selectors": [{"target": "spins.py:OneSpins"}], "command": "true", "deadlineSec": 5}, notes)
    assert error(reply, "timeout")["message"].startswith("run_shell_command of spins.py:OneSpins on spinner did not finish within 5 s")
    finished = [note["params"]["finished"] for note in notes if note.get("method") == "progress" and "finished" in note["params"]]
    assert [(host["host"], host["success"]) for host in finished] == [("quick", True)]


def _descendants(pid):
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = open(f"/proc/{entry}/stat").read()
            except OSError:
                continue
            children.setdefault(int(stat[stat.rfind(")") + 2 :].split()[1]), []).append(int(entry))
    found, queue = [], [pid]
    while queue:
        for child in children.get(queue.pop(), []):
            found.append(child)
            queue.append(child)
    return found


def _cmdline(pid):
    try:
        return open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def test_a_local_command_tree_that_timed_out_is_killed(bridge):
    reply = bridge.call("run", {"selectors": [{"target": "@local"}], "command": "sleep 97.1 & sleep 97.2; wait", "deadlineSec": 1})
    (host,) = result(reply)
    assert host["error"] == "run_shell_command of @local on @local did not finish within 1 s"
    deadline = time.monotonic() + 10  # killed at once, but a loaded machine may take a while to show it
    while (left := [line for line in map(_cmdline, _descendants(bridge.process.pid)) if "sleep 97." in line]) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not left, left
