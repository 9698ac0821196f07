"""What a run and a transfer give back, through the real bridge and pyinfra's own @local: exit codes,
output that is not UTF-8, downloads into folders with the umask's mode, remote paths a shell would
split, and numbers JavaScript cannot hold."""

import json
import os
import stat

import pytest
from pyinfra_kit_bridge.jsonsafe import json_safe
from test_bridge_inventory import error, result

LOCAL = {"target": "@local"}


def run(bridge, command, notes=None, selectors=None):
    (ran,) = result(bridge.call("run", {"selectors": selectors or [LOCAL], "command": command}, notes))
    return ran


def test_each_host_result_carries_its_exit_code(bridge):
    assert run(bridge, "exit 3")["exitCode"] == 3
    assert run(bridge, "true")["exitCode"] == 0
    ran = result(bridge.call("run", {"selectors": [{"target": "local_subclass.py:ManyLocalConnector/2"}], "command": "exit 7"}))
    assert [(r["host"], r["success"], r["exitCode"]) for r in ran] == [("local-0", False, 7), ("local-1", False, 7)]


def test_a_connector_that_says_no_exit_code_gives_none(bridge):
    ran = run(bridge, "true", selectors=[{"target": "run_faults.py:BadReturnsConnector"}])
    assert "exitCode" not in ran and ran["error"]


def test_output_that_is_not_utf8_shows_escaped_and_later_lines_arrive(bridge):
    notes = []
    ran = run(bridge, r"printf 'ok\n\377bad \303\n'; echo after; printf 'err\376\n' >&2; exit 4", notes)
    assert (ran["success"], ran["exitCode"]) == (False, 4)
    assert ran["stdout"].splitlines() == ["ok", "\\xffbad \\xc3", "after"]
    assert ran["stderr"] == "err\\xfe"
    assert sorted(n["params"]["line"] for n in notes if n["method"] == "output") == sorted(["ok", "\\xffbad \\xc3", "after", "err\\xfe"])


def test_much_output_after_a_bad_byte_does_not_hang(bridge):
    ran = run(bridge, "printf '\\377\\n'; head -c 300000 /dev/zero | tr '\\0' x | fold -w 1000; echo; echo last")
    assert ran["success"] is True
    lines = ran["stdout"].splitlines()
    assert (lines[0], len(lines), lines[-1]) == ("\\xff", 302, "last")


def test_get_into_an_existing_folder_writes_the_file_there_with_the_umask_mode(bridge, tmp_path):
    remote = tmp_path / "remote.txt"
    remote.write_text("payload")
    remote.chmod(0o600)
    into = tmp_path / "into"
    into.mkdir()
    (got,) = result(bridge.call("get", {"selector": LOCAL, "remote": str(remote), "local": str(into)}))
    assert got["success"] is True, got
    assert os.listdir(into) == ["remote.txt"] and (into / "remote.txt").read_text() == "payload"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE((into / "remote.txt").stat().st_mode) == 0o666 & ~umask


def test_get_into_a_folder_that_does_not_exist_or_an_empty_path_is_refused(bridge, tmp_path):
    # "missing/" made a file named missing; "" downloaded into the bridge's working folder
    (tmp_path / "remote.txt").write_text("x")
    remote = str(tmp_path / "remote.txt")
    refused = error(bridge.call("get", {"selector": LOCAL, "remote": remote, "local": f"{tmp_path}/missing/"}), "usage")
    assert refused["message"] == f"No such local folder: {tmp_path}/missing"
    assert error(bridge.call("get", {"selector": LOCAL, "remote": remote, "local": ""}), "usage")["message"] == "The local path is empty"
    assert sorted(os.listdir(tmp_path)) == ["remote.txt"]


def test_get_over_an_existing_file_keeps_its_mode(bridge, tmp_path):
    (tmp_path / "remote.txt").write_text("new")
    (tmp_path / "kept.txt").write_text("old")
    (tmp_path / "kept.txt").chmod(0o751)  # odd: every permission bit is kept, the lowest too
    (got,) = result(bridge.call("get", {"selector": LOCAL, "remote": str(tmp_path / "remote.txt"), "local": str(tmp_path / "kept.txt")}))
    assert got["success"] is True
    assert (tmp_path / "kept.txt").read_text() == "new" and stat.S_IMODE((tmp_path / "kept.txt").stat().st_mode) == 0o751


@pytest.mark.parametrize("name", ["with space.txt", "it's \"quoted\".txt", "semi;colon.txt", "-leading-dash.txt", "$(touch pwned).txt"])
def test_remote_paths_a_shell_would_split_are_one_file(fresh_bridge, tmp_path, name):
    folder = tmp_path / "remote"
    folder.mkdir()
    (folder / name).write_text(f"content of {name}")
    bridge = fresh_bridge(cwd=folder)  # @local's relative paths are the bridge's: a leading "-" cannot be absolute
    local = tmp_path / "copy.txt"
    (got,) = result(bridge.call("get", {"selector": LOCAL, "remote": name, "local": str(local)}))
    assert got["success"] is True, got
    assert local.read_text() == f"content of {name}"
    (tmp_path / "up.txt").write_text("uploaded")
    (put,) = result(bridge.call("put", {"selector": LOCAL, "local": str(tmp_path / "up.txt"), "remote": f"{name}.up"}))
    assert put["success"] is True, put
    assert sorted(os.listdir(folder)) == sorted([name, f"{name}.up"]) and (folder / f"{name}.up").read_text() == "uploaded"
    assert not (tmp_path / "pwned").exists() and not (folder / "pwned").exists()


def test_a_path_with_a_second_command_never_downloads_an_empty_file(bridge, tmp_path):
    local = tmp_path / "copy.txt"
    (got,) = result(bridge.call("get", {"selector": LOCAL, "remote": f"{tmp_path}/nothing; true", "local": str(local)}))
    assert got["success"] is False and "No such file" in got["error"]
    assert not local.exists()


def test_remote_paths_that_name_no_file_are_refused(bridge, tmp_path):
    assert "NUL" in error(bridge.call("get", {"selector": LOCAL, "remote": "a\0b", "local": str(tmp_path / "x")}), "usage")["message"]
    assert "empty" in error(bridge.call("put", {"selector": LOCAL, "local": __file__, "remote": " "}), "usage")["message"]
    refused = error(bridge.call("get", {"selector": LOCAL, "remote": "/", "local": str(tmp_path)}), "usage")
    assert refused["message"] == f"{tmp_path} is a directory and the remote path '/' names no file to write into it"


@pytest.mark.parametrize("value", [2**53, -(2**53), 2**63 - 1, -(2**63), 2**53 + 1])
def test_integers_javascript_cannot_hold_go_as_text(value):
    assert json_safe(value) == str(value)
    assert json.loads(json.dumps(json_safe({"n": value}))) == {"n": str(value)}


@pytest.mark.parametrize("value", [2**53 - 1, -(2**53 - 1), 0])
def test_integers_javascript_holds_stay_numbers(value):
    assert json_safe(value) == value


def test_a_host_name_holding_a_newline_does_not_split_its_output_lines(bridge):
    notes = []
    ran = run(bridge, "echo one", notes, selectors=[{"target": "forged_names.py:ForgedNamesConnector"}])
    assert ran["stdout"] == "one"
    assert [(n["params"]["host"], n["params"]["line"]) for n in notes if n["method"] == "output"] == [("real\n  forged-host", "one")]
