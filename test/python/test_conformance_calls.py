"""How the conformance suite calls into connector code: through the bridge's public helpers, each call
under the deadline of the check that makes it."""

from __future__ import annotations

import ast
import os
import re
import time

import pytest
from conftest import PYTHON_DIR
from test_bridge_inventory import result

CONFORMANCE = PYTHON_DIR / "pyinfra_kit_bridge" / "conformance"


def test_the_suite_imports_no_private_name_from_the_rest_of_the_bridge():
    private = []
    for source in sorted(CONFORMANCE.glob("*.py")):
        for node in ast.walk(ast.parse(source.read_text(), str(source))):
            if isinstance(node, ast.ImportFrom) and node.level >= 2:  # from ..module import name
                private += [f"{source.name}: {node.module}.{alias.name}" for alias in node.names if alias.name.startswith("_")]
    assert private == []


def _suite(fresh_bridge, tmp_path, target: str, only: list[str]) -> dict[str, dict]:
    """The suite with --timeout 2 in a bridge of its own (TMPDIR: where its scratch folder goes), by check."""
    driver = fresh_bridge(env={"TMPDIR": str(tmp_path)})
    driver.sock.settimeout(30)  # before the kit's own deadline, a CPU loop hung the suite for good
    reply = driver.call("test", {"target": target, "only": only, "timeoutSec": 2})
    return {entry["check"]: entry for entry in result(reply)}


def _statuses(by_check: dict[str, dict]) -> dict[str, str]:
    return {check: entry["status"] for check, entry in by_check.items()}


@pytest.mark.parametrize("stall", ["spin", "block", "sleep"])
def test_a_check_whose_connector_stalls_ends_at_its_timeout_and_the_other_checks_still_run(fresh_bridge, tmp_path, stall):
    target = f"stalls_in_checks.py:Stalls/{stall}"
    started = time.monotonic()
    by_check = _suite(fresh_bridge, tmp_path, target, ["run.stdout", "run.stdin", "run.shell-syntax", "put.file", "op.files.directory"])
    took = time.monotonic() - started
    assert _statuses(by_check) == {"run.stdout": "pass", "run.stdin": "error", "run.shell-syntax": "pass", "put.file": "pass", "op.files.directory": "pass"}, by_check
    stalled = by_check["run.stdin"]
    # the call gets what is left of the check's 2 s, to a tenth: 1.9 s when a loaded machine took 50 ms to reach it
    assert re.match(rf"run_shell_command of {re.escape(target)} on stalls did not finish within (2|1\.\d) s", stalled["message"]), stalled
    if stall != "sleep":
        assert "kept the CPU without yielding" in stalled["message"], stalled
    assert stalled["durationMs"] < 4000, stalled
    assert took < 25, f"the suite took {took:.1f} s"  # within the 30 s that would mean it hung; a loaded machine is slow
    assert _scratch_folders(tmp_path) == [], "the scratch folder was left behind"


def test_a_connector_spinning_inside_the_deploy_fails_the_operations_and_the_suite_ends(fresh_bridge, tmp_path):
    target = "stalls_in_checks.py:Stalls/spin-in-op"
    by_check = _suite(fresh_bridge, tmp_path, target, ["run.stdout", "op.server.shell", "op.files.line"])
    assert _statuses(by_check) == {"run.stdout": "pass", "op.server.shell": "fail", "op.files.line": "fail"}, by_check
    assert f"the deploy stopped: pyinfra's run_ops (first run of the operations) through {target} did not finish within 4 s" in by_check["op.server.shell"]["message"]
    assert _scratch_folders(tmp_path) == []


def test_a_connector_spinning_while_add_op_gathers_facts_is_the_operations_error(fresh_bridge, tmp_path):
    target = "stalls_in_checks.py:Stalls/spin-in-add-op"
    by_check = _suite(fresh_bridge, tmp_path, target, ["run.stdout", "op.files.line", "op.files.directory"])
    assert _statuses(by_check) == {"run.stdout": "pass", "op.files.directory": "error", "op.files.line": "error"}, by_check
    # the deploy's set-up and add_op share one budget of --timeout: what the set-up used is gone
    assert re.search(rf"pyinfra's add_op \(first run of the operations\) of {re.escape(target)} on stalls did not finish within (2|1\.\d) s: it kept the CPU", by_check["op.files.line"]["message"])
    assert _scratch_folders(tmp_path) == []


def test_a_connector_spinning_while_pyinfra_gathers_a_fact_is_that_checks_error(fresh_bridge, tmp_path):
    target = "stalls_in_checks.py:Stalls/spin-in-fact"
    by_check = _suite(fresh_bridge, tmp_path, target, ["fact.server.*"])
    assert _statuses(by_check) == {"fact.server.Hostname": "error", "fact.server.Os": "pass", "fact.server.Arch": "pass"}, by_check
    assert re.match(rf"run_shell_command \(pyinfra's Hostname fact\) of {re.escape(target)} on stalls did not finish within (2|1\.\d) s", by_check["fact.server.Hostname"]["message"])


def test_make_names_data_spinning_in_inventory_argument_is_that_checks_error(fresh_bridge, tmp_path):
    target = "stalls_in_checks.py:SpinsWithoutArgument/x"
    by_check = _suite(fresh_bridge, tmp_path, target, ["inventory.*", "run.stdout"])
    assert _statuses(by_check) == {
        "inventory.shape": "pass", "inventory.unique-names": "pass", "inventory.json-safe": "pass", "inventory.argument": "error",
        "inventory.data-types": "pass", "run.stdout": "pass",
    }, by_check
    assert re.match(rf"make_names_data\(None\) of {re.escape(target)} did not finish within (2|1\.\d) s: it kept the CPU", by_check["inventory.argument"]["message"])


def _scratch_folders(parent) -> list[str]:
    return [name for name in os.listdir(parent) if name.startswith("pyinfra-kit-conformance.")]


def test_an_endless_make_names_data_ends_at_the_host_limit_in_the_inventory_checks(fresh_bridge, tmp_path):
    # the suite's own calls of make_names_data were list()s with no bound: memory grew (2 GB in 20 s) until the deadline
    driver = fresh_bridge(env={"TMPDIR": str(tmp_path)})
    driver.sock.settimeout(60)
    reply = driver.call("test", {"target": "runaway.py:Endless", "only": ["inventory.shape", "inventory.argument"], "timeoutSec": 50, "limits": {"hosts": 1000}})
    by_check = {entry["check"]: entry for entry in result(reply)}
    limit = "runaway.py:Endless: make_names_data(None) yielded more than 1,000 hosts, the limit"
    assert by_check["inventory.shape"]["status"] == "fail"
    assert by_check["inventory.shape"]["message"].startswith(f"make_names_data(None) failed: {limit}"), by_check["inventory.shape"]["message"]
    assert by_check["inventory.argument"]["status"] == "fail"
    assert limit in by_check["inventory.argument"]["message"], by_check["inventory.argument"]["message"]
