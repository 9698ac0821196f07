"""The bridge's pure parts: JSON-safe data, secret masking, target specs, package roots, item checks."""

import datetime
import json
import math
import pathlib

import pytest
from conftest import FIXTURES
from pyinfra_kit_bridge.conformance.registry import Check
from pyinfra_kit_bridge.conformance.runner import result
from pyinfra_kit_bridge.errors import BridgeFault
from pyinfra_kit_bridge.jsonsafe import json_safe
from pyinfra_kit_bridge.loader import package_root
from pyinfra_kit_bridge.masking import MASK, mask_secrets
from pyinfra_kit_bridge.names import validated_names_data
from pyinfra_kit_bridge.targets import parse_target


def test_json_safe_keeps_values_readable():
    cyclic = []
    cyclic.append(cyclic)
    safe = json_safe(
        {
            "when": datetime.datetime(2026, 1, 2, 3, 4, 5),
            "tags": {"b", "a"},
            "raw": b"abc",
            "binary": b"\xff",
            "path": pathlib.Path("/x/y"),
            "nan": math.nan,
            "big": 2**70,
            1: "int key",
            "cyclic": cyclic,
        }
    )
    assert safe["when"] == "2026-01-02T03:04:05"
    assert safe["tags"] == ["a", "b"]
    assert safe["raw"] == "abc"
    assert safe["binary"] == "b'\\xff'"
    assert safe["path"] == "/x/y"
    assert safe["nan"] == "nan"
    assert safe["big"] == str(2**70)
    assert safe["1"] == "int key"
    assert safe["cyclic"] == ["[[...]]"]


def test_json_safe_survives_a_broken_repr():
    class Broken:
        def __repr__(self):
            raise RuntimeError("no")

    assert "repr failed" in json_safe(Broken())


def test_mask_secrets_at_any_depth_and_leaves_the_rest():
    masked = mask_secrets(
        {"ssh_password": "p", "nested": [{"API_TOKEN": "t", "client_secret": "s", "ssh_key_passphrase": "k"}], "user": "u", "empty_password": ""}
    )
    assert masked == {
        "ssh_password": MASK,
        "nested": [{"API_TOKEN": MASK, "client_secret": MASK, "ssh_key_passphrase": MASK}],
        "user": "u",
        "empty_password": "",
    }


TARGET_SPECS = json.loads((FIXTURES.parent / "target-specs.json").read_text())


@pytest.mark.parametrize("example", TARGET_SPECS["valid"], ids=lambda e: repr(e["spec"]))
def test_parse_target(example):
    target = parse_target(example["spec"])
    assert (target.spec, target.kind, target.name, target.cls, target.arg) == (
        example["spec"].strip(),
        example["kind"],
        example["name"],
        example["class"],
        example["arg"],
    )


@pytest.mark.parametrize("spec", TARGET_SPECS["invalid"])
def test_parse_target_rejects_nonsense(spec):
    with pytest.raises(BridgeFault) as raised:
        parse_target(spec)
    assert raised.value.kind == "usage"


def test_package_root_is_above_the_topmost_package():
    assert package_root(str(FIXTURES / "pkg" / "relative.py")) == (str(FIXTURES), "pkg.relative")
    assert package_root(str(FIXTURES / "raises.py")) == (str(FIXTURES), "raises")


@pytest.mark.parametrize(
    "items, expected",
    [
        ([("a", {}, []), "b"], "item 1: expected a (name, data, groups) tuple, got str 'b'"),
        ([("a", {})], "item 0: expected a (name, data, groups) tuple, got tuple of length 2"),
        ([(1, {}, [])], "item 0: the name must be a non-empty string, got int 1"),
        ([("a", [], [])], "item 0 ('a'): data must be a dict, got list []"),
        ([("a", {}, "web")], "item 0 ('a'): groups must be a list of strings, got str 'web'"),
        ([("a", {}, ["web", 3])], "item 0 ('a'): groups must be a list of strings"),
        ([("a", {}, []), ("a", {}, [])], "item 1 ('a'): duplicate host name 'a' (first yielded as item 0)"),
    ],
)
def test_validated_names_data_names_the_item_and_the_fault(items, expected):
    with pytest.raises(BridgeFault) as raised:
        list(validated_names_data("T", iter(items)))
    assert raised.value.kind == "malformed"
    assert expected in raised.value.message
    assert raised.value.message.startswith("T: make_names_data item")


def test_validated_names_data_accepts_good_items_and_tuples_of_groups():
    assert list(validated_names_data("T", [("a", {"x": 1}, ("g",))])) == [("a", {"x": 1}, ["g"])]


@pytest.mark.parametrize("produced", [None, 5, "host", {"a": 1}])
def test_validated_names_data_rejects_non_iterables(produced):
    with pytest.raises(BridgeFault) as raised:
        validated_names_data("T", produced)
    assert raised.value.kind == "malformed"


