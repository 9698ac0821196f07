"""One host-key policy for pyinfra's @ssh, the same as the native path: a key known_hosts does not
list is refused, naming its type and SHA256 fingerprint, unless the person accepted it (the CLI's
--accept-new-host-key, the extension's "Accept once" / "Accept and remember"), or the host data sets
``ssh_strict_host_key_checking`` itself. A changed key is refused by paramiko before authentication
whatever the policy. pyinfra's own default would be ``accept-new``: unknown keys written silently."""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from paramiko import MissingHostKeyPolicy, SSHException
from pyinfra.connectors.sshuserclient.client import append_hostkey


def fingerprint(key) -> str:
    """As OpenSSH prints it: SHA256 of the key blob, base64 without padding."""
    return "SHA256:" + base64.b64encode(hashlib.sha256(key.asbytes()).digest()).decode().rstrip("=")


class UnknownHostKey(SSHException):
    def __init__(self, hostname: str, key_type: str, key_fingerprint: str) -> None:
        super().__init__(f"the {key_type} host key of {hostname} ({key_fingerprint}) is not in known_hosts")
        self.refusal = {"host": hostname, "keyType": key_type, "fingerprint": key_fingerprint}


class KitHostKeyPolicy(MissingHostKeyPolicy):
    """``accept``: {"acceptNew": bool, "accept": [{"fingerprint": ..., "remember": bool}]}"""

    def __init__(self, accept: dict | None) -> None:
        self._accept_new = bool((accept or {}).get("acceptNew"))
        self._accepted = {item.get("fingerprint"): bool(item.get("remember")) for item in (accept or {}).get("accept") or []}

    def missing_host_key(self, client, hostname, key) -> None:
        seen = fingerprint(key)
        if not self._accept_new and seen not in self._accepted:
            raise UnknownHostKey(hostname, key.get_name(), seen)
        if self._accept_new or self._accepted[seen]:
            append_hostkey(client, hostname, key)
            # pyinfra keeps the known_hosts it read in memory for the life of the process
            client.get_host_keys().add(hostname, key.get_name(), key)


def apply_policy(host, accept: dict | None) -> None:
    """Before connecting: the kit's policy for an @ssh host whose data does not choose its own."""
    from pyinfra.connectors.ssh import (
        SSHConnector,  # here: the bridge starts without it
    )

    connector = getattr(host, "connector", None)
    if isinstance(connector, SSHConnector) and host.data.get("ssh_strict_host_key_checking") is None:
        connector.data["ssh_strict_host_key_checking"] = KitHostKeyPolicy(accept)  # type: ignore[typeddict-item]


def refusal_fields(error: BaseException, target: str) -> dict[str, Any]:
    """{"hostKey": {host, keyType, fingerprint, target}} when the error came from refusing an unknown
    key: what a person is asked about, and the target to run the host again on once accepted."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, UnknownHostKey):
            return {"hostKey": {**seen.refusal, "target": target}}
        seen = seen.__cause__ or seen.__context__
    return {}
