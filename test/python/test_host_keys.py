"""The kit's host-key policy for pyinfra's @ssh, with real paramiko keys and clients and real pyinfra
hosts: unknown keys refused and named, accepted only as the person said (once, or remembered in
known_hosts), a host that sets its own policy left alone. OpenSSH's ssh-keygen is the fingerprint's oracle."""

import subprocess

import paramiko
import pytest
from pyinfra.api import Config, Inventory, State
from pyinfra.api import connectors as pyinfra_connectors
from pyinfra.api import inventory as pyinfra_inventory
from pyinfra_kit_bridge.host_keys import (
    KitHostKeyPolicy,
    UnknownHostKey,
    apply_policy,
    fingerprint,
    refusal_fields,
)


@pytest.fixture(scope="module")
def key(tmp_path_factory) -> paramiko.PKey:
    path = tmp_path_factory.mktemp("keys") / "host_key"
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(path)], check=True
    )
    return paramiko.Ed25519Key.from_private_key_file(str(path))


@pytest.fixture
def client(tmp_path) -> paramiko.SSHClient:
    known_hosts = tmp_path / "known_hosts"
    known_hosts.write_text("")
    ssh = paramiko.SSHClient()
    ssh.load_host_keys(str(known_hosts))
    return ssh


def _known_hosts(client: paramiko.SSHClient) -> str:
    with open(
        client._host_keys_filename
    ) as file:  # the file pyinfra's append_hostkey writes
        return file.read()


def test_the_fingerprint_is_the_one_openssh_prints(key, tmp_path):
    public = tmp_path / "key.pub"
    public.write_text(f"{key.get_name()} {key.get_base64()}\n")
    listed = subprocess.run(
        ["ssh-keygen", "-l", "-E", "sha256", "-f", str(public)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert fingerprint(key) == listed.split()[1]
    assert not fingerprint(key).endswith("=")


def test_an_unknown_key_is_refused_naming_host_type_and_fingerprint(key, client):
    for accept in (
        None,
        {},
        {
            "acceptNew": False,
            "accept": [{"fingerprint": "SHA256:other", "remember": True}],
        },
    ):
        with pytest.raises(UnknownHostKey) as refused:
            KitHostKeyPolicy(accept).missing_host_key(client, "web1", key)
        assert (
            str(refused.value)
            == f"the ssh-ed25519 host key of web1 ({fingerprint(key)}) is not in known_hosts"
        )
        assert refused.value.refusal == {
            "host": "web1",
            "keyType": "ssh-ed25519",
            "fingerprint": fingerprint(key),
        }
    assert _known_hosts(client) == ""
    assert client.get_host_keys().lookup("web1") is None


def test_accept_new_writes_the_key_to_known_hosts_and_to_the_client(key, client):
    KitHostKeyPolicy({"acceptNew": True}).missing_host_key(client, "web1", key)
    assert _known_hosts(client) == f"web1 ssh-ed25519 {key.get_base64()}\n"
    assert client.get_host_keys().lookup("web1")["ssh-ed25519"] == key


def test_a_key_accepted_once_connects_without_being_remembered(key, client):
    KitHostKeyPolicy(
        {"accept": [{"fingerprint": fingerprint(key), "remember": False}]}
    ).missing_host_key(client, "web1", key)
    assert _known_hosts(client) == ""
    assert client.get_host_keys().lookup("web1") is None


def test_a_key_accepted_and_remembered_is_written(key, client):
    KitHostKeyPolicy(
        {"accept": [{"fingerprint": fingerprint(key), "remember": True}]}
    ).missing_host_key(client, "web1", key)
    assert _known_hosts(client) == f"web1 ssh-ed25519 {key.get_base64()}\n"
    assert client.get_host_keys().lookup("web1")["ssh-ed25519"] == key


def test_the_policy_goes_to_ssh_hosts_that_choose_none_of_their_own(monkeypatch):
    # pyinfra's own lookup of @local: the bridge's (in place once its inventory module is imported) has only its targets
    monkeypatch.setattr(pyinfra_inventory, "get_all_connectors", pyinfra_connectors.get_all_connectors)
    monkeypatch.setattr(pyinfra_inventory, "get_execution_connectors", pyinfra_connectors.get_execution_connectors)
    inventory = Inventory(
        (["web1", ("web2", {"ssh_strict_host_key_checking": "no"}), "@local"], {})
    )
    State(inventory, Config())
    hosts = {host.name: host for host in inventory}
    accept = {"acceptNew": True}
    for host in hosts.values():
        apply_policy(host, accept)
    policy = hosts["web1"].connector.data["ssh_strict_host_key_checking"]
    assert isinstance(policy, KitHostKeyPolicy) and policy._accept_new is True
    assert hosts["web2"].connector.data["ssh_strict_host_key_checking"] == "no"
    assert hosts["@local"].connector.data == {}


def test_a_refusal_is_found_through_the_errors_that_wrap_it():
    refused = UnknownHostKey("web1", "ssh-ed25519", "SHA256:abc")
    expected = {
        "hostKey": {
            "host": "web1",
            "keyType": "ssh-ed25519",
            "fingerprint": "SHA256:abc",
            "target": "@ssh/web1",
        }
    }
    assert refusal_fields(refused, "@ssh/web1") == expected
    try:
        try:
            raise refused
        except UnknownHostKey as error:
            raise ConnectionError("could not connect") from error
    except ConnectionError as wrapped:
        assert refusal_fields(wrapped, "@ssh/web1") == expected
    try:
        try:
            raise refused
        except UnknownHostKey:
            raise RuntimeError(
                "while handling it"
            )  # its implicit __context__ is the refusal
    except RuntimeError as chained:
        assert refusal_fields(chained, "@ssh/web1") == expected
    assert refusal_fields(ConnectionError("refused"), "@ssh/web1") == {}
