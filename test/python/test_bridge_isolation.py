"""One connector target's work cannot reach another's: each runs in a worker process of its own."""

import json
import os
import subprocess
import time

from test_bridge_inventory import error, result


def send(driver, method, params):
    driver.next_id += 1
    driver.sock.sendall((json.dumps({"id": driver.next_id, "method": method, "params": params}) + "\n").encode())
    return driver.next_id


def replies(driver, ids):
    """The replies to the given requests, by id, in whatever order they come."""
    got = {}
    while set(got) != set(ids):
        message = driver.receive()
        if message.get("id") in ids:
            got[message["id"]] = message
    return got


def hosts_of(reply):
    return [host["name"] for host in result(reply)]


def test_a_timed_out_connector_stops_alone_and_names_itself(fresh_bridge):
    driver = fresh_bridge()
    bystander = send(driver, "run", {"selectors": [{"target": "@local"}], "command": "sleep 2; echo done"})
    slow = send(driver, "inventory", {"targets": ["slow.py:SleepsConnector"], "deadlineSec": 1})
    got = replies(driver, [bystander, slow])
    failure = error(got[slow], "timeout")
    assert failure["message"] == "make_names_data of slow.py:SleepsConnector did not finish within 1 s; its worker process was stopped and starts again on the next call"
    assert failure["target"] == "slow.py:SleepsConnector"
    (ran,) = result(got[bystander])
    assert ran["success"] is True and ran["stdout"] == "done"
    assert hosts_of(driver.call("inventory", {"targets": ["@local"]})) == ["@local"]
    assert driver.process.poll() is None


def test_a_connector_spinning_the_cpu_does_not_slow_the_others(fresh_bridge):
    driver = fresh_bridge()
    spinning = send(driver, "inventory", {"targets": ["slow.py:SpinsConnector"], "deadlineSec": 8})
    meanwhile: list = []
    for _ in range(3):
        assert hosts_of(driver.call("inventory", {"targets": ["@kitfixture/web"]}, meanwhile)) == ["web-0", "web-1"]
    # answered while the spinning one still ran, not once its deadline stopped it (no clock: a loaded machine is slow)
    assert spinning not in [message.get("id") for message in meanwhile], "the other connector waited for the spinning one"
    failure = error(replies(driver, [spinning])[spinning], "timeout")
    assert failure["message"].startswith("make_names_data of slow.py:SpinsConnector did not finish within 8 s")


def test_changes_to_the_process_stay_in_the_connector_that_made_them(fresh_bridge):
    driver = fresh_bridge()
    # it broke its own process (our code there calls len too): it still gets an answer, by its deadline at the latest
    meddled = driver.call("inventory", {"targets": ["meddles.py:MeddlesConnector"], "deadlineSec": 3})
    assert meddled["id"] == driver.next_id
    (observer,) = result(driver.call("inventory", {"targets": ["meddles.py:SeesTheProcessConnector"]}))
    assert observer["data"] == {"cwd": os.path.realpath(driver.cwd), "meddled": "no", "len": 3, "json": "1"}
    raised = error(driver.call("inventory", {"targets": ["raises.py:RaisesConnector"], "deadlineSec": 10}), "connector")
    assert raised["message"] == "ValueError: the API answered 500"
    (ran,) = result(driver.call("run", {"selectors": [{"target": "@local"}], "command": "echo $((1+1))"}))
    assert ran["stdout"] == "2"


def test_files_with_one_basename_and_a_symlinked_file_all_load(fresh_bridge, tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "conn.py").write_text(
            "from pyinfra.connectors.base import BaseConnector\n"
            "class Conn(BaseConnector):\n"
            "    @staticmethod\n"
            f"    def make_names_data(name=None):\n        yield 'from-{folder}', {{}}, []\n"
        )
    (tmp_path / "linked").symlink_to(tmp_path / "a")
    driver = fresh_bridge(cwd=tmp_path)
    assert hosts_of(driver.call("inventory", {"targets": ["a/conn.py:Conn"]})) == ["from-a"]
    assert hosts_of(driver.call("inventory", {"targets": ["b/conn.py:Conn"]})) == ["from-b"]
    assert hosts_of(driver.call("inventory", {"targets": ["linked/conn.py:Conn"]})) == ["from-a"]
    assert hosts_of(driver.call("inventory", {"targets": ["a/conn.py:Conn"]})) == ["from-a"]


