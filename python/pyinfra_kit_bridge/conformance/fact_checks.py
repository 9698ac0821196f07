"""fact.*: pyinfra's own facts, gathered through the connector with host.get_fact."""

from __future__ import annotations

import hashlib
import os
import tempfile

from pyinfra.facts.files import File, Sha256File
from pyinfra.facts.server import Arch, Hostname, Os

from .context import HostContext
from .registry import CheckError, Failed, check, expect_equal
from .transfer import put

FACT_FILE = "fact-file.txt"
FACT_CONTENT = b"a file for pyinfra's File and Sha256File facts\n"
FACT_MODE = 640


def _gathered(context: HostContext, fact, **arguments):
    """pyinfra gathers the fact with commands it runs through the connector."""
    with context.calling(f"run_shell_command (pyinfra's {fact.__name__} fact)"):
        return context.host.get_fact(fact, **arguments)


def _same_as_command(context: HostContext, fact, command: str) -> str:
    """The fact is a non-empty string, and what the command it runs prints when run directly."""
    value = _gathered(context, fact)
    if not isinstance(value, str) or not value:
        raise Failed(f"{fact.__name__} is {value!r}, not a non-empty string")
    direct = context.run(command).stdout
    expect_equal(f"{fact.__name__} (expected: what `{command}` prints)", direct[0] if direct else "", value)
    return value


@check("fact.server.Hostname", "pyinfra's Hostname fact")
def hostname(context: HostContext) -> str:
    return _same_as_command(context, Hostname, "uname -n")


@check("fact.server.Os", "pyinfra's Os fact")
def os_fact(context: HostContext) -> str:
    return _same_as_command(context, Os, "uname -s")


@check("fact.server.Arch", "pyinfra's Arch fact")
def arch(context: HostContext) -> str:
    return _same_as_command(context, Arch, "uname -m")


def _fact_file(context: HostContext) -> str:
    """A file the suite put (once per host), with a known size and mode."""
    remote = context.path(FACT_FILE)
    if context.notes.get("fact-file") != remote:
        with tempfile.TemporaryDirectory(prefix="pyinfra-kit-fact-") as folder:
            local = os.path.join(folder, FACT_FILE)
            with open(local, "wb") as handle:
                handle.write(FACT_CONTENT)
            if not put(context, local, remote):
                raise CheckError("could not put the file the fact describes")
        context.must(f"chmod {FACT_MODE} {remote}", "set the file's mode")
        context.notes["fact-file"] = remote
    return remote


@check("fact.files.File", "pyinfra's File fact of a file the suite put: its size and mode")
def file_fact(context: HostContext) -> None:
    value = _gathered(context, File, path=_fact_file(context))
    if not isinstance(value, dict):
        raise Failed(f"File is {value!r} for a file that exists")
    expect_equal("File size and mode", {"size": len(FACT_CONTENT), "mode": FACT_MODE}, {"size": value.get("size"), "mode": value.get("mode")})


@check("fact.files.Sha256File", "pyinfra's Sha256File fact of a file the suite put")
def sha256_fact(context: HostContext) -> None:
    value = _gathered(context, Sha256File, path=_fact_file(context))
    expect_equal("Sha256File", hashlib.sha256(FACT_CONTENT).hexdigest(), value)
