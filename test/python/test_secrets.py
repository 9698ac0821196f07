"""Secrets: one rule table (secret_rules.json, read by the TypeScript side too), values masked in
data and scrubbed from every text the bridge sends or logs."""

import json
import os
import sys

import pytest
from conftest import FIXTURES, PYTHON_DIR

sys.path.insert(0, str(FIXTURES))
from leaks_secrets import PASSWORD, PIN, URL_PASSWORD
from pyinfra_kit_bridge import output_relay
from pyinfra_kit_bridge.masking import (
    MASK,
    Scrubber,
    is_secret_key,
    mask_secrets,
    secret_values,
)
from test_bridge_inventory import error, result

RULES = json.loads((PYTHON_DIR / "pyinfra_kit_bridge" / "secret_rules.json").read_text())
EXAMPLES = RULES["examples"]


@pytest.mark.parametrize("key", EXAMPLES["secretKeys"])
def test_secret_keys_of_the_shared_table(key):
    assert is_secret_key(key)
    assert mask_secrets({key: "v"}) == {key: MASK}


@pytest.mark.parametrize("key", EXAMPLES["plainKeys"])
def test_plain_keys_of_the_shared_table(key):
    assert not is_secret_key(key)
    assert mask_secrets({key: "v"}) == {key: "v"}


@pytest.mark.parametrize("example", EXAMPLES["urls"], ids=lambda e: e["text"])
def test_passwords_inside_urls_are_masked_and_scrubbed(example):
    assert mask_secrets({"db_url": example["text"]}) == {"db_url": example["masked"]}
    assert list(secret_values({"db_url": example["text"]})) == ([example["secret"]] if "secret" in example else [])
    assert Scrubber().scrub(example["text"]) == example["masked"]


def test_non_string_secrets_are_masked_and_scrubbed_as_text():
    data = {"ssh_password": 1234, "pins": {"api_token": [5678, 9.5]}, "ssh_port": 2222, "client_secret": True}
    assert mask_secrets(data) == {"ssh_password": MASK, "pins": {"api_token": MASK}, "ssh_port": 2222, "client_secret": MASK}
    scrubber = Scrubber()
    scrubber.remember(data)
    assert scrubber.scrub("pw 1234, pins 5678 and 9.5, port 2222, True") == f"pw {MASK}, pins {MASK} and {MASK}, port 2222, True"


def test_the_longest_secret_is_replaced_whole_and_one_character_is_left():
    scrubber = Scrubber()
    scrubber.remember({"a_password": "abc", "b_password": "abcdef", "c_password": "x"})
    assert scrubber.scrub("abcdef abc x") == f"{MASK} {MASK} x"


def _leaks(text: str) -> list[str]:
    return [secret for secret in (PASSWORD, str(PIN), URL_PASSWORD) if secret in text]


def test_a_connect_error_quoting_the_password_reaches_no_text(fresh_bridge):
    bridge = fresh_bridge()
    (failed,) = result(bridge.call("run", {"selectors": [{"target": "leaks_secrets.py:LoginFailsConnector"}], "command": "true"}))
    assert failed["success"] is False
    assert failed["error"] == f"RuntimeError: login failed for bob with password {MASK} (pin {MASK}, url postgres://bob:{MASK}@db/app)"
    hosts = result(bridge.call("inventory", {"targets": ["leaks_secrets.py:LoginFailsConnector"]}))
    assert hosts[0]["data"]["db_url"] == f"postgres://bob:{MASK}@db/app"
    _, _, log = bridge.close()
    assert "login failed for bob" in log and "trying bob with" in log  # the traceback and the print() are logged...
    assert _leaks(log) == []  # ...scrubbed


def test_a_pyinfra_error_and_its_traceback_detail_are_scrubbed(fresh_bridge):
    bridge = fresh_bridge()
    (failed,) = result(bridge.call("run", {"selectors": [{"target": "leaks_secrets.py:RaisesConnectErrorConnector"}], "command": "true"}))
    assert failed["error"] == f"the key {MASK} was refused"
    _, _, log = bridge.close()
    assert "ConnectError" in log and _leaks(log) == []


