"""Hosts reach the client while make_names_data is still yielding; the answer is still pyinfra's own."""

import json
import os
import subprocess
import sys

from conftest import FIXTURES
from test_bridge_inventory import result


def _start(driver, params: dict) -> int:
    driver.next_id += 1
    driver.sock.sendall((json.dumps({"id": driver.next_id, "method": "inventory", "params": {**params, "chunked": True}}) + "\n").encode())
    return driver.next_id


def _answer(driver, params: dict) -> tuple[dict, list[dict]]:
    """The reply and the hosts as the client ends up with them: appended, then replaced by name."""
    request = _start(driver, params)
    hosts: list[dict] = []
    while (message := driver.receive()).get("id") != request:
        if message.get("method") == "hosts":
            hosts += message["params"]["hosts"]
        elif message.get("method") == "hostsChanged":
            changed = {host["name"]: host for host in message["params"]["hosts"]}
            hosts = [changed.get(host["name"], host) for host in hosts]
    return message, hosts


def test_the_first_hosts_arrive_while_make_names_data_still_runs(bridge, tmp_path):
    flag = tmp_path / "client-saw-the-first-hosts"
    request = _start(bridge, {"targets": [f"streams.py:WaitsForTheClient/{flag}"]})
    first = bridge.receive()
    assert first["method"] == "hosts" and [host["name"] for host in first["params"]["hosts"]] == ["early-0", "early-1", "early-2"]
    assert first["params"]["hosts"][1] == {"name": "early-1", "data": {"index": 1}, "groups": ["early"], "connector": f"streams.py:WaitsForTheClient/{flag}"}
    flag.touch()  # the connector is still waiting for this: it yields its last host once it sees it
    notes = []
    while (message := bridge.receive()).get("id") != request:
        notes.append(message)
    assert result(message) == {"count": 4}
    assert [(note["method"], note["params"]["hosts"]) for note in notes] == [("hosts", [{"name": "late", "data": {"saw_the_file": True}, "groups": [], "connector": f"streams.py:WaitsForTheClient/{flag}"}])]


def _pyinfras_own_inventory(tmp_path, entry_point: str) -> list[list]:
    """pyinfra's own Inventory of the connector, installed as an entry point in a site of its own."""
    info = tmp_path / "site" / "kit_streams-0.1.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: kit-streams\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(f"[pyinfra.connectors]\nkitstreams = {entry_point}\n")
    script = (
        "import json; from gevent import monkey; monkey.patch_all(); from pyinfra.api.inventory import Inventory; "
        "print(json.dumps([[host.name, host.data.dict(), host.groups] for host in Inventory((['@kitstreams'], {}))]))"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(FIXTURES), str(info.parent)])}
    return json.loads(subprocess.run([sys.executable, "-c", script], env=env, cwd=FIXTURES, capture_output=True, text=True, check=True).stdout)


def test_hosts_whose_data_changed_after_they_were_yielded_are_sent_again_as_pyinfra_has_them(bridge, tmp_path):
    reply, hosts = _answer(bridge, {"targets": ["streams.py:ChangesAfterYielding"]})
    assert result(reply) == {"count": 3}
    theirs = _pyinfras_own_inventory(tmp_path, "streams:ChangesAfterYielding")
    assert theirs == [["web-1", {"role": "cache"}, ["web"]], ["db-1", {"role": "cache"}, ["db"]], ["cache-1", {"role": "cache"}, ["cache"]]]
    assert [[host["name"], host["data"], host["groups"]] for host in hosts] == theirs


def test_a_bare_hostname_target_streams_its_host_once_the_inventory_is_built(bridge):
    reply, hosts = _answer(bridge, {"targets": ["web1.example.com"], "data": {"ssh_port": "2222"}})
    assert result(reply) == {"count": 1}
    assert hosts == [{"name": "web1.example.com", "data": {"ssh_port": 2222}, "groups": [], "connector": "web1.example.com"}]



def test_bare_hostnames_among_connector_targets_stream_in_pyinfras_order(bridge, tmp_path):
    flag = tmp_path / "client-saw-the-first-hosts"
    spec = f"streams.py:WaitsForTheClient/{flag}"
    request = _start(bridge, {"targets": ["web0.example.com", spec, "web1.example.com"]})
    seen: list[str] = []
    while "early-2" not in seen:  # the connector waits for the flag: these came while it still runs
        message = bridge.receive()
        assert message.get("method") == "hosts", message
        seen += [host["name"] for host in message["params"]["hosts"]]
    assert seen == ["web0.example.com", "early-0", "early-1", "early-2"]
    flag.touch()
    notes = []
    while (message := bridge.receive()).get("id") != request:
        notes.append(message)
    assert result(message) == {"count": 6}
    assert [note["method"] for note in notes] == ["hosts"] * len(notes)  # nothing sent twice: the order is pyinfra's
    assert seen + [host["name"] for note in notes for host in note["params"]["hosts"]] == [
        "web0.example.com", "early-0", "early-1", "early-2", "late", "web1.example.com",
    ]


def _worker_rss_mb(bridge) -> float:
    """The resident memory of the bridge's workers (the supervisor's children)."""
    total = 0.0
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/stat") as stat:
                if int(stat.read().rsplit(")", 1)[1].split()[1]) != bridge.process.pid:
                    continue
            with open(f"/proc/{entry}/status") as status:
                total += int(status.read().split("VmRSS:")[1].split()[0]) / 1024
        except (OSError, ValueError, IndexError):
            continue
    return total


def test_a_worker_gives_back_the_memory_of_a_large_inventory_once_it_answered(fresh_bridge):
    import time

    bridge = fresh_bridge()
    reply, hosts = _answer(bridge, {"targets": ["runaway.py:ManyHosts/100000"]})
    assert result(reply) == {"count": 100_000} and len(hosts) == 100_000
    del hosts
    # pyinfra's hosts for 100,000 take about 250 MB in cycles; a worker that kept them stays above this
    deadline = time.monotonic() + 20
    while _worker_rss_mb(bridge) > 200 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _worker_rss_mb(bridge) <= 200


def test_hosts_nobody_changed_are_not_sent_again_when_repr_cannot_show_their_data(bridge):
    # they were: the CLI said "2 hosts changed after make_names_data yielded them", which was not so
    request = _start(bridge, {"targets": ["streams.py:UnchangedButUnrepresentable"]})
    methods = []
    while (message := bridge.receive()).get("id") != request:
        methods.append(message["method"])
    assert result(message) == {"count": 2}
    assert methods == ["hosts"]
