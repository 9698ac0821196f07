"""The one place where the bridge patches pyinfra's internals. Each patch checks that the code it
replaces is the code it was written against (pyinfra 3.x as read in .venv), and leaves pyinfra
alone, saying so in the log, when it is not.

- Output readers: pyinfra decodes each output line as strict UTF-8 in a reader greenlet; the first
  byte that is not UTF-8 kills the greenlet, so later lines are lost, the status is still the
  command's, and past 64 KB the command blocks on its full pipe forever. Lines are decoded with
  backslash escapes instead.
- Exit codes: connectors return only (success, output); the exit code pyinfra's @local and @ssh
  saw is kept per host for the result.
- Host keys: SSHClient resolves ``ssh_strict_host_key_checking`` to a paramiko policy by name;
  the kit's own policy object (host_keys.py) is passed through as it is.
- Connector lookup: pyinfra's Inventory asks ``get_all_connectors()``/``get_execution_connectors()``,
  which load every installed entry point on every call and fail when any one is broken; the bridge's
  inventory answers them from its own registry (see inventory.py).
- @local get_file passes the remote path to ``cp`` unquoted (a path with a space or ``;`` runs
  something else); it is quoted here, as pyinfra's put_file already does.
"""

from __future__ import annotations

import inspect
import sys
import weakref
from collections.abc import Callable
from typing import Any

# the pyinfra minor versions whose code every patch here was read against (inclusive); a newer minor
# may change that code: test_bridge_pyinfra_compat.py fails until someone reads it and widens this
CHECKED_MINORS = ((3, 0), (3, 10))


def minor_of(version: str) -> tuple[int, int] | None:
    parts = version.split(".")
    try:
        return int(parts[0]), int(parts[1])
    except (IndexError, ValueError):
        return None


def is_checked(version: str) -> bool:
    minor = minor_of(version)
    return minor is not None and CHECKED_MINORS[0] <= minor <= CHECKED_MINORS[1]


_exit_codes: weakref.WeakKeyDictionary[Any, int] = weakref.WeakKeyDictionary()
_installed = False


def _skip(what: str) -> None:
    sys.stderr.write(f"pyinfra-kit: pyinfra's {what} is not the code this patch was written for; left as it is\n")


def _has_parameters(function: Callable, names: list[str]) -> bool:
    try:
        return list(inspect.signature(function).parameters)[: len(names)] == names
    except (TypeError, ValueError):
        return False


def _source_has(function: Callable, text: str) -> bool:
    try:
        return text in inspect.getsource(function)
    except (OSError, TypeError):
        return False


def _patch_output_reader() -> None:
    from pyinfra.connectors import util

    original = util.read_buffer
    if not _has_parameters(original, ["name", "io", "output_queue", "print_output", "print_func"]) or not _source_has(original, 'line.decode("utf-8")'):
        return _skip("connectors.util.read_buffer")

    def read_buffer(name, io, output_queue, print_output=False, print_func=None) -> None:
        # paramiko's channel files decode each line strictly themselves unless they are binary
        if hasattr(io, "FLAG_BINARY") and hasattr(io, "_flags"):
            io._flags |= io.FLAG_BINARY
        for line in io:
            if not isinstance(line, str):
                line = line.decode("utf-8", errors="backslashreplace")
            line = line.rstrip("\n")
            output_queue.put(util.OutputLine(name, line))
            if print_output:
                util.echo(print_func(line) if print_func else line, err=True)

    util.read_buffer = read_buffer


def _patch_exit_codes() -> None:
    from pyinfra.connectors import util

    original = util.execute_command_with_sudo_retry
    if not _has_parameters(original, ["host", "command_arguments", "execute_command"]):
        return _skip("connectors.util.execute_command_with_sudo_retry")

    def execute_command_with_sudo_retry(host, command_arguments, execute_command):
        return_code, output = original(host, command_arguments, execute_command)
        _exit_codes[host] = return_code
        return return_code, output

    util.execute_command_with_sudo_retry = execute_command_with_sudo_retry
    # modules that imported the name before this ran (@local, @ssh and any other loaded connector)
    for name, module in list(sys.modules.items()):
        if name.startswith("pyinfra.connectors.") and getattr(module, "execute_command_with_sudo_retry", None) is original:
            module.execute_command_with_sudo_retry = execute_command_with_sudo_retry


def forget_exit_code(host) -> None:
    _exit_codes.pop(host, None)


def last_exit_code(host) -> int | None:
    """The exit code of the last command pyinfra ran for this host, when its connector says it."""
    return _exit_codes.get(host)


def _patch_host_key_policy() -> None:
    from paramiko import MissingHostKeyPolicy
    from pyinfra.connectors.sshuserclient import client

    original = client.get_missing_host_key_policy
    if not _has_parameters(original, ["policy"]) or not _source_has(client.SSHClient.parse_config, "get_missing_host_key_policy(strict_host_key_checking)"):
        return _skip("sshuserclient.client.get_missing_host_key_policy")

    def get_missing_host_key_policy(policy):
        return policy if isinstance(policy, MissingHostKeyPolicy) else original(policy)

    client.get_missing_host_key_policy = get_missing_host_key_policy


def _patch_local_get_file() -> None:
    from pyinfra.api.command import QuoteString
    from pyinfra.connectors.local import LocalConnector

    original = LocalConnector.get_file
    if not _source_has(original, 'StringCommand("cp", remote_filename, temp_filename)'):
        return _skip("connectors.local.LocalConnector.get_file")

    def get_file(self, remote_filename, filename_or_io, *args, **kwargs):
        quoted = QuoteString(remote_filename) if isinstance(remote_filename, str) else remote_filename
        return original(self, quoted, filename_or_io, *args, **kwargs)

    get_file.__wrapped__ = original  # type: ignore[attr-defined]
    LocalConnector.get_file = get_file


def patch_connector_lookup(all_connectors: Callable[[], dict], execution_connectors: Callable[[], dict]) -> None:
    import pyinfra.api.inventory as pyinfra_inventory

    if not _source_has(pyinfra_inventory.Inventory.make_hosts_and_groups, "get_all_connectors()"):
        return _skip("Inventory.make_hosts_and_groups")
    pyinfra_inventory.get_all_connectors = all_connectors
    pyinfra_inventory.get_execution_connectors = execution_connectors


def install() -> None:
    global _installed
    if _installed:
        return
    _installed = True
    import pyinfra

    if not is_checked(str(pyinfra.__version__)):
        sys.stderr.write(f"pyinfra-kit: pyinfra {pyinfra.__version__} is newer than the versions its patches were checked against\n")
    _patch_output_reader()
    _patch_exit_codes()
    _patch_host_key_policy()
    _patch_local_get_file()