def test_echoed_output_and_results_are_scrubbed(bridge):
    notes = []
    (ran,) = result(
        bridge.call("run", {"selectors": [{"target": "leaks_secrets.py:EchoesSecretsConnector"}], "command": f"echo {PASSWORD}; echo pin={PIN} >&2"}, notes)
    )
    assert (ran["success"], ran["stdout"], ran["stderr"]) == (True, MASK, f"pin={MASK}")
    assert sorted(n["params"]["line"] for n in notes if n["method"] == "output") == [MASK, f"pin={MASK}"]


def test_a_data_override_secret_is_scrubbed_from_an_error(fresh_bridge):
    bridge = fresh_bridge()
    reply = bridge.call("inventory", {"targets": ["raises.py:InventoryErrorConnector"], "data": {"ssh_password": "No such"}})
    assert error(reply, "connector")["message"] == f"{MASK} cluster: None"
    bridge.close()


def test_secrets_written_straight_to_file_descriptors_2_and_1_are_scrubbed(fresh_bridge):
    bridge = fresh_bridge()
    (ran,) = result(bridge.call("run", {"selectors": [{"target": "leaks_secrets.py:WritesToDescriptorsConnector"}], "command": "true"}))
    assert ran["success"] is True
    _, _, log = bridge.close()
    assert f"fd2 before the yield: {MASK}\n" in log and f"fd1 after the yield: {MASK}\n" in log
    assert f"fd1 in connect: {MASK} and fd2 in connect: {MASK}" in log  # the unfinished line is passed on when the worker ends
    assert _leaks(log) == []


def test_a_secret_a_module_prints_when_imported_is_scrubbed_once_make_names_data_yields_it(fresh_bridge):
    bridge = fresh_bridge()
    assert [host["name"] for host in result(bridge.call("inventory", {"targets": ["prints_on_import.py:PrintsOnImportConnector"]}))] == ["imported"]
    _, _, log = bridge.close()
    assert f"config loaded, password {MASK}\n" in log and f"fd2 at import: {MASK}\n" in log
    assert _leaks(log) == []


def test_output_held_while_secrets_may_come_is_scrubbed_then_and_capped(monkeypatch):
    read_end, write_end = os.pipe()
    shown: list[bytes] = []
    relay = output_relay.OutputRelay(read_end, "conn.py:C", shown.append)
    monkeypatch.setattr(output_relay, "HELD_MAX_BYTES", 64)
    relay.hold(True)
    relay.push(f"early {PASSWORD}\n".encode())
    relay.push(b"x" * 100 + b"\n")  # past the cap: dropped, never shown unscrubbed
    assert shown == []
    relay.scrubber.add([PASSWORD])
    relay.hold(False)
    assert shown == [f"early {MASK}\n".encode(), b"[101 bytes of output from conn.py:C were dropped: more than 0 MB while make_names_data or a connector import ran]\n"]
    os.write(write_end, f"last {PASSWORD} unfinished".encode())
    os.close(write_end)
    relay.drain()
    assert shown[-1] == f"last {MASK} unfinished\n".encode()
    os.close(read_end)


UNFINISHED_LINES = """
import sys
from pyinfra.connectors.local import LocalConnector


class Unfinished(LocalConnector):
    handles_execution = True

    @staticmethod
    def make_names_data(name=None):
        sys.stdout.write("listing with pw=" + "s3cr3t")
        yield "only", {"ssh_password": "s3cr3t"}, []
"""


def _stderr_until(driver, text: str, seconds: float = 10.0) -> str:
    import select
    import time

    seen = b""
    deadline = time.monotonic() + seconds
    while text.encode() not in seen and time.monotonic() < deadline:
        if select.select([driver.process.stderr], [], [], 0.1)[0]:
            seen += os.read(driver.process.stderr.fileno(), 65536)
    return seen.decode()


def test_an_unfinished_line_is_passed_on_scrubbed_when_its_request_ends_not_when_the_worker_does(fresh_bridge, tmp_path):
    (tmp_path / "unfinished.py").write_text(UNFINISHED_LINES)
    driver = fresh_bridge(cwd=tmp_path)
    assert len(result(driver.call("inventory", {"targets": ["unfinished.py:Unfinished"]}))) == 1
    assert f"listing with pw={MASK}\n" in _stderr_until(driver, f"listing with pw={MASK}")
    assert driver.process.poll() is None  # the bridge and its worker still run