def test_a_connector_ending_its_process_is_named_with_what_it_did(fresh_bridge):
    driver = fresh_bridge()
    exited = error(driver.call("inventory", {"targets": ["exits.py:ExitsConnector"]}), "exited")
    assert exited["message"] == "make_names_data of exits.py:ExitsConnector: it ended its process with exit code 7 (os._exit or similar)"
    assert exited["target"] == "exits.py:ExitsConnector"
    crashed = error(driver.call("inventory", {"targets": ["exits.py:CrashesConnector"]}), "exited")
    assert crashed["message"] == "make_names_data of exits.py:CrashesConnector: its process was killed by SIGSEGV (a crash in native code)"
    interrupted = error(driver.call("inventory", {"targets": ["meddles.py:InterruptsConnector"]}), "connector")
    assert interrupted["message"] == "the connector raised KeyboardInterrupt"
    assert interrupted["target"] == "meddles.py:InterruptsConnector"
    assert hosts_of(driver.call("inventory", {"targets": ["@local"]})) == ["@local"]
    assert driver.process.poll() is None


def test_an_error_in_a_run_over_several_targets_names_its_target(bridge):
    failure = error(bridge.call("run", {"selectors": [{"target": "@local"}, {"target": "raises.py:RaisesConnector"}], "command": "true"}), "connector")
    assert failure["target"] == "raises.py:RaisesConnector"


def test_a_worker_is_reused_for_its_target_and_the_parent_runs_no_connector(bridge):
    def pid(spec):
        return result(bridge.call("inventory", {"targets": [spec]}))[0]["data"]["pid"]

    first, again, other = pid("meddles.py:PidConnector/a"), pid("meddles.py:PidConnector/a"), pid("meddles.py:PidConnector/b")
    assert first == again != other
    assert bridge.process.pid not in (first, other)


def test_a_connector_that_moves_its_worker_out_of_its_process_group_is_still_stopped_alone(fresh_bridge):
    # the parent killed the worker's group only: a worker that had left it spun on, its request unanswered; and a worker
    # ending its serve loop killed "its" group, by then the parent's
    driver = fresh_bridge(new_session=True)
    driver.sock.settimeout(30)
    spun = error(driver.call("inventory", {"targets": ["meddles.py:LeavesItsGroupConnector/spin"], "deadlineSec": 2}), "timeout")
    assert spun["message"].startswith("make_names_data of meddles.py:LeavesItsGroupConnector/spin did not finish within 2 s")
    assert hosts_of(driver.call("inventory", {"targets": ["meddles.py:LeavesItsGroupConnector/yield"]})) == ["left-its-group"]
    assert hosts_of(driver.call("inventory", {"targets": ["@local"]})) == ["@local"]
    assert driver.process.poll() is None
    ours = _bridge_processes(driver.process.pid)
    assert len(ours) >= 3  # the bridge and its workers
    driver.reader.close()
    driver.sock.close()  # the client goes: the workers end their serve loops
    assert driver.process.wait(timeout=20) == 0  # the bridge ended itself, not killed by a worker's kill of its group
    time.sleep(1)
    assert ours & _bridge_processes(driver.process.pid) == set()


def _bridge_processes(bridge_pid: int) -> set[int]:
    """The bridge and the processes in its group or its session (workers, and one that joined the bridge's group)."""
    listed = subprocess.run(["ps", "-eo", "pid=,sid=,stat="], capture_output=True, text=True).stdout.split("\n")
    return {int(pid) for pid, sid, stat in (line.split() for line in listed if line.strip()) if int(sid) == bridge_pid and not stat.startswith("Z")}
