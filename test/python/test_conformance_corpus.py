"""The conformance suite through the real bridge (`test` method) on the corpus of subtly broken
connectors in test/fixtures/conformance: each fails exactly the checks it breaks, passes the rest."""

from __future__ import annotations

import json
import os
import re
import time

import pytest
from conftest import ROOT, BridgeDriver
from test_bridge_inventory import result

CORPUS = ROOT / "test" / "fixtures" / "conformance"
# the 50 MB / 10 MB checks cost most of the time; they run on the fixtures that break transfers
# and on the good one, the others leave them out
LARGE = {"put.large", "get.large", "run.large-output"}
EVERY_CHECK = ["*"]

ISSUE_IDS = """inventory.shape inventory.unique-names inventory.json-safe inventory.argument inventory.data-types
connect.lifecycle run.stdout run.stderr run.exit-status run.success-exit-codes run.env run.chdir run.stdin run.timeout
run.shell-syntax run.large-output run.sudo run.shell-executable put.file put.io put.empty put.large put.special-path
get.file get.io get.large get.missing get.special-path fact.server.Hostname fact.server.Os fact.server.Arch
fact.files.File fact.files.Sha256File op.server.shell op.files.put op.files.directory op.files.line op.idempotent""".split()

CASES = {
    "good_local.py:GoodLocalConnector": set(),
    "raw_command.py:RawCommandConnector": {"run.env", "run.chdir", "run.shell-executable"},
    "merged_stderr.py:MergedStderrConnector": {"run.stderr"},
    "always_success.py:AlwaysSuccessConnector": {"run.exit-status", "run.success-exit-codes", "get.missing"},
    "ignored_success_codes.py:IgnoredSuccessCodesConnector": {"run.success-exit-codes"},
    "no_stdin.py:NoStdinConnector": {"run.stdin"},
    "no_timeout.py:NoTimeoutConnector": {"run.timeout"},
    "text_mode_upload.py:TextModeUploadConnector": {"put.file", "put.large"},
    "truncating_download.py:TruncatingDownloadConnector": {"get.large"},
    "lying_download.py:LyingDownloadConnector": {"get.missing"},
    "path_only_upload.py:PathOnlyUploadConnector": {"put.io", "op.files.put"},
    "duplicate_names.py:DuplicateNamesConnector": {"inventory.unique-names"},
    "bad_data_types.py:BadDataTypesConnector": {"inventory.data-types"},
    "not_json_safe.py:NotJsonSafeConnector": {"inventory.json-safe"},
    "argument_crash.py:ArgumentCrashConnector/a,b": {"inventory.argument"},
    "bad_shape.py:BadShapeConnector": {"inventory.shape"},
}
FULL = {"good_local.py:GoodLocalConnector", "text_mode_upload.py:TextModeUploadConnector", "truncating_download.py:TruncatingDownloadConnector"}
# the kit refuses an inventory pyinfra would silently mangle: there are no hosts to check
REFUSED = {"duplicate_names.py:DuplicateNamesConnector", "bad_shape.py:BadShapeConnector"}


@pytest.fixture(scope="module")
def scratch_parent(tmp_path_factory):
    return tmp_path_factory.mktemp("hosts-tmp")


@pytest.fixture(scope="module")
def corpus_bridge(scratch_parent):
    # TMPDIR is where the suite makes each host's scratch folder (mktemp -d), so a test can see it go
    driver = BridgeDriver(CORPUS, env={"TMPDIR": str(scratch_parent)})
    driver.sock.settimeout(180)
    yield driver
    driver.close()


def _scratch_folders(parent) -> list[str]:
    return [name for name in os.listdir(parent) if name.startswith("pyinfra-kit-conformance.")]


def _only(spec: str) -> list[str]:
    if spec in FULL:
        return EVERY_CHECK
    return [check for check in ISSUE_IDS if check not in LARGE]


def test_the_catalogue_has_every_check_the_issue_names_in_order_of_groups(bridge):
    catalogue = result(bridge.call("test", {"list": True}))
    ids = [entry["id"] for entry in catalogue]
    assert set(ISSUE_IDS) <= set(ids)
    groups = [entry["group"] for entry in catalogue]
    assert groups == sorted(groups, key=["inventory", "connect", "run", "put", "get", "fact", "op"].index)
    assert all(entry["summary"] for entry in catalogue)


