"""What the checks of one target and one host work with: the connector class, pyinfra's own
inventory, State and Host, the host's scratch folder, and @local as the reference."""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from typing import Any

from pyinfra.api import StringCommand

from .. import host_keys
from ..execution import checked_output
from ..inventory import LoadedInventory
from ..targets import Target
from .calls import connector
from .registry import CheckError


@dataclass
class TargetContext:
    spec: str
    target: Target
    cls: Any
    items: list = field(default_factory=list)
    items_error: str | None = None
    loaded: LoadedInventory | None = None
    build_error: str | None = None
    bad_data: dict[str, str] = field(default_factory=dict)
    build: Any = None  # () -> a new LoadedInventory of the same target, as a second pyinfra run makes it


@dataclass
class Ran:
    success: bool
    stdout: list[str]
    stderr: list[str]


def lines_of(output_lines: list, stream: str) -> list[str]:
    return [line.line for line in output_lines if line.buffer_name == stream]


@dataclass
class HostContext:
    target: str  # the spec of the target whose connector serves the host
    state: Any
    host: Any
    arguments: dict  # pyinfra's connector arguments for this host (config defaults, host data)
    reference: Any  # the @local HostContext, or None when this is it
    scratch: str = ""  # a folder on the host that the suite removes at the end
    scratch_token: str = ""  # its name's random part, known before the folder is made
    notes: dict = field(default_factory=dict)  # what one check leaves for a later one (the op phase)
    host_keys: dict | None = None  # the unknown SSH host keys to accept, as for a run (host_keys.py)

    def calling(self, method: str):
        """A call of the host's connector (or of pyinfra code that calls it) under the check's deadline."""
        return connector(f"{method} of {self.target} on {self.host.name}", self.target)

    def connect(self) -> None:
        """Connected (connecting when not) and active in its State, as pyinfra's deploy has it."""
        if not self.host.connected:
            # the kit's one host-key policy, as for a run: pyinfra's own default (accept-new) would write an unknown key
            host_keys.apply_policy(self.host, self.host_keys)
            with self.calling("connect"):
                self.host.connect(show_errors=False, raise_exceptions=True)
        self.state.activate_host(self.host)

    def disconnect(self) -> None:
        if self.host.connected:
            with self.calling("disconnect"):
                self.host.disconnect()

    def run(self, command: str | StringCommand, **arguments) -> Ran:
        """host.run_shell_command as pyinfra calls it: the command first, the rest by keyword."""
        command = command if isinstance(command, StringCommand) else StringCommand(command)
        with self.calling("run_shell_command"):
            returned = self.host.run_shell_command(command, print_output=False, print_input=False, **{**self.arguments, **arguments})
        success, lines = checked_output("run_shell_command", returned)
        return Ran(success, lines_of(lines, "stdout"), lines_of(lines, "stderr"))

    def path(self, name: str) -> str:
        if not self.scratch:
            raise CheckError("the suite's scratch folder could not be made on this host")
        return f"{self.scratch}/{name}"

    def must(self, command: str, why: str) -> Ran:
        """A set-up command the check relies on; its failure is the check's error, not the connector's fail."""
        ran = self.run(command)
        if not ran.success:
            raise CheckError(f"could not {why}: {' '.join(ran.stderr)[:200] or 'the command failed'}")
        return ran

    def sha256(self, path: str) -> str:
        ran = self.must(f"sha256sum {shlex.quote(path)} 2>/dev/null || shasum -a 256 {shlex.quote(path)}", f"hash {path}")
        return ran.stdout[0].split()[0] if ran.stdout else ""