def test_malformed_messages_mask_secrets_inside_the_item():
    with pytest.raises(BridgeFault) as raised:
        list(validated_names_data("T", [("web", {"ssh_password": "hunter2", "port": 22})]))
    assert "hunter2" not in raised.value.message
    assert "'ssh_password': '********'" in raised.value.message


def test_the_inventory_is_pyinfras_with_plain_group_lists_and_no_duplicate_members(tmp_path):
    from pyinfra.api.inventory import Inventory
    from pyinfra_kit_bridge.inventory import build_inventory

    (tmp_path / "twice.py").write_text(
        "from pyinfra.connectors.local import LocalConnector\n"
        "class Twice(LocalConnector):\n"
        "    @staticmethod\n"
        "    def make_names_data(name=None):\n"
        "        yield 'a', {}, ['web', 'web', 'db']\n"
        "        yield 'b', {}, ['web']\n"
    )
    inventory = build_inventory(["twice.py:Twice"], str(tmp_path)).inventory
    assert isinstance(inventory, Inventory)
    assert {name: [host.name for host in members] for name, members in inventory.groups.items()} == {"web": ["a", "b"], "db": ["a"]}
    assert all(type(members) is list for members in inventory.groups.values())


def test_a_conformance_result_carries_both_sides_of_a_diff_or_neither():
    check = Check("fact.files.Sha256File", "host", "a summary", lambda context: None)
    failed = result("t", "h", check, "fail", "Sha256File: expected 'ab', got None", expected="ab", actual=None)
    assert (failed["expected"], failed["actual"]) == ("ab", None)
    assert "expected" not in result("t", "h", check, "fail", "no values compared", expected=None, actual=None)


def test_the_time_the_kit_takes_with_each_item_is_taken_off_make_names_datas_deadline():
    import time

    from pyinfra_kit_bridge import deadlines
    from pyinfra_kit_bridge.inventory import build_inventory  # in the test: it patches pyinfra's connector lookup

    notes: list[tuple[str, dict]] = []
    deadlines.attach(deadlines.RequestDeadline(7, 1.0, lambda method, params: notes.append((method, params))))
    handed_on: list[str] = []

    def slow_client(target, name, data, groups):
        handed_on.append(name)
        time.sleep(0.3)  # stands for encoding and sending a large host

    try:
        loaded = build_inventory(["runaway.py:ManyHosts/5"], str(FIXTURES), on_item=slow_client)
    finally:
        deadlines.attach(None)  # other tests in this process call helpers outside any request
    assert handed_on == [host.name for host in loaded.inventory] == [f"host-{i}" for i in range(5)]
    (call,) = [params for method, params in notes if method == "_call" and params["what"].startswith("make_names_data")]
    assert (call["what"], call["seconds"], call["holdOutput"]) == ("make_names_data of runaway.py:ManyHosts/5", 1.0, True)
    excluded = sum(params["seconds"] for method, params in notes if method == "_extend" and params["call"] == call["call"])
    assert excluded >= 1.2  # at least four of the five sleeps, reported in steps of half a second
    # the inventory's own hold (no deadline) opens first and ends last, around the import and make_names_data
    (method, hold) = notes[0]
    assert (method, hold["seconds"], hold["holdOutput"]) == ("_call", None, True)
    assert notes[-2:] == [("_done", {"call": call["call"]}), ("_done", {"call": hold["call"]})]


def test_a_dataclass_or_namedtuple_in_host_data_is_shown_by_its_fields_and_its_secret_fields_are_masked_and_scrubbed():
    # shown as their repr, Credentials(user='bob', password='...') went out whole, and was never scrubbed
    import collections
    import dataclasses

    from pyinfra_kit_bridge.masking import Scrubber

    @dataclasses.dataclass
    class Credentials:
        user: str
        password: str

    Login = collections.namedtuple("Login", ["user", "api_token"])
    data = {"creds": Credentials("bob", "dc-secret-1"), "login": Login("amy", "nt-secret-2"), "pair": ("a", "b")}
    safe = json_safe(data)
    assert safe == {"creds": {"user": "bob", "password": "dc-secret-1"}, "login": {"user": "amy", "api_token": "nt-secret-2"}, "pair": ["a", "b"]}
    assert mask_secrets(safe) == {"creds": {"user": "bob", "password": MASK}, "login": {"user": "amy", "api_token": MASK}, "pair": ["a", "b"]}
    scrubber = Scrubber()
    scrubber.remember(data)
    assert scrubber.scrub(f"{data['creds']} {data['login']}").endswith(f"Credentials(user='bob', password='{MASK}') Login(user='amy', api_token='{MASK}')")