@pytest.mark.parametrize("spec", list(CASES))
def test_each_corpus_connector_fails_exactly_the_checks_it_breaks(corpus_bridge, scratch_parent, spec):
    results = result(corpus_bridge.call("test", {"target": spec, "only": _only(spec)}))
    assert all(set(r) >= {"target", "host", "check", "status", "message", "durationMs"} for r in results)
    by_status: dict[str, set[str]] = {}
    for entry in results:
        by_status.setdefault(entry["status"], set()).add(entry["check"])
    failures = [entry for entry in results if entry["status"] == "fail"]
    assert by_status.get("fail", set()) == CASES[spec], json.dumps(failures, indent=1)[:3000]
    assert "error" not in by_status, [entry for entry in results if entry["status"] == "error"]
    for entry in results:
        if entry["status"] != "skip":
            continue
        if spec in REFUSED:
            assert entry["host"] is None and "inventory could not be built" in entry["message"], entry
        elif entry["host"] == "typed-wrong":
            assert "ConnectorDataTypeError" in entry["message"] or "kit_port" in entry["message"], entry
        else:
            assert entry["check"] == "run.sudo" and "sudo" in entry["message"], entry
    answered = {entry["check"] for entry in results}
    assert answered >= (set(ISSUE_IDS) if spec in FULL else set(ISSUE_IDS) - LARGE), "a requested check gave no answer"
    assert _scratch_folders(scratch_parent) == [], "the suite left its scratch folder behind"


def test_a_failure_says_what_was_expected_and_what_came(corpus_bridge):
    results = result(corpus_bridge.call("test", {"target": "truncating_download.py:TruncatingDownloadConnector", "only": ["get.large"]}))
    (large,) = results
    assert (large["status"], large["expected"], large["actual"]) == ("fail", 50 * 1024 * 1024, 16 * 1024 * 1024)


def test_only_globs_select_checks(corpus_bridge):
    results = result(corpus_bridge.call("test", {"target": "good_local.py:GoodLocalConnector", "only": ["inventory.*", "fact.server.*"]}))
    assert [entry["check"] for entry in results] == [
        "inventory.shape", "inventory.unique-names", "inventory.json-safe", "inventory.argument", "inventory.data-types",
        "fact.server.Hostname", "fact.server.Os", "fact.server.Arch",
    ]
    assert {entry["status"] for entry in results} == {"pass"}


def test_a_check_over_its_timeout_is_an_error_not_a_pass(corpus_bridge):
    (timed_out,) = result(corpus_bridge.call("test", {"target": "no_timeout.py:NoTimeoutConnector", "only": ["run.timeout"], "timeoutSec": 1}))
    # what is left of the check's 1 s, to a tenth: 0.9 s when a loaded machine took 50 ms to reach the call
    assert timed_out["status"] == "error" and re.search(r"did not finish within (1|0\.\d) s", timed_out["message"]), timed_out


def test_a_cancelled_run_removes_its_scratch_folder(fresh_bridge, tmp_path):
    driver = fresh_bridge(cwd=CORPUS, env={"TMPDIR": str(tmp_path)})
    request = {"id": 1, "method": "test", "params": {"target": "no_timeout.py:NoTimeoutConnector", "only": ["run.timeout", "run.stdout"]}}
    driver.sock.sendall((json.dumps(request) + "\n").encode())
    deadline = time.monotonic() + 20
    while not _scratch_folders(tmp_path):
        assert time.monotonic() < deadline, "the suite never made its scratch folder"
        time.sleep(0.05)
    time.sleep(0.5)  # inside `sleep 5`, which the connector does not time out
    driver.sock.sendall((json.dumps({"method": "cancel", "params": {"id": 1}}) + "\n").encode())
    reply = driver.receive()
    assert reply["id"] == 1 and reply["error"]["kind"] == "cancelled", reply
    assert _scratch_folders(tmp_path) == []
