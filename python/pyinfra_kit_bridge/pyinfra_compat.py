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
- Argument types: ``all_global_arguments()`` evaluates the type hints of ``AllArguments`` on every
  call, twice for each host of a run (pop_global_arguments); they never change, so they are
  evaluated once.
- @local get_file passes the remote path to ``cp`` unquoted (a path with a space or ``;`` runs
  something else); it is quoted here, as pyinfra's put_file already does.
- Group lists: Inventory.make_hosts_and_groups asks ``host not in group`` of plain lists for every
  host (quadratic: a minute for 100,000 hosts); the bridge's Inventory gives it lists whose
  membership test is by identity in O(1).
- Run hosts only: State.init initialises every host of the inventory, each scanning all hosts (for
  the width of its print prefix); a run's inventory keeps only the hosts it runs on.

Each patch names the pyinfra minor versions it was read against (``PATCHES``); ``install`` warns
about any patch whose range the installed pyinfra is outside of.
"""

from __future__ import annotations

import functools
import inspect
import sys
import weakref
from collections import defaultdict
from collections.abc import Callable
from typing import Any

# the pyinfra minor versions whose code every patch here was read against (inclusive); a newer minor
# may change that code: test_bridge_pyinfra_compat.py fails until someone reads it and widens this
CHECKED_MINORS = ((3, 0), (3, 10))
MinorRange = tuple[tuple[int, int], tuple[int, int]]


def minor_of(version: str) -> tuple[int, int] | None:
    parts = version.split(".")
    try:
        return int(parts[0]), int(parts[1])
    except (IndexError, ValueError):
        return None


def is_checked(version: str, checked: MinorRange = CHECKED_MINORS) -> bool:
    minor = minor_of(version)
    return minor is not None and checked[0] <= minor <= checked[1]


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


def _patch_argument_types() -> None:
    from pyinfra.api import arguments

    original = arguments.all_global_arguments
    if not _source_has(original, "list(get_type_hints(AllArguments).items())") or not _source_has(arguments.pop_global_arguments, "all_global_arguments()"):
        return _skip("api.arguments.all_global_arguments")
    evaluated = original()

    def all_global_arguments() -> list[tuple[str, type]]:
        return list(evaluated)

    arguments.all_global_arguments = all_global_arguments
    # modules that imported the name before this ran
    for name, module in list(sys.modules.items()):
        if name.startswith("pyinfra.") and getattr(module, "all_global_arguments", None) is original:
            module.all_global_arguments = all_global_arguments


def patch_connector_lookup(all_connectors: Callable[[], dict], execution_connectors: Callable[[], dict]) -> None:
    import pyinfra.api.inventory as pyinfra_inventory

    if not _source_has(pyinfra_inventory.Inventory.make_hosts_and_groups, "get_all_connectors()"):
        return _skip("Inventory.make_hosts_and_groups")
    pyinfra_inventory.get_all_connectors = all_connectors
    pyinfra_inventory.get_execution_connectors = execution_connectors


class _GroupMembers(list):
    """A group's host list whose membership test is by identity in O(1), as Host has no __eq__."""

    def __init__(self) -> None:
        super().__init__()
        self._ids: set[int] = set()

    def append(self, host) -> None:
        self._ids.add(id(host))
        super().append(host)

    def __contains__(self, host) -> bool:
        return id(host) in self._ids


@functools.cache
def inventory_class() -> type:
    """pyinfra's Inventory, its own code building hosts and groups, with faster group lists; pyinfra's
    own class when that code is not what this was written for."""
    from pyinfra.api.inventory import Inventory

    if not _source_has(Inventory.make_hosts_and_groups, "if host not in self.groups[group_name]:"):
        _skip("Inventory.make_hosts_and_groups")
        return Inventory

    class FastGroupsInventory(Inventory):
        def make_hosts_and_groups(self, names, groups) -> None:
            self.groups = defaultdict(_GroupMembers)
            super().make_hosts_and_groups(names, groups)
            self.groups = defaultdict(list, {name: list(members) for name, members in self.groups.items()})

    return FastGroupsInventory


def keep_only(inventory, hosts: list) -> None:
    """The inventory's hosts and groups cut down to ``hosts`` before State.init, which is quadratic in
    the inventory's size; a run needs only the hosts it runs on."""
    keep = {host.name for host in hosts}
    inventory.hosts = {name: host for name, host in inventory.hosts.items() if name in keep}
    for group, members in inventory.groups.items():
        inventory.groups[group] = [host for host in members if host.name in keep]


# every patch: the pyinfra code it replaces or relies on, the minor versions it was read against,
# and what installs it at startup (None: used where the bridge builds an Inventory or a State)
PATCHES: dict[str, tuple[MinorRange, Callable[[], None] | None]] = {
    "connectors.util.read_buffer": (CHECKED_MINORS, _patch_output_reader),
    "connectors.util.execute_command_with_sudo_retry": (CHECKED_MINORS, _patch_exit_codes),
    "sshuserclient.client.get_missing_host_key_policy": (CHECKED_MINORS, _patch_host_key_policy),
    "connectors.local.LocalConnector.get_file": (CHECKED_MINORS, _patch_local_get_file),
    "api.arguments.all_global_arguments": (CHECKED_MINORS, _patch_argument_types),
    "api.inventory get_all_connectors/get_execution_connectors": (CHECKED_MINORS, None),
    "Inventory.make_hosts_and_groups": (CHECKED_MINORS, None),
    "State.init": (CHECKED_MINORS, None),
}


def install() -> None:
    global _installed
    if _installed:
        return
    _installed = True
    import pyinfra

    version = str(pyinfra.__version__)
    if not is_checked(version):
        sys.stderr.write(f"pyinfra-kit: pyinfra {version} is newer than the versions its patches were checked against\n")
    for what, (checked, apply) in PATCHES.items():
        if checked != CHECKED_MINORS and not is_checked(version, checked):
            sys.stderr.write(f"pyinfra-kit: the patch of pyinfra's {what} was checked against {checked}, not pyinfra {version}\n")
        if apply is not None:
            apply()