def test_a_secret_split_by_the_cut_of_a_long_line_is_scrubbed_whole(monkeypatch):
    monkeypatch.setattr(output_relay, "LONG_LINE_BYTES", 64)
    shown: list[bytes] = []
    relay = output_relay.OutputRelay(-1, "conn.py:C", shown.append)
    relay.scrubber.add([PASSWORD])
    secret = PASSWORD.encode()
    for cut in range(1, len(secret)):  # a piece of exactly 64 bytes ends after each of the secret's characters
        shown.clear()
        relay.push(b"x" * (64 - cut) + secret[:cut])
        relay.push(secret[cut:] + b" and more\n")
        assert b"".join(shown) == b"x" * (64 - cut) + MASK.encode() + b" and more\n", cut
    shown.clear()
    euro = "\u20ac".encode()
    relay.push(b"y" * 62 + euro[:2])  # a cut in a character
    relay.push(euro[2:] + b"\n")
    assert b"".join(shown) == b"y" * 62 + euro + b"\n"
    shown.clear()
    relay.push(b"z" * 64)  # a line exactly a piece long, then the end: passed on whole, with its newline
    relay.end_line()
    assert b"".join(shown) == b"z" * 64 + b"\n"


def test_a_secret_is_scrubbed_as_repr_shows_it_too():
    from pyinfra_kit_bridge.masking import Scrubber

    secret = "p\"w\\x'9"  # both quotes and a backslash: repr escapes the backslash and one quote
    scrubber = Scrubber()
    scrubber.remember({"ssh_password": secret})
    shown = scrubber.scrub(f"as typed {secret}, as repr {secret!r}, in a dict {({'pw': secret})}")
    assert shown == f"as typed {MASK}, as repr '{MASK}', in a dict {{'pw': '{MASK}'}}", shown


def test_a_secret_added_while_another_thread_makes_the_pattern_is_scrubbed(monkeypatch):
    # debug_entry.py's relay scrubs on a real thread while make_names_data adds secrets on the main one
    from pyinfra_kit_bridge import masking
    from pyinfra_kit_bridge.masking import Scrubber

    scrubber = Scrubber()
    scrubber.add(["first-secret"])
    compile_pattern = masking._compile  # re.compile, as the module bound it

    def meanwhile_a_secret_comes(pattern, *args):
        monkeypatch.setattr(masking, "_compile", compile_pattern)
        scrubber.add(["second-secret"])
        return compile_pattern(pattern, *args)

    monkeypatch.setattr(masking, "_compile", meanwhile_a_secret_comes)
    assert scrubber.scrub("first-secret") == MASK
    assert scrubber.scrub("first-secret second-secret") == f"{MASK} {MASK}"


def test_a_secret_given_as_bytes_or_an_object_str_cannot_show_is_masked_and_scrubbed(fresh_bridge):
    bridge = fresh_bridge()
    spec = "leaks_secrets.py:BytesSecretConnector"
    (host,) = result(bridge.call("inventory", {"targets": [spec]}))
    assert host["data"] == {"ssh_password": MASK, "api_token": MASK}
    (failed,) = result(bridge.call("run", {"selectors": [{"target": spec}], "command": "true"}))
    assert failed["error"] == f"RuntimeError: login failed with {MASK} (b'{MASK}')"
    assert PASSWORD not in failed["traceback"]
    _, _, log = bridge.close()
    assert "login failed with" in log and _leaks(log) == []


def test_a_secret_is_scrubbed_as_ascii_and_its_utf8_bytes_show_it():
    from pyinfra_kit_bridge.masking import Scrubber

    secret = "pässwörd€"
    scrubber = Scrubber()
    scrubber.remember({"ssh_password": secret})
    shown = scrubber.scrub(f"{ascii(secret)} {secret.encode()} {[secret.encode()]}")
    assert shown == f"'{MASK}' b'{MASK}' [b'{MASK}']", shown
