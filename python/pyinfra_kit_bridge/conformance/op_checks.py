"""op.*: pyinfra's own operations, added with add_op and run with run_ops as a deploy runs them;
op.idempotent runs the same deploy again in a new State and expects no change."""

from __future__ import annotations

import hashlib
import io
import shlex

from gevent import GreenletExit
from pyinfra.api import State
from pyinfra.api.operation import add_op
from pyinfra.api.operations import run_ops
from pyinfra.operations import files, server

from ..deadlines import DeadlineExceeded
from .calls import connector, describe
from .context import HostContext
from .registry import OPERATIONS, CheckError, Failed, Skipped, check, expect_equal

PUT_CONTENT = b"put by pyinfra's files.put\n"
LINE = "kit-line = present"
# the idempotent round leaves server.shell out: a shell command always changes. files.put comes
# last: a connector that raises on a file object stops the deploy there, as it stops pyinfra's.
IDEMPOTENT = ("files.directory", "files.line", "files.put")
OPERATION_NAMES = ("server.shell", *IDEMPOTENT)


def _operations(context: HostContext) -> dict[str, tuple]:
    folder = context.path("ops")
    return {
        "server.shell": (server.shell, {"commands": [f"echo kit-shell > {shlex.quote(folder)}/shell.txt"]}),
        "files.put": (files.put, {"src": io.BytesIO(PUT_CONTENT), "dest": f"{folder}/put.txt"}),
        "files.directory": (files.directory, {"path": f"{folder}/dir"}),
        "files.line": (files.line, {"path": f"{folder}/line.txt", "line": LINE}),
    }


def deploy(state: State, contexts: list[HostContext], names: tuple[str, ...], round_name: str, seconds: float) -> None:
    """Adds the operations for every host and runs them within ``seconds``; each op's OperationMeta lands in the notes."""
    usable = []
    for context in contexts:
        try:
            if round_name == "first":
                folder = shlex.quote(context.path("ops"))
                context.must(f"mkdir -p {folder} && printf 'first line\\n' > {folder}/line.txt", "prepare the deploy's folder")
        except (CheckError, DeadlineExceeded) as error:
            context.notes[round_name] = error if isinstance(error, CheckError) else CheckError(describe(error))
            continue
        usable.append(context)
    for context in usable[:]:
        try:
            # pyinfra's add_op runs the operation's function, which gathers facts through the connector
            operations = _operations(context)
            with context.calling(f"pyinfra's add_op ({round_name} run of the operations)"):
                # errors ignored so that one failing operation leaves the host active for the others
                context.notes[round_name] = {
                    name: add_op(state, operations[name][0], host=context.host, _ignore_errors=True, **operations[name][1])[context.host] for name in names
                }
        except CheckError as error:
            context.notes[round_name] = error
            usable.remove(context)
        except GreenletExit:
            raise
        except BaseException as error:
            # an overrun is the check's error; the connector raising while pyinfra gathers facts is its failure
            kind = CheckError if isinstance(error, DeadlineExceeded) else Failed
            context.notes[round_name] = kind(f"pyinfra's add_op did not add the operations: {describe(error)}")
            usable.remove(context)
    if not usable:
        return
    spec = usable[0].target
    try:
        with connector(f"pyinfra's run_ops ({round_name} run of the operations) through {spec}", spec, seconds):
            run_ops(state)
    except GreenletExit:
        raise
    except BaseException as error:  # the deploy stopped: operations not yet run say why
        for context in usable:
            context.notes.setdefault(f"{round_name}-error", f"the deploy stopped: {describe(error)}")


def _meta(context: HostContext, round_name: str, name: str):
    notes = context.notes.get(round_name)
    if isinstance(notes, (CheckError, Failed)):
        raise notes
    if not notes or name not in notes:
        raise CheckError(f"the deploy did not add {name}")
    return notes[name]


def _ran(context: HostContext, name: str) -> None:
    meta = _meta(context, "first", name)
    if not meta.is_complete():
        raise Failed(f"{name} did not run: {context.notes.get('first-error', 'the host left the deploy')}")
    if not meta.did_succeed():
        raise Failed(f"{name} failed: {' '.join(meta.stderr_lines)[:300] or 'no stderr'}")
    if not meta.did_change():
        raise Failed(f"{name} reported no change on its first run", expected="changed", actual="no change")


@check("op.server.shell", "server.shell runs its commands", OPERATIONS)
def shell(context: HostContext) -> None:
    _ran(context, "server.shell")
    expect_equal("what the command wrote", ["kit-shell"], context.run(f"cat {shlex.quote(context.path('ops'))}/shell.txt").stdout)


@check("op.files.put", "files.put uploads a file object", OPERATIONS)
def put(context: HostContext) -> None:
    _ran(context, "files.put")
    expect_equal("sha256 of the file put", hashlib.sha256(PUT_CONTENT).hexdigest(), context.sha256(f"{context.path('ops')}/put.txt"))


@check("op.files.directory", "files.directory makes a folder", OPERATIONS)
def directory(context: HostContext) -> None:
    _ran(context, "files.directory")
    expect_equal("the folder exists", True, context.run(f"test -d {shlex.quote(context.path('ops'))}/dir").success)


@check("op.files.line", "files.line adds a line to a file", OPERATIONS)
def line(context: HostContext) -> None:
    _ran(context, "files.line")
    expect_equal("the file's lines", ["first line", LINE], context.run(f"cat {shlex.quote(context.path('ops'))}/line.txt").stdout)


@check("op.idempotent", "a second run of files.put, files.directory and files.line changes nothing", OPERATIONS)
def idempotent(context: HostContext) -> str:
    changed, judged = [], []
    for name in IDEMPOTENT:
        first = _meta(context, "first", name)
        if not first.is_complete() or not first.did_succeed():
            continue  # its own check fails; a second run of it proves nothing
        second = _meta(context, "second", name)
        if not second.is_complete() or not second.did_succeed():
            raise Failed(f"{name} succeeded on its first run and failed on its second: {context.notes.get('second-error', '')}")
        judged.append(name)
        if second.did_change():
            changed.append(name)
    if not judged:
        raise Skipped("none of the operations succeeded on their first run")
    expect_equal("operations that changed on the second run", [], changed)
    return ", ".join(judged)
